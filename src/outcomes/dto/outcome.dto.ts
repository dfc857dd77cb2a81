import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/http/paging.js';
import { IsDay } from '../../common/time/day.js';
import type { Outcome } from '../outcome.entity.js';
import { ConductRegime, HearingType, LearningOutcome, OutcomeType, Sanction } from '../outcome.enums.js';

export class RecordOutcomeDto {
  @ApiProperty({ enum: OutcomeType })
  @IsEnum(OutcomeType)
  type!: OutcomeType;

  @ApiPropertyOptional({ enum: Sanction, nullable: true, description: 'required if and only if type is disciplined' })
  @IsOptional() @IsEnum(Sanction)
  sanction?: Sanction | null;

  @ApiPropertyOptional({ enum: LearningOutcome, nullable: true, description: 'required if and only if type is learning' })
  @IsOptional() @IsEnum(LearningOutcome)
  learningOutcome?: LearningOutcome | null;

  @ApiPropertyOptional({ enum: HearingType, nullable: true })
  @IsOptional() @IsEnum(HearingType)
  hearingType?: HearingType | null;

  @ApiProperty({ format: 'date', example: '2021-11-30', description: 'not in the future' })
  @IsDay()
  decidedOn!: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, type: String, description: 'the person or panel who decided' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  decidedBy?: string | null;

  @ApiPropertyOptional({ maxLength: 10000, nullable: true, type: String })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(10000)
  rationale?: string | null;

  @ApiProperty({ enum: ConductRegime, description: 'the conduct regulations the case falls under' })
  @IsEnum(ConductRegime)
  regime!: ConductRegime;
}

/** Only present fields change; null clears the optional ones and is a 400 for the others. The rules are checked on the result. */
export class AmendOutcomeDto extends PartialType(RecordOutcomeDto, { skipNullProperties: false }) {}

export class OutcomeQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OutcomeType }) @IsOptional() @IsEnum(OutcomeType) type?: OutcomeType;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() investigationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() officerId?: string;
}

export class OutcomeResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'send as If-Match to amend the outcome' }) version!: number;
  @ApiProperty() subjectId!: string;
  @ApiProperty() investigationId!: string;
  @ApiProperty() officerId!: string;
  @ApiProperty({ enum: OutcomeType }) type!: OutcomeType;
  @ApiProperty({ enum: Sanction, nullable: true }) sanction!: Sanction | null;
  @ApiProperty({ enum: LearningOutcome, nullable: true }) learningOutcome!: LearningOutcome | null;
  @ApiProperty({ enum: HearingType, nullable: true }) hearingType!: HearingType | null;
  @ApiProperty({ format: 'date' }) decidedOn!: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) rationale!: string | null;
  @ApiProperty({ enum: ConductRegime }) regime!: ConductRegime;
  @ApiProperty({ nullable: true, type: String, description: 'outcome as the import source wrote it' }) sourceOutcome!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the barred-list entry this outcome put in place, if it is current' })
  barredListEntryId!: string | null;
  @ApiProperty({ description: 'the reviewer who recorded it' }) createdBy!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static from(o: Outcome, barredListEntryId: string | null): OutcomeResponse {
    return {
      id: o.id, version: o.version, subjectId: o.subjectId, investigationId: o.investigationId, officerId: o.officerId,
      type: o.type, sanction: o.sanction, learningOutcome: o.learningOutcome, hearingType: o.hearingType,
      decidedOn: o.decidedOn, decidedBy: o.decidedBy, rationale: o.rationale, regime: o.regime, sourceOutcome: o.sourceOutcome,
      barredListEntryId, createdBy: o.createdBy, createdAt: o.createdAt, updatedAt: o.updatedAt,
    };
  }
}
