import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AllegationCategory, Finding } from '../../allegations/allegation.enums.js';
import { IsDay } from '../../common/time/day.js';
import { QueryBoolean } from '../../common/http/sorting.js';
import { InvestigationMode } from '../../investigations/investigation.enums.js';
import { OutcomeType, Sanction } from '../../outcomes/outcome.enums.js';
import { ResponseStatus } from '../../recommendations/recommendation.enums.js';
import { EXPORT_DATASETS, EXPORT_FORMATS, type ExportDataset, type ExportFilters, type ExportFormat } from '../export-datasets.js';

export class ExportPathParams {
  @ApiProperty({ enum: EXPORT_DATASETS })
  @IsIn(EXPORT_DATASETS, { message: `dataset must be one of: ${EXPORT_DATASETS.join(', ')}` })
  dataset!: ExportDataset;

  @ApiProperty({ enum: EXPORT_FORMATS, description: 'csv: RFC 4180 with a header row; jsonl: one JSON object per line' })
  @IsIn(EXPORT_FORMATS, { message: `format must be one of: ${EXPORT_FORMATS.join(', ')}` })
  format!: ExportFormat;
}

/**
 * The reports' filters. A filter that does not apply to the chosen dataset is refused (422)
 * rather than ignored, so an export never silently holds more than was asked for.
 */
export class ExportQuery implements ExportFilters {
  @ApiPropertyOptional({ description: 'investigation opened on or after (YYYY-MM-DD)' })
  @IsOptional() @IsDay() openedFrom?: string;

  @ApiPropertyOptional({ description: 'investigation opened on or before (YYYY-MM-DD)' })
  @IsOptional() @IsDay() openedTo?: string;

  @ApiPropertyOptional({ description: 'outcome decided on or after (outcomes, barred-list)' })
  @IsOptional() @IsDay() decidedFrom?: string;

  @ApiPropertyOptional({ description: 'outcome decided on or before (outcomes, barred-list)' })
  @IsOptional() @IsDay() decidedTo?: string;

  @ApiPropertyOptional({ description: "the investigation's station" })
  @IsOptional() @IsString() @MaxLength(120) station?: string;

  @ApiPropertyOptional({ description: "the officer's unit at the time (else current unit): subjects, allegations, outcomes, barred-list" })
  @IsOptional() @IsString() @MaxLength(120) unit?: string;

  @ApiPropertyOptional({ description: 'the investigation\'s operation name' })
  @IsOptional() @IsString() @MaxLength(120) operation?: string;

  @ApiPropertyOptional({ enum: InvestigationMode })
  @IsOptional() @IsEnum(InvestigationMode) mode?: InvestigationMode;

  @ApiPropertyOptional({ enum: AllegationCategory, description: 'allegations only' })
  @IsOptional() @IsEnum(AllegationCategory) category?: AllegationCategory;

  @ApiPropertyOptional({ enum: Finding, description: 'allegations only' })
  @IsOptional() @IsEnum(Finding) finding?: Finding;

  @ApiPropertyOptional({ enum: OutcomeType, description: 'outcomes only' })
  @IsOptional() @IsEnum(OutcomeType) outcomeType?: OutcomeType;

  @ApiPropertyOptional({ enum: Sanction, description: 'outcomes only' })
  @IsOptional() @IsEnum(Sanction) sanction?: Sanction;

  @ApiPropertyOptional({ enum: ResponseStatus, description: 'recommendations only' })
  @IsOptional() @IsEnum(ResponseStatus) responseStatus?: ResponseStatus;

  @ApiPropertyOptional({ default: false, description: 'include archived records' })
  @IsOptional() @QueryBoolean() @IsBoolean() includeArchived?: boolean;

  @ApiPropertyOptional({ default: false, description: 'replace officer ids by stable pseudonyms and leave out names and service numbers' })
  @IsOptional() @QueryBoolean() @IsBoolean() pseudonymise?: boolean;
}
