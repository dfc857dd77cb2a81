import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ArchivablePageQuery } from '../../common/http/query-flags.js';
import { IsDay } from '../../common/time/day.js';
import type { Allegation } from '../allegation.entity.js';
import { AllegationCategory, CaseToAnswer, Finding, ProfessionalStandard, Severity } from '../allegation.enums.js';

export class CreateAllegationDto {
  @ApiProperty({ enum: AllegationCategory })
  @IsEnum(AllegationCategory)
  category!: AllegationCategory;

  @ApiProperty({ enum: ProfessionalStandard, description: 'the Standard of Professional Behaviour breached' })
  @IsEnum(ProfessionalStandard)
  standard!: ProfessionalStandard;

  @ApiProperty({ enum: Severity, description: 'the severity assessment' })
  @IsEnum(Severity)
  severity!: Severity;

  @ApiProperty({ maxLength: 5000 })
  @IsString() @MinLength(1) @MaxLength(5000)
  detail!: string;

  @ApiPropertyOptional({ format: 'date', example: '2017-06-01', nullable: true, type: String })
  @IsOptional() @IsDay()
  allegedOn?: string | null;
}

/**
 * What the investigator may change, until a reviewer has decided case to answer or a finding.
 * Absent fields stay as they are; null is refused for the fields creation requires.
 */
export class UpdateAllegationDto extends PartialType(CreateAllegationDto, { skipNullProperties: false }) {}

export class RecordFindingDto {
  @ApiProperty({ enum: CaseToAnswer })
  @IsEnum(CaseToAnswer)
  caseToAnswer!: CaseToAnswer;

  @ApiProperty({ enum: Finding })
  @IsEnum(Finding)
  finding!: Finding;

  @ApiPropertyOptional({ enum: Severity, description: 'the reviewer\'s own severity assessment, if it differs' })
  @IsOptional() @IsEnum(Severity)
  severity?: Severity;
}

const SORTS = ['createdAt', '-createdAt', 'allegedOn', '-allegedOn', 'category', 'severity'] as const;
export type AllegationSort = typeof SORTS[number];

export class AllegationQuery extends ArchivablePageQuery {
  @ApiPropertyOptional({ enum: AllegationCategory }) @IsOptional() @IsEnum(AllegationCategory) category?: AllegationCategory;
  @ApiPropertyOptional({ enum: Severity }) @IsOptional() @IsEnum(Severity) severity?: Severity;
  @ApiPropertyOptional({ enum: Finding }) @IsOptional() @IsEnum(Finding) finding?: Finding;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() investigationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() officerId?: string;
  @ApiPropertyOptional({ enum: SORTS, default: 'createdAt', description: 'a leading - sorts descending' })
  @IsOptional() @IsIn(SORTS)
  sort: AllegationSort = 'createdAt';
}

export class AllegationResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'send as If-Match to change the record' }) version!: number;
  @ApiProperty() subjectId!: string;
  @ApiProperty() investigationId!: string;
  @ApiProperty() officerId!: string;
  @ApiProperty({ enum: AllegationCategory }) category!: AllegationCategory;
  @ApiProperty({ enum: ProfessionalStandard, nullable: true }) standard!: ProfessionalStandard | null;
  @ApiProperty({ enum: Severity }) severity!: Severity;
  @ApiProperty({ enum: CaseToAnswer }) caseToAnswer!: CaseToAnswer;
  @ApiProperty({ enum: Finding }) finding!: Finding;
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) allegedOn!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'category as the import source wrote it' }) sourceCategory!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'finding as the import source wrote it' }) sourceFinding!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) archivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) archiveReason!: string | null;

  static from(a: Allegation): AllegationResponse {
    return {
      id: a.id, version: a.version, subjectId: a.subjectId, investigationId: a.investigationId, officerId: a.officerId,
      category: a.category, standard: a.standard, severity: a.severity, caseToAnswer: a.caseToAnswer, finding: a.finding,
      detail: a.detail, allegedOn: a.allegedOn, sourceCategory: a.sourceCategory, sourceFinding: a.sourceFinding,
      createdAt: a.createdAt, updatedAt: a.updatedAt, createdBy: a.createdBy, archivedAt: a.archivedAt, archiveReason: a.archiveReason,
    };
  }
}
