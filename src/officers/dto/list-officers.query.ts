import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ArchivablePageQuery } from '../../common/http/query-flags.js';
import { sortValues } from '../../common/http/sorting.js';
import { EmploymentStatus } from '../officer.enums.js';

export const OFFICER_SORT_FIELDS = [
  'familyName', 'givenName', 'serviceNumber', 'force', 'rank', 'unit', 'station', 'employmentStatus', 'createdAt', 'updatedAt',
] as const;
export type OfficerSortField = (typeof OFFICER_SORT_FIELDS)[number];

export class ListOfficersQuery extends ArchivablePageQuery {
  @ApiPropertyOptional({ description: 'exact force name' })
  @IsOptional() @IsString() @MaxLength(100)
  force?: string;

  @ApiPropertyOptional({ description: 'exact station name' })
  @IsOptional() @IsString() @MaxLength(120)
  station?: string;

  @ApiPropertyOptional({ description: 'exact command or unit' })
  @IsOptional() @IsString() @MaxLength(120)
  unit?: string;

  @ApiPropertyOptional({ description: 'exact rank' })
  @IsOptional() @IsString() @MaxLength(60)
  rank?: string;

  @ApiPropertyOptional({ enum: EmploymentStatus })
  @IsOptional() @IsEnum(EmploymentStatus)
  employmentStatus?: EmploymentStatus;

  @ApiPropertyOptional({ description: 'text search on given name, family name, full name and service number' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: sortValues(OFFICER_SORT_FIELDS), default: 'familyName', description: 'a leading - sorts descending' })
  @IsOptional() @IsIn(sortValues(OFFICER_SORT_FIELDS))
  sort: string = 'familyName';
}
