import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsDay } from '../../common/time/day.js';
import { ArchivablePageQuery } from '../../common/http/query-flags.js';
import { sortValues } from '../../common/http/sorting.js';
import { InvestigationMode, InvestigationStatus } from '../investigation.enums.js';

export const INVESTIGATION_SORT_FIELDS = ['reference', 'title', 'status', 'mode', 'openedOn', 'closedOn', 'createdAt', 'updatedAt'] as const;
export type InvestigationSortField = (typeof INVESTIGATION_SORT_FIELDS)[number];

export class ListInvestigationsQuery extends ArchivablePageQuery {
  @ApiPropertyOptional({ enum: InvestigationStatus })
  @IsOptional() @IsEnum(InvestigationStatus)
  status?: InvestigationStatus;

  @ApiPropertyOptional({ enum: InvestigationMode })
  @IsOptional() @IsEnum(InvestigationMode)
  mode?: InvestigationMode;

  @ApiPropertyOptional({ description: 'exact station name' })
  @IsOptional() @IsString() @MaxLength(120)
  station?: string;

  @ApiPropertyOptional({ description: 'exact operation name' })
  @IsOptional() @IsString() @MaxLength(120)
  operation?: string;

  @ApiPropertyOptional({ description: 'opened on or after this day' })
  @IsOptional() @IsDay()
  openedFrom?: string;

  @ApiPropertyOptional({ description: 'opened on or before this day' })
  @IsOptional() @IsDay()
  openedTo?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  leadInvestigatorId?: string;

  @ApiPropertyOptional({ description: 'investigations with this officer as a subject' })
  @IsOptional() @IsUUID()
  officerId?: string;

  @ApiPropertyOptional({ example: 'INV-2018-000001', description: 'exactly this reference (the web app finds a case page\'s id by it)' })
  @IsOptional() @IsString() @MaxLength(40)
  reference?: string;

  @ApiPropertyOptional({ description: 'text search on reference, title, and names and service numbers of subject officers' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: sortValues(INVESTIGATION_SORT_FIELDS), default: '-openedOn', description: 'a leading - sorts descending' })
  @IsOptional() @IsIn(sortValues(INVESTIGATION_SORT_FIELDS))
  sort: string = '-openedOn';
}
