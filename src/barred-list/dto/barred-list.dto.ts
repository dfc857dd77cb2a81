import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/http/paging.js';
import { QueryBoolean } from '../../common/http/sorting.js';
import type { BarredListEntry } from '../barred-list-entry.entity.js';

export class BarredListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'search in name, service number and force (case-insensitive, part of a word is enough)', maxLength: 100 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'include entries removed after a review or appeal' })
  @IsOptional() @QueryBoolean() @IsBoolean()
  includeRemoved = false;
}

/** The case behind an entry: shown only to those who may see that case. */
export class BarredListCase {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() outcomeId!: string;
}

export class BarredListEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() officerId!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty() force!: string;
  @ApiProperty() serviceNumber!: string;
  @ApiProperty({ format: 'date' }) addedOn!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'five years on for gross misconduct' }) reviewEligibleOn!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) removedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) removalReason!: string | null;
  @ApiProperty({ type: BarredListCase, nullable: true, description: 'null when the case is not one you may see' }) case!: BarredListCase | null;

  static from(e: BarredListEntry, caseReference: string | undefined): BarredListEntryResponse {
    return {
      id: e.id, officerId: e.officerId, givenName: e.givenName, familyName: e.familyName, force: e.force,
      serviceNumber: e.serviceNumber, addedOn: e.addedOn, reason: e.reason, reviewEligibleOn: e.reviewEligibleOn,
      removedOn: e.removedOn, removalReason: e.removalReason,
      case: caseReference === undefined ? null : { id: e.investigationId, reference: caseReference, outcomeId: e.outcomeId },
    };
  }
}
