import { Column, Entity } from 'typeorm';
import { ImportableRecord } from '../common/records/record-columns.js';
import { InvestigationMode, InvestigationOrigin, InvestigationStatus } from './investigation.enums.js';

@Entity('investigations')
export class Investigation extends ImportableRecord {
  /** INV-YYYY-NNNNNN, generated. */
  @Column({ type: 'varchar', length: 20 }) reference!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'varchar', length: 20 }) mode!: InvestigationMode;
  @Column({ type: 'varchar', length: 40 }) origin!: InvestigationOrigin;
  /** Groups linked investigations (e.g. "Operation Hotton"). */
  @Column({ type: 'varchar', length: 120, nullable: true }) operation!: string | null;
  @Column({ type: 'varchar', length: 30 }) status!: InvestigationStatus;
  @Column({ name: 'lead_investigator_id', type: 'varchar', length: 36, nullable: true }) leadInvestigatorId!: string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) station!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) location!: string | null;
  @Column({ name: 'conduct_from', type: 'date', nullable: true }) conductFrom!: string | null;
  @Column({ name: 'conduct_to', type: 'date', nullable: true }) conductTo!: string | null;
  @Column({ type: 'text', nullable: true }) summary!: string | null;
  @Column({ name: 'opened_on', type: 'date' }) openedOn!: string;
  @Column({ name: 'closed_on', type: 'date', nullable: true }) closedOn!: string | null;
  /** While suspended: the state it was suspended from (it may resume there or to investigating). */
  @Column({ name: 'suspended_from', type: 'varchar', length: 30, nullable: true }) suspendedFrom!: InvestigationStatus | null;
}
