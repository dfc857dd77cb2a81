import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ArchivablePageQuery } from '../../common/http/query-flags.js';
import { sortValues } from '../../common/http/sorting.js';
import { IsDay } from '../../common/time/day.js';
import { ComplaintChannel, ComplaintStatus } from '../complaint.enums.js';

export const COMPLAINT_SORT_FIELDS = ['reference', 'receivedOn', 'status', 'channel', 'createdAt', 'updatedAt'] as const;
export type ComplaintSortField = (typeof COMPLAINT_SORT_FIELDS)[number];

export class ListComplaintsQuery extends ArchivablePageQuery {
  @ApiPropertyOptional({ enum: ComplaintStatus })
  @IsOptional() @IsEnum(ComplaintStatus)
  status?: ComplaintStatus;

  @ApiPropertyOptional({ enum: ComplaintChannel })
  @IsOptional() @IsEnum(ComplaintChannel)
  channel?: ComplaintChannel;

  @ApiPropertyOptional({ description: 'received on or after this day' })
  @IsOptional() @IsDay()
  receivedFrom?: string;

  @ApiPropertyOptional({ description: 'received on or before this day' })
  @IsOptional() @IsDay()
  receivedTo?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  investigationId?: string;

  @ApiPropertyOptional({ description: 'text search on the reference' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(40)
  q?: string;

  @ApiPropertyOptional({ enum: sortValues(COMPLAINT_SORT_FIELDS), default: '-receivedOn', description: 'a leading - sorts descending' })
  @IsOptional() @IsIn(sortValues(COMPLAINT_SORT_FIELDS))
  sort: string = '-receivedOn';
}
