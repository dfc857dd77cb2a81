import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsString, MaxLength, MinLength } from 'class-validator';
import { InvestigationStatus } from '../investigation.enums.js';

export class TransitionDto {
  @ApiProperty({ enum: InvestigationStatus, description: 'the state to move to (see TRANSITIONS)' })
  @IsEnum(InvestigationStatus)
  to!: InvestigationStatus;

  @ApiProperty({ example: 'All messages reviewed; report sent to the appropriate authority', maxLength: 2000 })
  @IsString() @MinLength(3) @MaxLength(2000)
  reason!: string;
}
