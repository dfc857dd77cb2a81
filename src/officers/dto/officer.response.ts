import { ApiProperty } from '@nestjs/swagger';
import { importableRecordFields, ImportableRecordResponse } from '../../common/records/record.response.js';
import type { Officer } from '../officer.entity.js';
import { EmploymentStatus } from '../officer.enums.js';

export class OfficerResponse extends ImportableRecordResponse {
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

  static from(o: Officer): OfficerResponse {
    return {
      id: o.id, force: o.force, serviceNumber: o.serviceNumber, givenName: o.givenName, familyName: o.familyName,
      rank: o.rank, unit: o.unit, station: o.station, employmentStatus: o.employmentStatus, joinedOn: o.joinedOn,
      leftOn: o.leftOn, sourceAttributes: o.sourceAttributes, ...importableRecordFields(o),
    };
  }
}
