import { BadRequestException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, validateSync } from 'class-validator';
import { QueryBoolean } from '../../common/http/sorting.js';
import { validationMessage } from '../../common/http/validation.js';
import { ImportJobStatus, type ImportJob } from '../import-job.entity.js';
import type { ImportReport } from '../import-report.js';
import { IMPORT_FORMATS, type ImportFormatName } from '../import-row.js';

/** POST /api/imports options: in the query string or as form fields beside the file (docs/import-format.md). */
export class ImportOptionsDto {
  @ApiProperty({ enum: IMPORT_FORMATS, description: 'probity (Probity CSV) or ccrb (NYC CCRB allegations, ProPublica release)' })
  @IsIn(IMPORT_FORMATS, { message: `format must be one of: ${IMPORT_FORMATS.join(', ')}` })
  format!: ImportFormatName;

  @ApiPropertyOptional({ default: false, description: 'validate every row and write nothing' })
  @IsOptional() @QueryBoolean() @IsBoolean() dryRun?: boolean;

  @ApiPropertyOptional({ default: false, description: 'write the valid rows and list the rejected ones (default: any bad row, nothing written)' })
  @IsOptional() @QueryBoolean() @IsBoolean() skipInvalid?: boolean;
}

/** The query string may leave out what the form gives; the merged whole is checked in importOptions(). */
export class ImportQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_FORMATS })
  @IsOptional() @IsIn(IMPORT_FORMATS, { message: `format must be one of: ${IMPORT_FORMATS.join(', ')}` })
  format?: ImportFormatName;

  @ApiPropertyOptional({ default: false })
  @IsOptional() @QueryBoolean() @IsBoolean() dryRun?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional() @QueryBoolean() @IsBoolean() skipInvalid?: boolean;
}

/** Query and form fields together (form fields win); a 400 names the field that is wrong. */
export function importOptions(query: ImportQueryDto, fields: Record<string, string>): ImportOptionsDto {
  const unknown = Object.keys(fields).filter((name) => !['format', 'dryRun', 'skipInvalid'].includes(name));
  if (unknown.length) {
    throw new BadRequestException({ message: `unknown form field(s): ${unknown.join(', ')}`, details: unknown.map((field) => ({ field, problems: ['unknown field'] })) });
  }
  const options = plainToInstance(ImportOptionsDto, { ...query, ...fields });
  const errors = validateSync(options, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new BadRequestException(validationMessage(errors));
  return options;
}

export class ImportJobCreatedResponse {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ enum: ImportJobStatus }) status!: ImportJobStatus;
}

export class ImportJobResponse {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ enum: ImportJobStatus }) status!: ImportJobStatus;
  @ApiProperty({ enum: IMPORT_FORMATS }) format!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() skipInvalid!: boolean;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) finishedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['validating', 'writing'], description: 'while running' }) phase!: string | null;
  @ApiProperty({ description: 'progress of the current phase, 0-100' }) percent!: number;
  @ApiPropertyOptional({
    nullable: true, type: Object,
    description: 'when finished: rows, valid, rejected, rejections [{line, reason}] (first 1000), written, created {officers, investigations, complaints, subjects, allegations, outcomes, barredListEntries}, alreadyPresent, seconds',
  })
  report!: ImportReport | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'why a failed job stopped' }) error!: string | null;

  static from(job: ImportJob): ImportJobResponse {
    return Object.assign(new ImportJobResponse(), {
      jobId: job.id, status: job.status, format: job.format, fileName: job.fileName, dryRun: job.dryRun, skipInvalid: job.skipInvalid,
      createdBy: job.createdBy, createdAt: job.createdAt, finishedAt: job.finishedAt, phase: job.phase, percent: job.percent,
      report: job.report, error: job.error,
    });
  }
}
