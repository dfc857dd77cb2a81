import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsDay } from '../../common/time/day.js';
import type { EvidenceNote } from '../evidence-note.entity.js';

export class AddEvidenceNoteDto {
  @ApiProperty({ example: '2019-06-30' })
  @IsDay()
  notedOn!: string;

  @ApiProperty({ example: 'Thousands of messages reviewed.', maxLength: 20000 })
  @IsString() @MinLength(1) @MaxLength(20000)
  text!: string;
}

export class EvidenceNoteResponse {
  @ApiProperty() id!: string;
  @ApiProperty() investigationId!: string;
  @ApiProperty() notedOn!: string;
  @ApiProperty({ nullable: true, type: String }) authorId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'username of the author' }) authorUsername!: string | null;
  @ApiProperty() text!: string;
  @ApiProperty() createdAt!: string;

  static from(note: EvidenceNote, authorUsername: string | null): EvidenceNoteResponse {
    const { id, investigationId, notedOn, authorId, text, createdAt } = note;
    return { id, investigationId, notedOn, authorId, authorUsername, text, createdAt };
  }
}
