import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Session, type SessionEndReason } from './session.entity.js';

/**
 * Ends every live session of an account inside the caller's transaction (deactivation, a
 * password change or reset), with one audit event saying how many. Returns that number.
 */
export async function endSessionsOf(
  em: EntityManager, audit: AuditService, userId: string, reason: SessionEndReason, actor: AuthUser | null,
): Promise<number> {
  const result = await em.createQueryBuilder().update(Session)
    .set({ endedAt: new Date().toISOString(), endedReason: reason })
    .where('user_id = :userId AND ended_at IS NULL', { userId })
    .execute();
  const ended = result.affected ?? 0;
  if (ended > 0) {
    await audit.record(em, { actor, action: 'auth.sessions_ended', entityType: 'user', entityId: userId, detail: { reason, sessions: ended } });
  }
  return ended;
}

/** Ends one session if it is still live; false when it had already ended (another request was first). */
export async function endSession(em: EntityManager, tokenHash: string, reason: SessionEndReason, at: Date): Promise<boolean> {
  const result = await em.createQueryBuilder().update(Session)
    .set({ endedAt: at.toISOString(), endedReason: reason })
    .where('token_hash = :tokenHash AND ended_at IS NULL', { tokenHash })
    .execute();
  return (result.affected ?? 0) > 0;
}
