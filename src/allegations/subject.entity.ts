import { Column, Entity } from 'typeorm';
import { ImportableRecord } from '../common/records/record-columns.js';

/** An officer under investigation in one investigation. */
@Entity('subjects')
export class Subject extends ImportableRecord {
  @Column({ name: 'investigation_id', type: 'varchar', length: 36 }) investigationId!: string;
  @Column({ name: 'officer_id', type: 'varchar', length: 36 }) officerId!: string;
  /** Rank and unit at the time of the conduct (the officer record holds the current ones). */
  @Column({ name: 'rank_at_time', type: 'varchar', length: 60, nullable: true }) rankAtTime!: string | null;
  @Column({ name: 'unit_at_time', type: 'varchar', length: 120, nullable: true }) unitAtTime!: string | null;
}
