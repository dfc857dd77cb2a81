import { Column, Entity } from 'typeorm';
import { ImportableRecord } from '../common/records/record-columns.js';
import { AllegationCategory, CaseToAnswer, Finding, ProfessionalStandard, Severity } from './allegation.enums.js';

@Entity('allegations')
export class Allegation extends ImportableRecord {
  @Column({ name: 'subject_id', type: 'varchar', length: 36 }) subjectId!: string;
  // Denormalised from the subject so reports group and filter without joins.
  @Column({ name: 'investigation_id', type: 'varchar', length: 36 }) investigationId!: string;
  @Column({ name: 'officer_id', type: 'varchar', length: 36 }) officerId!: string;
  @Column({ type: 'varchar', length: 60 }) category!: AllegationCategory;
  @Column({ type: 'varchar', length: 60, nullable: true }) standard!: ProfessionalStandard | null;
  @Column({ type: 'varchar', length: 20 }) severity!: Severity;
  @Column({ name: 'case_to_answer', type: 'varchar', length: 10 }) caseToAnswer!: CaseToAnswer;
  @Column({ type: 'varchar', length: 20 }) finding!: Finding;
  @Column({ type: 'text', nullable: true }) detail!: string | null;
  @Column({ name: 'alleged_on', type: 'date', nullable: true }) allegedOn!: string | null;
  // The source's own words, so imported data can be counted in its own terms.
  @Column({ name: 'source_category', type: 'varchar', length: 200, nullable: true }) sourceCategory!: string | null;
  @Column({ name: 'source_finding', type: 'varchar', length: 200, nullable: true }) sourceFinding!: string | null;
}
