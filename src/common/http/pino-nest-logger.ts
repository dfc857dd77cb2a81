import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';
import { requestContext } from './request-context.js';

/**
 * Sends Nest's own log lines (bootstrap, errors, services' Logger) through Fastify's pino
 * logger: one JSON stream. Lines written while serving a request carry its `reqId`, the same
 * field Fastify's request lines use, so one request's lines can be found together.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: FastifyBaseLogger) {}

  log(message: unknown, context?: string) { this.pino.info(this.fields(context), String(message)); }
  error(message: unknown, trace?: string, context?: string) { this.pino.error({ ...this.fields(context), trace }, String(message)); }
  warn(message: unknown, context?: string) { this.pino.warn(this.fields(context), String(message)); }
  debug(message: unknown, context?: string) { this.pino.debug(this.fields(context), String(message)); }
  verbose(message: unknown, context?: string) { this.pino.trace(this.fields(context), String(message)); }
  fatal(message: unknown, context?: string) { this.pino.fatal(this.fields(context), String(message)); }

  private fields(context?: string): { context?: string; reqId?: string } {
    const requestId = requestContext.getStore()?.requestId;
    return requestId ? { context, reqId: requestId } : { context };
  }
}
