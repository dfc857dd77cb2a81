import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ArchiveDto {
  @ApiProperty({ description: 'why the record is archived (records are never deleted)' })
  @IsString() @MinLength(3) @MaxLength(1000)
  reason!: string;
}
