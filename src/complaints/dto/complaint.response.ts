import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { importableRecordFields, ImportableRecordResponse } from '../../common/records/record.response.js';
import type { Complaint } from '../complaint.entity.js';
import { ComplaintChannel, ComplaintStatus } from '../complaint.enums.js';

/** The complainant's personal data, as named on the response: absent (not null) for those who may not see it. */
export const COMPLAINANT_FIELDS = ['complainantAnonymous', 'complainantName', 'complainantContact', 'complainantAttributes'] as const;

/**
 * A complaint. The complainant fields are present only for viewers allowed personal data
 * (reviewers and the case's investigators); for everyone else the keys do not exist at all.
 */
export class ComplaintResponse extends ImportableRecordResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'CMP-2026-000123' }) reference!: string;
  @ApiProperty() receivedOn!: string;
  @ApiProperty({ enum: ComplaintChannel }) channel!: ComplaintChannel;
  @ApiProperty({ enum: ComplaintStatus }) status!: ComplaintStatus;
  @ApiProperty({ nullable: true, type: String }) summary!: string | null;
  @ApiProperty({ nullable: true, type: String }) investigationId!: string | null;
  @ApiPropertyOptional({ description: 'personal data: reviewers and the case\'s investigators only' }) complainantAnonymous?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'personal data' }) complainantName?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'personal data' }) complainantContact?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'personal data (imported details)' }) complainantAttributes?: Record<string, string> | null;

  static from(c: Complaint, withPersonalData: boolean): ComplaintResponse {
    const view: ComplaintResponse = {
      id: c.id, reference: c.reference, receivedOn: c.receivedOn, channel: c.channel, status: c.status, summary: c.summary,
      investigationId: c.investigationId, ...importableRecordFields(c),
    };
    if (!withPersonalData) return view;
    return {
      ...view,
      complainantAnonymous: c.complainantAnonymous, complainantName: c.complainantName,
      complainantContact: c.complainantContact, complainantAttributes: c.complainantAttributes,
    };
  }
}
