import { ApiProperty } from '@nestjs/swagger';
import type { Officer } from '../officer.entity.js';
import { EmploymentStatus } from '../officer.enums.js';

export class OfficerResponse {
  @ApiProperty() id!: string;
  @ApiProperty() force!: string;
  @ApiProperty() serviceNumber!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ nullable: true, type: String }) rank!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'command or unit' }) unit!: string | null;
  @ApiProperty({ nullable: true, type: String }) station!: string | null;
  @ApiProperty({ enum: EmploymentStatus }) employmentStatus!: EmploymentStatus;
  @ApiProperty({ nullable: true, type: String }) joinedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) leftOn!: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'source fields kept as imported' }) sourceAttributes!: Record<string, string> | null;
  @ApiProperty({ description: 'send as If-Match to change the record' }) version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) archivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) archivedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) archiveReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty({ nullable: true, type: String }) sourceKey!: string | null;

  static from(o: Officer): OfficerResponse {
    return {
      id: o.id, force: o.force, serviceNumber: o.serviceNumber, givenName: o.givenName, familyName: o.familyName,
      rank: o.rank, unit: o.unit, station: o.station, employmentStatus: o.employmentStatus, joinedOn: o.joinedOn,
      leftOn: o.leftOn, sourceAttributes: o.sourceAttributes, version: o.version, createdAt: o.createdAt,
      updatedAt: o.updatedAt, createdBy: o.createdBy, archivedAt: o.archivedAt, archivedBy: o.archivedBy,
      archiveReason: o.archiveReason, source: o.source, sourceKey: o.sourceKey,
    };
  }
}
