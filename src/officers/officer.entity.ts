import { Column, Entity } from 'typeorm';
import { ImportableRecord } from '../common/records/record-columns.js';
import { EmploymentStatus } from './officer.enums.js';

@Entity('officers')
export class Officer extends ImportableRecord {
  @Column({ type: 'varchar', length: 100 }) force!: string;
  /** Service or warrant number: unique within a force. */
  @Column({ name: 'service_number', type: 'varchar', length: 40 }) serviceNumber!: string;
  @Column({ name: 'given_name', type: 'varchar', length: 100 }) givenName!: string;
  @Column({ name: 'family_name', type: 'varchar', length: 100 }) familyName!: string;
  @Column({ type: 'varchar', length: 60, nullable: true }) rank!: string | null;
  /** Command or unit. */
  @Column({ type: 'varchar', length: 120, nullable: true }) unit!: string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) station!: string | null;
  @Column({ name: 'employment_status', type: 'varchar', length: 20 }) employmentStatus!: EmploymentStatus;
  @Column({ name: 'joined_on', type: 'date', nullable: true }) joinedOn!: string | null;
  @Column({ name: 'left_on', type: 'date', nullable: true }) leftOn!: string | null;
  /** Source fields with no column of their own (e.g. CCRB ethnicity, gender), kept as given. */
  @Column({ name: 'source_attributes', type: 'simple-json', nullable: true }) sourceAttributes!: Record<string, string> | null;
}
