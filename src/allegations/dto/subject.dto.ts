import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { Officer } from '../../officers/officer.entity.js';
import { EmploymentStatus } from '../../officers/officer.enums.js';
import type { Subject } from '../subject.entity.js';

export class AddSubjectDto {
  @ApiProperty({ format: 'uuid', description: 'the officer under investigation (once per investigation)' })
  @IsUUID()
  officerId!: string;

  @ApiPropertyOptional({ maxLength: 60, nullable: true, type: String, description: 'rank at the time of the conduct; defaults to the officer\'s current rank' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(60)
  rankAtTime?: string | null;

  @ApiPropertyOptional({ maxLength: 120, nullable: true, type: String, description: 'command or unit at the time; defaults to the officer\'s current unit' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(120)
  unitAtTime?: string | null;
}

/** Absent stays; null clears the rank or unit recorded for the time of the conduct. */
export class UpdateSubjectDto extends PartialType(OmitType(AddSubjectDto, ['officerId'] as const), { skipNullProperties: false }) {
  // Redeclared only to say what null means here: the officer's current values are not copied again.
  @ApiPropertyOptional({ type: String, description: 'rank at the time of the conduct; null clears it' })
  rankAtTime?: string | null;

  @ApiPropertyOptional({ type: String, description: 'command or unit at the time; null clears it' })
  unitAtTime?: string | null;
}

/** Who the subject is, as the officer record says now. */
export class SubjectOfficer {
  @ApiProperty() id!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty() force!: string;
  @ApiProperty() serviceNumber!: string;
  @ApiProperty({ enum: EmploymentStatus }) employmentStatus!: EmploymentStatus;

  static from({ id, givenName, familyName, force, serviceNumber, employmentStatus }: Officer): SubjectOfficer {
    return { id, givenName, familyName, force, serviceNumber, employmentStatus };
  }
}

export class SubjectResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'send as If-Match to change the record' }) version!: number;
  @ApiProperty() investigationId!: string;
  @ApiProperty() officerId!: string;
  @ApiProperty({ type: SubjectOfficer }) officer!: SubjectOfficer;
  @ApiProperty({ nullable: true, type: String }) rankAtTime!: string | null;
  @ApiProperty({ nullable: true, type: String }) unitAtTime!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) archivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) archiveReason!: string | null;

  static from(subject: Subject, officer: Officer): SubjectResponse {
    const { id, version, investigationId, officerId, rankAtTime, unitAtTime, createdAt, updatedAt, createdBy, archivedAt, archiveReason } = subject;
    return {
      id, version, investigationId, officerId, officer: SubjectOfficer.from(officer), rankAtTime, unitAtTime,
      createdAt, updatedAt, createdBy, archivedAt, archiveReason,
    };
  }
}
