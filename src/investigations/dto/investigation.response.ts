import { ApiProperty } from '@nestjs/swagger';
import { importableRecordFields, ImportableRecordResponse } from '../../common/records/record.response.js';
import { InvestigationMode, InvestigationOrigin, InvestigationStatus } from '../investigation.enums.js';
import type { Investigation } from '../investigation.entity.js';

/** An investigation as lists show it. No complainant data lives on investigations. */
export class InvestigationResponse extends ImportableRecordResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'INV-2026-000045' }) reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: InvestigationMode }) mode!: InvestigationMode;
  @ApiProperty({ enum: InvestigationOrigin }) origin!: InvestigationOrigin;
  @ApiProperty({ nullable: true, type: String }) operation!: string | null;
  @ApiProperty({ enum: InvestigationStatus }) status!: InvestigationStatus;
  @ApiProperty({ enum: InvestigationStatus, nullable: true, description: 'while suspended: the state it was suspended from' }) suspendedFrom!: InvestigationStatus | null;
  @ApiProperty({ nullable: true, type: String }) leadInvestigatorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) station!: string | null;
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty({ nullable: true, type: String }) conductFrom!: string | null;
  @ApiProperty({ nullable: true, type: String }) conductTo!: string | null;
  @ApiProperty({ nullable: true, type: String }) summary!: string | null;
  @ApiProperty() openedOn!: string;
  @ApiProperty({ nullable: true, type: String }) closedOn!: string | null;

  static from(i: Investigation): InvestigationResponse {
    return {
      id: i.id, reference: i.reference, title: i.title, mode: i.mode, origin: i.origin, operation: i.operation,
      status: i.status, suspendedFrom: i.suspendedFrom, leadInvestigatorId: i.leadInvestigatorId, station: i.station,
      location: i.location, conductFrom: i.conductFrom, conductTo: i.conductTo, summary: i.summary, openedOn: i.openedOn,
      closedOn: i.closedOn, ...importableRecordFields(i),
    };
  }
}

export class TeamMemberView {
  @ApiProperty() userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ description: 'true for the lead investigator' }) lead!: boolean;
}

export class InvestigationCounts {
  @ApiProperty({ description: 'subjects (officers under investigation), not archived' }) subjects!: number;
  @ApiProperty({ description: 'allegations, not archived' }) allegations!: number;
  @ApiProperty({ description: 'recommendations, not archived' }) recommendations!: number;
}

/** One investigation with its team (lead first) and the size of its records. */
export class InvestigationDetailResponse extends InvestigationResponse {
  @ApiProperty({ type: [TeamMemberView] }) team!: TeamMemberView[];
  @ApiProperty({ type: InvestigationCounts }) counts!: InvestigationCounts;

  static detail(i: Investigation, team: TeamMemberView[], counts: InvestigationCounts): InvestigationDetailResponse {
    return { ...InvestigationResponse.from(i), team, counts };
  }
}
