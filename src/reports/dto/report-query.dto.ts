import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min,
  registerDecorator, type ValidationArguments,
} from 'class-validator';
import { AllegationCategory } from '../../allegations/allegation.enums.js';
import { PageQuery } from '../../common/http/paging.js';
import { QueryBoolean } from '../../common/http/sorting.js';
import { IsDay } from '../../common/time/day.js';
import { InvestigationMode } from '../../investigations/investigation.enums.js';
import type { CaseFilters } from '../report-criteria.js';
import { WITHIN_PATTERN } from '../report-periods.js';

/** The end of a date range may not come before its start (both 'YYYY-MM-DD', so text order is date order). */
function IsNotBefore(startProperty: string) {
  return (target: object, propertyName: string) => registerDecorator({
    name: 'isNotBefore', target: target.constructor, propertyName,
    options: { message: `${propertyName} must not be before ${startProperty}` },
    validator: {
      validate(value: unknown, args: ValidationArguments) {
        const start = (args.object as Record<string, unknown>)[startProperty];
        return typeof value !== 'string' || typeof start !== 'string' || value >= start;
      },
    },
  });
}

const ID_LIST = 'officer names, service numbers and ids replaced by stable pseudonyms (HMAC of the id with a secret key)';

/** Publication mode: small-number suppression and officer pseudonyms. */
export class PublicationQuery {
  @ApiPropertyOptional({
    minimum: 2, maximum: 100, example: 5,
    description: 'publication mode: counts from 1 to k-1 become the string "<k" (0 is kept); where one cell of a '
      + 'breakdown is hidden the next-smallest non-zero cell is hidden too, so it cannot be derived from the total',
  })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2) @Max(100)
  suppress?: number;

  @ApiPropertyOptional({ default: false, description: ID_LIST })
  @IsOptional() @QueryBoolean() @IsBoolean()
  pseudonymise?: boolean;
}

/** For reports that depend on "today": the day to compute them for. */
const AsOf = () => applyDecorators(
  ApiPropertyOptional({ description: 'the day the report is computed for (YYYY-MM-DD); default today (Europe/London)' }),
  IsOptional(), IsDay(),
);

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class SummaryQuery extends PublicationQuery implements CaseFilters {
  @AsOf() asOf?: string;

  @ApiPropertyOptional({ description: 'investigations opened on or after (YYYY-MM-DD)' })
  @IsOptional() @IsDay() openedFrom?: string;

  @ApiPropertyOptional({ description: 'investigations opened on or before (YYYY-MM-DD)' })
  @IsOptional() @IsDay() @IsNotBefore('openedFrom') openedTo?: string;

  @ApiPropertyOptional({ description: 'subjects whose outcome was decided on or after (YYYY-MM-DD)' })
  @IsOptional() @IsDay() decidedFrom?: string;

  @ApiPropertyOptional({ description: 'subjects whose outcome was decided on or before (YYYY-MM-DD)' })
  @IsOptional() @IsDay() @IsNotBefore('decidedFrom') decidedTo?: string;

  @ApiPropertyOptional({ description: "the investigation's station (exact)" })
  @IsOptional() @IsString() @MaxLength(120) station?: string;

  @ApiPropertyOptional({ description: "the subject's unit at the time of the conduct, else the officer's current unit (exact)" })
  @IsOptional() @IsString() @MaxLength(120) unit?: string;

  @ApiPropertyOptional({ description: "the investigation's operation (exact)" })
  @IsOptional() @IsString() @MaxLength(120) operation?: string;

  @ApiPropertyOptional({ enum: InvestigationMode })
  @IsOptional() @IsEnum(InvestigationMode) mode?: InvestigationMode;

  @ApiPropertyOptional({ enum: AllegationCategory, description: 'allegations of this category; other records: subjects with such an allegation' })
  @IsOptional() @IsEnum(AllegationCategory) category?: AllegationCategory;

  @ApiPropertyOptional({ default: false, description: "also count allegations and outcomes by the source's own category, finding and outcome wording" })
  @IsOptional() @QueryBoolean() @IsBoolean()
  groupBySource?: boolean;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'csv (long format: section,key,value) or json; `Accept: text/csv` also selects csv' })
  @IsOptional() @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  filters(): CaseFilters {
    const { openedFrom, openedTo, decidedFrom, decidedTo, station, unit, operation, mode, category } = this;
    return Object.fromEntries(Object.entries({ openedFrom, openedTo, decidedFrom, decidedTo, station, unit, operation, mode, category })
      .filter(([, value]) => value !== undefined)) as CaseFilters;
  }
}

export class EarlyInterventionQuery extends IntersectionType(PublicationQuery, PageQuery) {
  @AsOf() asOf?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'allegations needed to be listed; default EARLY_INTERVENTION_THRESHOLD' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  minAllegations?: number;

  @ApiPropertyOptional({ type: String, default: '12m', example: '12m', description: 'rolling window ending on asOf: days (90d), weeks (6w), months (12m) or years (2y)' })
  @IsOptional() @Matches(WITHIN_PATTERN, { message: 'within must be a number and d, w, m or y (e.g. 12m)' })
  within = '12m';
}

export class CoaccusedQuery extends PageQuery {
  @ApiPropertyOptional({ minimum: 2, maximum: 100, example: 5, description: 'publication mode: counts from 1 to k-1 become "<k"' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2) @Max(100)
  suppress?: number;

  @ApiPropertyOptional({ default: false, description: ID_LIST })
  @IsOptional() @QueryBoolean() @IsBoolean()
  pseudonymise?: boolean;
}

export class DeadlinesQuery {
  @AsOf() asOf?: string;

  @ApiPropertyOptional({ default: false, description: ID_LIST })
  @IsOptional() @QueryBoolean() @IsBoolean()
  pseudonymise?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100, description: 'most items listed per section (each section gives its full total)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit = 100;
}
