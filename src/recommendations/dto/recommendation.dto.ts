import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ArchivablePageQuery } from '../../common/http/query-flags.js';
import { QueryBoolean } from '../../common/http/sorting.js';
import { IsDay } from '../../common/time/day.js';
import type { Recommendation } from '../recommendation.entity.js';
import { ImplementationStatus, RESPONSE_DAYS, ResponseStatus } from '../recommendation.enums.js';

export class CreateRecommendationDto {
  @ApiProperty({ maxLength: 10000 })
  @IsString() @MinLength(1) @MaxLength(10000)
  text!: string;

  @ApiProperty({ maxLength: 200, example: 'Metropolitan Police Service', description: 'the organisation that must respond' })
  @IsString() @MinLength(1) @MaxLength(200)
  recipient!: string;

  @ApiProperty({ format: 'date', description: `the response is due ${RESPONSE_DAYS} days later` })
  @IsDay()
  issuedOn!: string;
}

/** Text and recipient: absent stays, null is refused. The issue date, which sets the deadline, is fixed. */
export class UpdateRecommendationDto extends PartialType(OmitType(CreateRecommendationDto, ['issuedOn'] as const), { skipNullProperties: false }) {}

export class ExtendResponseDeadlineDto {
  @ApiProperty({ format: 'date', description: 'the new due date, later than the current one' })
  @IsDay()
  responseDueOn!: string;

  @ApiProperty({ maxLength: 1000 })
  @IsString() @MinLength(3) @MaxLength(1000)
  reason!: string;
}

const ANSWERS = [ResponseStatus.Accepted, ResponseStatus.PartiallyAccepted, ResponseStatus.NotAccepted] as const;

export class RecordResponseDto {
  @ApiProperty({ enum: ANSWERS })
  @IsIn(ANSWERS, { message: `responseStatus must be one of: ${ANSWERS.join(', ')}` })
  responseStatus!: typeof ANSWERS[number];

  @ApiProperty({ maxLength: 10000, description: 'what the recipient said' })
  @IsString() @MinLength(1) @MaxLength(10000)
  responseText!: string;

  @ApiProperty({ format: 'date' })
  @IsDay()
  respondedOn!: string;
}

export class RecordImplementationDto {
  @ApiProperty({ enum: ImplementationStatus })
  @IsEnum(ImplementationStatus)
  implementationStatus!: ImplementationStatus;

  @ApiPropertyOptional({ maxLength: 10000, description: 'what shows the state of implementation' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(10000)
  evidence?: string;
}

const SORTS = ['number', 'issuedOn', '-issuedOn', 'responseDueOn', '-responseDueOn'] as const;
export type RecommendationSort = typeof SORTS[number];

export class RecommendationQuery extends ArchivablePageQuery {
  @ApiPropertyOptional({ enum: ResponseStatus }) @IsOptional() @IsEnum(ResponseStatus) responseStatus?: ResponseStatus;

  @ApiPropertyOptional({ description: 'true: only those still pending after their due date (as of today); false: only the others' })
  @IsOptional() @QueryBoolean() @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() investigationId?: string;

  @ApiPropertyOptional({ description: 'part of the recipient\'s name, case-insensitive', maxLength: 200 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  recipient?: string;

  @ApiPropertyOptional({ enum: SORTS, description: 'a leading - sorts descending; by default by due date (by number within one investigation)' })
  @IsOptional() @IsIn(SORTS)
  sort?: RecommendationSort;
}

export class RecommendationResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'send as If-Match to change the record' }) version!: number;
  @ApiProperty() investigationId!: string;
  @ApiProperty({ description: '1, 2, 3… within the investigation' }) number!: number;
  @ApiProperty() text!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({ format: 'date' }) responseDueOn!: string;
  @ApiProperty({ nullable: true, type: String }) dueExtensionReason!: string | null;
  @ApiProperty({ enum: ResponseStatus }) responseStatus!: ResponseStatus;
  @ApiProperty({ nullable: true, type: String }) responseText!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) respondedOn!: string | null;
  @ApiProperty({ enum: ImplementationStatus }) implementationStatus!: ImplementationStatus;
  @ApiProperty({ nullable: true, type: String }) implementationEvidence!: string | null;
  @ApiProperty({ description: 'still pending after the due date, as of today' }) overdue!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) archivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) archiveReason!: string | null;

  static from(r: Recommendation, today: string): RecommendationResponse {
    return {
      id: r.id, version: r.version, investigationId: r.investigationId, number: r.number, text: r.text, recipient: r.recipient,
      issuedOn: r.issuedOn, responseDueOn: r.responseDueOn, dueExtensionReason: r.dueExtensionReason,
      responseStatus: r.responseStatus, responseText: r.responseText, respondedOn: r.respondedOn,
      implementationStatus: r.implementationStatus, implementationEvidence: r.implementationEvidence,
      overdue: isOverdue(r, today),
      createdAt: r.createdAt, updatedAt: r.updatedAt, createdBy: r.createdBy, archivedAt: r.archivedAt, archiveReason: r.archiveReason,
    };
  }
}

/** Overdue: no answer yet and the due date has passed (the due day itself is still in time). */
export const isOverdue = (r: Pick<Recommendation, 'responseStatus' | 'responseDueOn'>, today: string): boolean =>
  r.responseStatus === ResponseStatus.Pending && r.responseDueOn < today;
