import {
  ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ConflictError, DomainError, InvalidCredentialsError, NotAllowedError, NotFoundError,
  PreconditionFailedError, PreconditionRequiredError, RuleViolationError, ServiceUnavailableError,
} from './domain-errors.js';
import { isDatabaseBusy, isDiskFull, isUniqueViolation } from './database-errors.js';

const STATUS = new Map<Function, number>([
  [NotFoundError, 404],
  [ConflictError, 409],
  [RuleViolationError, 422],
  [NotAllowedError, 403],
  [InvalidCredentialsError, 401],
  [PreconditionRequiredError, 428],
  [PreconditionFailedError, 412],
  [ServiceUnavailableError, 503],
]);

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

export function errorName(status: number): string {
  return (HttpStatus[status] ?? 'Error').toString().toLowerCase().split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

/** Turns any thrown value into the one error shape; unknown errors become a logged, opaque 500. */
export function toErrorBody(exception: unknown, logger: Logger): { body: ErrorBody; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (exception instanceof DomainError) {
    const statusCode = STATUS.get(exception.constructor) ?? 500;
    if (statusCode === 503) headers['retry-after'] = '1';
    return { body: { statusCode, error: errorName(statusCode), message: exception.message, ...(exception.details ? { details: exception.details } : {}) }, headers };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse() as string | { message?: string | string[]; details?: unknown };
    const raw = typeof response === 'string' ? response : response.message ?? exception.message;
    const message = Array.isArray(raw) ? raw.join('; ') : raw;
    const details = typeof response === 'object' ? response.details : undefined;
    return { body: { statusCode, error: errorName(statusCode), message, ...(details ? { details } : {}) }, headers };
  }
  const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const message = fastifyStatus === 413 ? 'request body is too large' : (exception as Error).message;
    return { body: { statusCode: fastifyStatus, error: errorName(fastifyStatus), message }, headers };
  }
  if (isUniqueViolation(exception)) {
    // A service that knows which field clashed throws its own ConflictError; this is the fallback.
    return { body: { statusCode: 409, error: 'Conflict', message: 'conflicts with an existing record' }, headers };
  }
  if (isDatabaseBusy(exception)) {
    headers['retry-after'] = '1';
    return { body: { statusCode: 503, error: 'Service Unavailable', message: 'the database is busy; retry shortly' }, headers };
  }
  if (isDiskFull(exception)) {
    logger.error('database disk is full; the write was rolled back');
    return { body: { statusCode: 507, error: 'Insufficient Storage', message: 'the database disk is full; nothing was written' }, headers };
  }
  logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
  return { body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error' }, headers };
}

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { body, headers } = toErrorBody(exception, this.logger);
    reply.status(body.statusCode).headers(headers).send(body);
  }
}
