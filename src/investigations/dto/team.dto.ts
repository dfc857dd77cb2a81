import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AddTeamMemberDto {
  @ApiProperty({ description: 'an active user holding the investigator role' })
  @IsUUID()
  userId!: string;
}
