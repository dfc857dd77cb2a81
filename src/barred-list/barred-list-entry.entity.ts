import { Column, Entity, PrimaryColumn } from 'typeorm';
import { newId, now } from '../database/columns.js';
import type { Officer } from '../officers/officer.entity.js';
import type { Outcome } from '../outcomes/outcome.entity.js';
import type { BarringTerms } from './barring.js';

/**
 * Added automatically when an outcome is a dismissal or would-have-been dismissal. Name and
 * numbers are copied so the entry reads the same whatever later happens to the officer record.
 */
@Entity('barred_list_entries')
export class BarredListEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'officer_id', type: 'varchar', length: 36 }) officerId!: string;
  @Column({ name: 'outcome_id', type: 'varchar', length: 36 }) outcomeId!: string;
  @Column({ name: 'investigation_id', type: 'varchar', length: 36 }) investigationId!: string;
  @Column({ name: 'given_name', type: 'varchar', length: 100 }) givenName!: string;
  @Column({ name: 'family_name', type: 'varchar', length: 100 }) familyName!: string;
  @Column({ type: 'varchar', length: 100 }) force!: string;
  @Column({ name: 'service_number', type: 'varchar', length: 40 }) serviceNumber!: string;
  @Column({ name: 'added_on', type: 'date' }) addedOn!: string;
  @Column({ type: 'varchar', length: 1000 }) reason!: string;
  /** Five years on for gross misconduct. */
  @Column({ name: 'review_eligible_on', type: 'date', nullable: true }) reviewEligibleOn!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true }) createdBy!: string | null;
  /** Set when the entry is removed after a successful review or appeal; never deleted. */
  @Column({ name: 'removed_on', type: 'date', nullable: true }) removedOn!: string | null;
  @Column({ name: 'removal_reason', type: 'varchar', length: 1000, nullable: true }) removalReason!: string | null;

  /** A new entry for the officer an outcome bars, on the terms of barring.ts. */
  static for(
    officer: Pick<Officer, 'id' | 'givenName' | 'familyName' | 'force' | 'serviceNumber'>,
    outcome: Pick<Outcome, 'id' | 'investigationId'>,
    terms: BarringTerms, createdBy: string | null, at: string = now(), id: string = newId(),
  ): BarredListEntry {
    // In column order, as em.create would lay it out (the audit event lists the fields in this order).
    return Object.assign(new BarredListEntry(), {
      id, officerId: officer.id, outcomeId: outcome.id, investigationId: outcome.investigationId,
      givenName: officer.givenName, familyName: officer.familyName, force: officer.force, serviceNumber: officer.serviceNumber,
      addedOn: terms.addedOn, reason: terms.reason, reviewEligibleOn: terms.reviewEligibleOn,
      createdAt: at, createdBy, removedOn: null, removalReason: null,
    });
  }
}
