import { Column, Entity } from 'typeorm';
import { ImportableRecord } from '../common/records/record-columns.js';
import { ConductRegime, HearingType, LearningOutcome, OutcomeType, Sanction } from './outcome.enums.js';

/** The outcome for one subject (one officer in one investigation), recorded by a reviewer. */
@Entity('outcomes')
export class Outcome extends ImportableRecord {
  @Column({ name: 'subject_id', type: 'varchar', length: 36 }) subjectId!: string;
  // Denormalised from the subject so reports group and filter without joins.
  @Column({ name: 'investigation_id', type: 'varchar', length: 36 }) investigationId!: string;
  @Column({ name: 'officer_id', type: 'varchar', length: 36 }) officerId!: string;
  @Column({ type: 'varchar', length: 30 }) type!: OutcomeType;
  @Column({ type: 'varchar', length: 30, nullable: true }) sanction!: Sanction | null;
  @Column({ name: 'learning_outcome', type: 'varchar', length: 40, nullable: true }) learningOutcome!: LearningOutcome | null;
  @Column({ name: 'hearing_type', type: 'varchar', length: 40, nullable: true }) hearingType!: HearingType | null;
  @Column({ name: 'decided_on', type: 'date' }) decidedOn!: string;
  /** The person or panel who decided (free text); the recording reviewer is createdBy. */
  @Column({ name: 'decided_by', type: 'varchar', length: 200, nullable: true }) decidedBy!: string | null;
  @Column({ type: 'text', nullable: true }) rationale!: string | null;
  @Column({ type: 'varchar', length: 4 }) regime!: ConductRegime;
  /** The source's own outcome wording, for imported records. */
  @Column({ name: 'source_outcome', type: 'varchar', length: 200, nullable: true }) sourceOutcome!: string | null;
}
