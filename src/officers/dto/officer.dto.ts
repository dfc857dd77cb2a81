import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { NotNullWhenPresent } from '../../common/http/validation.js';
import { IsDay } from '../../common/time/day.js';
import { EmploymentStatus } from '../officer.enums.js';

export class CreateOfficerDto {
  @ApiProperty({ example: 'Metropolitan Police Service', maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  force!: string;

  @ApiProperty({ example: '123456', description: 'service or warrant number; unique within the force', maxLength: 40 })
  @IsString() @MinLength(1) @MaxLength(40)
  serviceNumber!: string;

  @ApiProperty({ maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  givenName!: string;

  @ApiProperty({ maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  familyName!: string;

  @ApiPropertyOptional({ example: 'PC', maxLength: 60, nullable: true, type: String })
  @IsOptional() @IsString() @MaxLength(60)
  rank?: string | null;

  @ApiPropertyOptional({ description: 'command or unit', maxLength: 120, nullable: true, type: String })
  @IsOptional() @IsString() @MaxLength(120)
  unit?: string | null;

  @ApiPropertyOptional({ example: 'Charing Cross', maxLength: 120, nullable: true, type: String })
  @IsOptional() @IsString() @MaxLength(120)
  station?: string | null;

  // The default is said in words: a declared default would be inherited by the Update DTO, where absent means unchanged.
  @ApiPropertyOptional({ enum: EmploymentStatus, description: `${EmploymentStatus.Serving} when not given` })
  @NotNullWhenPresent() @IsEnum(EmploymentStatus)
  employmentStatus?: EmploymentStatus;

  @ApiPropertyOptional({ example: '2010-09-01', nullable: true, type: String })
  @IsOptional() @IsDay()
  joinedOn?: string | null;

  @ApiPropertyOptional({ description: 'not before joinedOn', nullable: true, type: String })
  @IsOptional() @IsDay()
  leftOn?: string | null;
}

/** Every field optional; absent stays, null clears the nullable ones and is a 400 for the others. */
export class UpdateOfficerDto extends PartialType(CreateOfficerDto, { skipNullProperties: false }) {
  // Redeclared only for its description: creation's default does not apply to a change.
  @ApiPropertyOptional({ description: 'the officer\'s employment status now' })
  employmentStatus?: EmploymentStatus;
}
