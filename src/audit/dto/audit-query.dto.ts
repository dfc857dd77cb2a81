import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { isISO8601, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/http/paging.js';

/** Instants are compared as ISO strings in UTC: normalise whatever offset the caller used. */
const toIsoInstant = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string' || !isISO8601(value, { strict: true })) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
};

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'complaint', description: 'officer, complaint, investigation, user, export…' })
  @IsOptional() @IsString() @MaxLength(40)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ description: 'the user who acted' })
  @IsOptional() @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'user.login_failed', description: 'exact action, or a prefix ending in ".*" (e.g. "complaint.*")' })
  @IsOptional() @IsString() @MaxLength(60) @Matches(/^[a-z0-9_.]+(\.\*)?$/, { message: 'action must be an action name such as user.created, or a prefix such as user.*' })
  action?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'events at or after this instant' })
  @IsOptional() @IsISO8601({ strict: true }) @Transform(toIsoInstant)
  from?: string;

  @ApiPropertyOptional({ example: '2026-02-01T00:00:00Z', description: 'events before this instant' })
  @IsOptional() @IsISO8601({ strict: true }) @Transform(toIsoInstant)
  to?: string;
}
