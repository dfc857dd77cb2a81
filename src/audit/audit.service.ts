import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { requestContext } from '../common/http/request-context.js';
import { lockForTransaction } from '../database/advisory-lock.js';
import { now } from '../database/columns.js';
import { AuditEvent } from './audit-event.entity.js';
import { GENESIS_HASH, hashEvent } from './audit-hash.js';

export interface AuditEntry {
  actor: Pick<AuthUser, 'id' | 'username' | 'roles'> | null;
  action: string;
  entityType?: string;
  entityId?: string;
  /** Before- and after-images; only the fields that differ are stored. */
  before?: object | null;
  after?: object | null;
  detail?: Record<string, unknown>;
}

/** Lets every writer on PostgreSQL take its turn at the end of the chain. */
const PG_AUDIT_LOCK = 727_001;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The value exactly as it will read back from its JSON column (a Date becomes its ISO string,
 * undefined members vanish): the hash must be computed over what the verifier will see.
 */
const asStored = <T>(value: T): T => (value === null || value === undefined ? value : JSON.parse(JSON.stringify(value)));

export function diff(before: object | null | undefined, after: object | null | undefined) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (!same(b[key], a[key])) changes[key] = { before: b[key] ?? null, after: a[key] ?? null };
  }
  return changes;
}

@Injectable()
export class AuditService {
  /** Appends one event inside the caller's transaction: if it fails, the change fails. */
  async record(em: EntityManager, entry: AuditEntry): Promise<AuditEvent> {
    await lockForTransaction(em, PG_AUDIT_LOCK);
    const last = await em.createQueryBuilder(AuditEvent, 'e')
      .select(['e.seq', 'e.hash']).orderBy('e.seq', 'DESC').limit(1).getOne();
    const context = requestContext.getStore();
    const changes = entry.before !== undefined || entry.after !== undefined ? asStored(diff(entry.before, entry.after)) : null;
    const event: Omit<AuditEvent, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      at: now(),
      actorId: entry.actor?.id ?? null,
      actorUsername: entry.actor?.username ?? null,
      actorRoles: asStored(entry.actor?.roles) ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      changes,
      detail: asStored(entry.detail) ?? null,
      requestId: context?.requestId ?? null,
      clientIp: context?.clientIp ?? null,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const complete = Object.assign(new AuditEvent(), event, { hash: hashEvent(event) });
    await em.save(AuditEvent, complete, { reload: false });
    return complete;
  }
}
