import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { NotNullWhenPresent } from '../../common/http/validation.js';
import { IsDay } from '../../common/time/day.js';
import { ComplaintChannel, ComplaintStatus } from '../complaint.enums.js';

/** Personal data: only reviewers and the case's investigators ever see it back. */
export class ComplainantDto {
  @ApiProperty({ description: 'true: no name or contact is held' })
  @IsBoolean()
  anonymous!: boolean;

  @ApiPropertyOptional({ maxLength: 200, description: 'required unless anonymous' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'address, phone or email; never with anonymous' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500)
  contact?: string;
}

export class CreateComplaintDto {
  @ApiProperty({ example: '2024-03-01' })
  @IsDay()
  receivedOn!: string;

  @ApiProperty({ enum: ComplaintChannel })
  @IsEnum(ComplaintChannel)
  channel!: ComplaintChannel;

  @ApiProperty({ type: ComplainantDto })
  @ValidateNested() @Type(() => ComplainantDto)
  complainant!: ComplainantDto;

  @ApiPropertyOptional({ maxLength: 20000, nullable: true, type: String })
  @IsOptional() @IsString() @MaxLength(20000)
  summary?: string | null;

  @ApiPropertyOptional({ description: 'an investigation the caller may change', nullable: true, type: String })
  @IsOptional() @IsUUID()
  investigationId?: string | null;
}

/**
 * Every field optional: absent stays, null clears the nullable ones and is a 400 for the others.
 * `status` moves along COMPLAINT_TRANSITIONS; `complainant` is replaced whole.
 */
export class UpdateComplaintDto extends PartialType(CreateComplaintDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ enum: ComplaintStatus })
  @NotNullWhenPresent() @IsEnum(ComplaintStatus)
  status?: ComplaintStatus;

  // Redeclared only to say what null means here.
  @ApiPropertyOptional({ type: String, description: 'link to an investigation the caller may change; null unlinks' })
  investigationId?: string | null;
}
