import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { hasRole, type AuthUser } from '../../common/auth/auth-user.js';
import { Role } from '../../common/auth/role.js';
import type { AuditEvent } from '../audit-event.entity.js';
import type { ChainHead } from '../audit-checkpoints.js';

/** Complainant personal data: only investigators and reviewers may see it, in history too. */
export const COMPLAINANT_FIELDS = new Set([
  'complainantName', 'complainantContact', 'complainantAnonymous', 'complainantAttributes', 'complainant',
]);

export const seesComplainantData = (viewer: AuthUser): boolean => hasRole(viewer, Role.Investigator, Role.Reviewer);

/** A copy without complainant fields, at any depth. */
function withoutComplainant(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComplainant);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>)
    .filter(([key]) => !COMPLAINANT_FIELDS.has(key))
    .map(([key, v]) => [key, withoutComplainant(v)]));
}

export class AuditActor {
  @ApiProperty({ nullable: true, type: String }) id!: string | null;
  @ApiProperty({ nullable: true, type: String }) username!: string | null;
  @ApiProperty({ type: [String] }) roles!: string[];
}

export class AuditEventResponse {
  @ApiProperty() seq!: number;
  @ApiProperty({ description: 'ISO instant' }) at!: string;
  @ApiProperty({ type: AuditActor, nullable: true, description: 'null for the system (e.g. first start)' }) actor!: AuditActor | null;
  @ApiProperty({ example: 'complaint.updated' }) action!: string;
  @ApiProperty({ nullable: true, type: String }) entityType!: string | null;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiPropertyOptional({ description: 'changed fields: { field: { before, after } }', type: 'object', additionalProperties: true, nullable: true })
  changes!: Record<string, { before: unknown; after: unknown }> | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) detail!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ nullable: true, type: String }) clientIp!: string | null;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;

  /** Viewers who may not see complainant personal data get the event without those fields. */
  static from(event: AuditEvent, viewer: AuthUser): AuditEventResponse {
    const redact = !seesComplainantData(viewer);
    return {
      seq: event.seq,
      at: event.at,
      actor: event.actorId || event.actorUsername ? { id: event.actorId, username: event.actorUsername, roles: event.actorRoles ?? [] } : null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      changes: redact ? withoutComplainant(event.changes) as AuditEventResponse['changes'] : event.changes,
      detail: redact ? withoutComplainant(event.detail) as AuditEventResponse['detail'] : event.detail,
      requestId: event.requestId,
      clientIp: event.clientIp,
      prevHash: event.prevHash,
      hash: event.hash,
    };
  }
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventResponse] }) items!: AuditEventResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class ChainHeadResponse implements ChainHead {
  @ApiProperty() seq!: number;
  @ApiProperty() hash!: string;
}

export class VerifyReportResponse {
  @ApiProperty({ description: 'true when the chain and every checkpoint check out' }) ok!: boolean;
  @ApiProperty({ description: 'events read' }) events!: number;
  @ApiProperty({ description: 'signed checkpoints read' }) checkpoints!: number;
  @ApiProperty({ type: ChainHeadResponse, nullable: true }) head!: ChainHeadResponse | null;
  @ApiPropertyOptional({ description: 'first missing, altered, inserted or misplaced event' }) firstBadSeq?: number;
  @ApiPropertyOptional({ description: 'what is wrong, in words' }) problem?: string;
}
