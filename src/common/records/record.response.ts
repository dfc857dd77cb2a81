import { ApiProperty } from '@nestjs/swagger';
import type { ImportableRecord } from './record-columns.js';

/** The columns every importable case record carries (see ImportableRecord), as responses show them. */
export abstract class ImportableRecordResponse {
  @ApiProperty({ description: 'send as If-Match to change the record' }) version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) archivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) archivedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) archiveReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'import format, for imported records' }) source!: string | null;
  @ApiProperty({ nullable: true, type: String }) sourceKey!: string | null;
}

export function importableRecordFields(r: ImportableRecord): ImportableRecordResponse {
  const { version, createdAt, updatedAt, createdBy, archivedAt, archivedBy, archiveReason, source, sourceKey } = r;
  return { version, createdAt, updatedAt, createdBy, archivedAt, archivedBy, archiveReason, source, sourceKey };
}
