import { createHash } from 'node:crypto';
import type { AuditEvent } from './audit-event.entity.js';

export const GENESIS_HASH = '0'.repeat(64);

/** Stable JSON: keys sorted at every depth, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash covers every field of the event except the hash itself, including prevHash. */
export function hashEvent(event: Omit<AuditEvent, 'hash'>): string {
  const { seq, at, actorId, actorUsername, actorRoles, action, entityType, entityId, changes, detail, requestId, clientIp, prevHash } = event;
  const canonical = canonicalJson({ seq, at, actorId, actorUsername, actorRoles, action, entityType, entityId, changes, detail, requestId, clientIp, prevHash });
  return createHash('sha256').update(canonical).digest('hex');
}
