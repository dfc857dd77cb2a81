import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQuery } from './paging.js';
import { QueryBoolean } from './sorting.js';

/** Paging plus the switch that brings archived records back into a list. */
export class ArchivablePageQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'include archived records' })
  @IsOptional() @QueryBoolean() @IsBoolean()
  includeArchived = false;
}
