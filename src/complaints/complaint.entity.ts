import { Column, Entity } from 'typeorm';
import { ImportableRecord } from '../common/records/record-columns.js';
import { ComplaintChannel, ComplaintStatus } from './complaint.enums.js';

@Entity('complaints')
export class Complaint extends ImportableRecord {
  /** CMP-YYYY-NNNNNN, generated. */
  @Column({ type: 'varchar', length: 20 }) reference!: string;
  @Column({ name: 'received_on', type: 'date' }) receivedOn!: string;
  @Column({ type: 'varchar', length: 40 }) channel!: ComplaintChannel;
  @Column({ type: 'varchar', length: 40 }) status!: ComplaintStatus;
  @Column({ type: 'text', nullable: true }) summary!: string | null;
  @Column({ name: 'investigation_id', type: 'varchar', length: 36, nullable: true }) investigationId!: string | null;
  // Complainant personal data: never in any response or export an analyst receives.
  @Column({ name: 'complainant_anonymous', type: 'boolean' }) complainantAnonymous!: boolean;
  @Column({ name: 'complainant_name', type: 'varchar', length: 200, nullable: true }) complainantName!: string | null;
  @Column({ name: 'complainant_contact', type: 'varchar', length: 500, nullable: true }) complainantContact!: string | null;
  /** Imported complainant details (e.g. CCRB ethnicity, gender, age): personal data too. */
  @Column({ name: 'complainant_attributes', type: 'simple-json', nullable: true }) complainantAttributes!: Record<string, string> | null;
}
