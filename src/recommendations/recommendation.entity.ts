import { Column, Entity } from 'typeorm';
import { ImportableRecord } from '../common/records/record-columns.js';
import { ImplementationStatus, ResponseStatus } from './recommendation.enums.js';

@Entity('recommendations')
export class Recommendation extends ImportableRecord {
  @Column({ name: 'investigation_id', type: 'varchar', length: 36 }) investigationId!: string;
  /** 1, 2, 3… within its investigation. */
  @Column({ type: 'integer' }) number!: number;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'varchar', length: 200 }) recipient!: string;
  @Column({ name: 'issued_on', type: 'date' }) issuedOn!: string;
  @Column({ name: 'response_due_on', type: 'date' }) responseDueOn!: string;
  @Column({ name: 'due_extension_reason', type: 'varchar', length: 1000, nullable: true }) dueExtensionReason!: string | null;
  @Column({ name: 'response_status', type: 'varchar', length: 30 }) responseStatus!: ResponseStatus;
  @Column({ name: 'response_text', type: 'text', nullable: true }) responseText!: string | null;
  @Column({ name: 'responded_on', type: 'date', nullable: true }) respondedOn!: string | null;
  @Column({ name: 'implementation_status', type: 'varchar', length: 30 }) implementationStatus!: ImplementationStatus;
  @Column({ name: 'implementation_evidence', type: 'text', nullable: true }) implementationEvidence!: string | null;
}
