import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Allegation } from '../allegations/allegation.entity.js';
import { Finding, Severity } from '../allegations/allegation.enums.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import type { Page } from '../common/http/paging.js';
import { containsPattern } from '../common/http/sorting.js';
import { addYears, Clock } from '../common/time/day.js';
import { newId, now } from '../database/columns.js';
import { CaseAccess } from '../investigations/case-access.service.js';
import { Investigation } from '../investigations/investigation.entity.js';
import type { Officer } from '../officers/officer.entity.js';
import type { Outcome } from '../outcomes/outcome.entity.js';
import { BARRING_OUTCOMES, HearingType, OutcomeType } from '../outcomes/outcome.enums.js';
import { BarredListEntry } from './barred-list-entry.entity.js';
import { BarredListEntryResponse, type BarredListQuery } from './dto/barred-list.dto.js';

/** People barred after gross misconduct may ask for review five years on. */
export const REVIEW_AFTER_YEARS = 5;

/** What decides whether, and why, someone is on the barred list. */
export interface BarringDecision {
  outcome: Outcome;
  officer: Officer;
  /** The subject's allegations (archived ones left out). */
  allegations: Allegation[];
  actor: AuthUser;
}

const HEARINGS: Record<HearingType, string> = {
  [HearingType.MisconductMeeting]: 'a misconduct meeting',
  [HearingType.GrossMisconductHearing]: 'a gross misconduct hearing',
  [HearingType.AcceleratedHearing]: 'an accelerated hearing',
};

const words = (value: string) => value.replaceAll('_', ' ');

@Injectable()
export class BarredListService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cases: CaseAccess,
    private readonly clock: Clock,
  ) {}

  /**
   * Brings the barred list in line with an outcome just recorded or amended, inside the
   * outcome's transaction: a dismissal or would-have-been dismissal adds (or refreshes) the
   * entry; an outcome amended away from those marks its entry removed. Entries are never deleted.
   */
  async syncWithOutcome(em: EntityManager, decision: BarringDecision): Promise<BarredListEntry | null> {
    const { outcome, officer, actor } = decision;
    const existing = await em.findOneBy(BarredListEntry, { outcomeId: outcome.id });
    const bars = BARRING_OUTCOMES.includes(outcome.type);
    if (!bars) {
      if (!existing || existing.removedOn) return null;
      const changes = { removedOn: this.clock.today(), removalReason: `outcome amended to ${words(outcome.type)}` };
      await em.update(BarredListEntry, { id: existing.id }, changes);
      await this.audit.record(em, { actor, action: 'barred_list.removed', entityType: 'barred_list_entry', entityId: existing.id, before: { ...existing }, after: { ...existing, ...changes } });
      return null;
    }
    const terms = { addedOn: outcome.decidedOn, reason: this.reason(decision), reviewEligibleOn: this.reviewEligibleOn(decision), removedOn: null, removalReason: null };
    if (existing) {
      const after = { ...existing, ...terms };
      if (Object.entries(terms).every(([key, value]) => existing[key as keyof BarredListEntry] === value)) return existing;
      await em.update(BarredListEntry, { id: existing.id }, terms);
      await this.audit.record(em, { actor, action: 'barred_list.updated', entityType: 'barred_list_entry', entityId: existing.id, before: { ...existing }, after });
      return Object.assign(new BarredListEntry(), after);
    }
    const entry = em.create(BarredListEntry, {
      id: newId(), officerId: officer.id, outcomeId: outcome.id, investigationId: outcome.investigationId,
      givenName: officer.givenName, familyName: officer.familyName, force: officer.force, serviceNumber: officer.serviceNumber,
      ...terms, createdAt: now(), createdBy: actor.id,
    });
    await em.insert(BarredListEntry, entry);
    await this.audit.record(em, { actor, action: 'barred_list.added', entityType: 'barred_list_entry', entityId: entry.id, before: null, after: { ...entry } });
    return entry;
  }

  async list(query: BarredListQuery, actor: AuthUser): Promise<Page<BarredListEntryResponse>> {
    const qb = this.dataSource.manager.createQueryBuilder(BarredListEntry, 'b');
    if (!query.includeRemoved) qb.where('b.removed_on IS NULL');
    if (query.q) {
      const pattern = containsPattern(query.q);
      qb.andWhere(
        `(LOWER(b.given_name || ' ' || b.family_name) LIKE :pattern ESCAPE '\\'
          OR LOWER(b.service_number) LIKE :pattern ESCAPE '\\' OR LOWER(b.force) LIKE :pattern ESCAPE '\\')`,
        { pattern },
      );
    }
    const [entries, total] = await qb.orderBy('b.addedOn', 'DESC').addOrderBy('b.familyName', 'ASC').addOrderBy('b.id', 'ASC')
      .limit(query.limit).offset(query.offset).getManyAndCount();
    const references = await this.visibleCaseReferences(entries.map((e) => e.investigationId), actor);
    return { items: entries.map((e) => BarredListEntryResponse.from(e, references.get(e.investigationId))), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string, actor: AuthUser): Promise<BarredListEntryResponse> {
    const entry = await this.dataSource.manager.findOneBy(BarredListEntry, { id });
    if (!entry) throw new NotFoundError('barred list entry', id);
    const references = await this.visibleCaseReferences([entry.investigationId], actor);
    return BarredListEntryResponse.from(entry, references.get(entry.investigationId));
  }

  /**
   * The list itself is published, so every case role reads it; which case an entry came from
   * is shown only to those who may see that case (an investigator's other cases stay hidden).
   */
  private async visibleCaseReferences(investigationIds: string[], actor: AuthUser): Promise<Map<string, string>> {
    if (!investigationIds.length) return new Map();
    const qb = this.dataSource.manager.createQueryBuilder(Investigation, 'i').select(['i.id', 'i.reference'])
      .where('i.id IN (:...investigationIds)', { investigationIds: [...new Set(investigationIds)] });
    const visible = await this.cases.scope(qb, 'i.id', actor).getMany();
    return new Map(visible.map((i) => [i.id, i.reference]));
  }

  private provenGrossMisconduct(allegations: Allegation[]): Allegation[] {
    return allegations.filter((a) => a.finding === Finding.Proven && a.severity === Severity.GrossMisconduct);
  }

  private reviewEligibleOn({ outcome, allegations }: BarringDecision): string | null {
    return this.provenGrossMisconduct(allegations).length ? addYears(outcome.decidedOn, REVIEW_AFTER_YEARS) : null;
  }

  /** In words, without the case reference (the list is read by people who may not see the case). */
  private reason({ outcome, allegations }: BarringDecision): string {
    const what = outcome.type === OutcomeType.Dismissed
      ? 'Dismissed without notice'
      : 'Would have been dismissed had they not left the force';
    const hearing = outcome.hearingType ? ` after ${HEARINGS[outcome.hearingType]}` : '';
    const categories = [...new Set(this.provenGrossMisconduct(allegations).map((a) => words(a.category)))].sort();
    const proven = categories.length ? `: gross misconduct found proven (${categories.join('; ')})` : '';
    return `${what}${hearing}${proven}`.slice(0, 1000);
  }
}
