import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { NotNullWhenPresent } from '../../common/http/validation.js';
import { IsDay } from '../../common/time/day.js';
import { InvestigationMode, InvestigationOrigin } from '../investigation.enums.js';

export class OpenInvestigationDto {
  @ApiProperty({ example: 'Messaging by officers at Charing Cross', maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  title!: string;

  @ApiProperty({ enum: InvestigationMode, description: 'supervised and managed only for cases opened before 2020-01-01' })
  @IsEnum(InvestigationMode)
  mode!: InvestigationMode;

  @ApiProperty({ enum: InvestigationOrigin })
  @IsEnum(InvestigationOrigin)
  origin!: InvestigationOrigin;

  @ApiPropertyOptional({ example: 'Operation Hotton', description: 'groups linked investigations', maxLength: 120, nullable: true, type: String })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(120)
  operation?: string | null;

  @ApiPropertyOptional({ example: 'Charing Cross', maxLength: 120, nullable: true, type: String })
  @IsOptional() @IsString() @MaxLength(120)
  station?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, type: String })
  @IsOptional() @IsString() @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ example: '2016-01-01', description: 'first day of the conduct investigated', nullable: true, type: String })
  @IsOptional() @IsDay()
  conductFrom?: string | null;

  @ApiPropertyOptional({ example: '2018-12-31', description: 'last day of the conduct; not before conductFrom', nullable: true, type: String })
  @IsOptional() @IsDay()
  conductTo?: string | null;

  @ApiPropertyOptional({ maxLength: 20000, nullable: true, type: String })
  @IsOptional() @IsString() @MaxLength(20000)
  summary?: string | null;

  @ApiPropertyOptional({ example: '2018-03-01', description: 'defaults to today' })
  @NotNullWhenPresent() @IsDay()
  openedOn?: string;

  @ApiPropertyOptional({ description: 'an active user holding the investigator role; defaults to the caller (who then joins the team if someone else leads)' })
  @NotNullWhenPresent() @IsUUID()
  leadInvestigatorId?: string;
}

/**
 * Every field optional: absent stays, null clears the nullable ones and is a 400 for the others.
 * Status changes go through transitions.
 */
export class UpdateInvestigationDto extends PartialType(OpenInvestigationDto, { skipNullProperties: false }) {
  // Redeclared only to say what the field means here: opening's defaults do not apply to a change.
  @ApiPropertyOptional({ description: 'the day the case was opened' })
  openedOn?: string;

  @ApiPropertyOptional({ description: 'hand the case to another active investigator' })
  leadInvestigatorId?: string;
}
