import { applyDecorators, BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiPreconditionFailedResponse, ApiResponse } from '@nestjs/swagger';
import type { EntityManager, EntityTarget } from 'typeorm';
import { now } from '../../database/columns.js';
import { PreconditionFailedError, PreconditionRequiredError } from '../errors/domain-errors.js';
import type { CaseRecord } from './record-columns.js';

/** Accepts `"3"`, `W/"3"` or `3`: the ETag a GET returned. */
export function parseIfMatch(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') {
    throw new PreconditionRequiredError('If-Match header required: send the ETag from your last GET of this record');
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) throw new BadRequestException('If-Match must be the ETag of the record, e.g. "3"');
  return Number(match[1]);
}

const documentIfMatch: ParameterDecorator = (target, key) => {
  if (!key) return;
  ApiHeader({ name: 'If-Match', required: true, description: 'ETag from the last GET (428 if missing, 412 if stale)' })(
    target, key, Object.getOwnPropertyDescriptor(target, key)!);
};

/** The version the client last saw. Missing → 428; a stale one makes the write fail with 412. */
export const IfMatch = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): number => parseIfMatch(ctx.switchToHttp().getRequest().headers['if-match']),
  [documentIfMatch],
);

/**
 * Writes `changes` only if the row is still at `expectedVersion`: the check is part of the
 * UPDATE itself, so of two concurrent editors exactly one wins. Returns the record as written.
 */
export async function updateVersioned<T extends CaseRecord>(
  em: EntityManager, entity: EntityTarget<T>, current: T, expectedVersion: number, changes: Partial<T>,
): Promise<T> {
  const updatedAt = now();
  const result = await em.createQueryBuilder().update(entity)
    .set({ ...changes, updatedAt, version: () => 'version + 1' } as never)
    .where('id = :id AND version = :expectedVersion', { id: current.id, expectedVersion })
    .execute();
  if (!result.affected) {
    const latest = await em.findOneBy(entity, { id: current.id } as never) as T | null;
    const currentVersion = latest?.version ?? current.version;
    throw new PreconditionFailedError(
      `the record has changed since you read it: you sent version ${expectedVersion}, the current version is ${currentVersion}`,
      { currentVersion },
    );
  }
  return Object.assign(Object.create(Object.getPrototypeOf(current)), current, changes, { updatedAt, version: expectedVersion + 1 });
}

/** Documents the 428 and 412 answers of a route that takes @IfMatch(). */
export const ApiVersionedWrite = () => applyDecorators(
  ApiResponse({ status: 428, description: 'If-Match header missing' }),
  ApiPreconditionFailedResponse({ description: 'If-Match is stale: details.currentVersion holds the current version; nothing was written' }),
);
