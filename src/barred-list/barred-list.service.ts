import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Allegation } from '../allegations/allegation.entity.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import type { Page } from '../common/http/paging.js';
import { containsPattern } from '../common/http/sorting.js';
import { Clock } from '../common/time/day.js';
import { CaseAccess } from '../investigations/case-access.service.js';
import { Investigation } from '../investigations/investigation.entity.js';
import type { Officer } from '../officers/officer.entity.js';
import type { Outcome } from '../outcomes/outcome.entity.js';
import { BarredListEntry } from './barred-list-entry.entity.js';
import { barringTerms, words } from './barring.js';
import { BarredListEntryResponse, type BarredListQuery } from './dto/barred-list.dto.js';

/** What decides whether, and why, someone is on the barred list. */
export interface BarringDecision {
  outcome: Outcome;
  officer: Officer;
  /** The subject's allegations (archived ones left out). */
  allegations: Allegation[];
  actor: AuthUser;
}

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
    const { outcome, officer, allegations, actor } = decision;
    const existing = await em.findOneBy(BarredListEntry, { outcomeId: outcome.id });
    const barring = barringTerms(outcome, allegations);
    if (!barring) {
      if (!existing || existing.removedOn) return null;
      const changes = { removedOn: this.clock.today(), removalReason: `outcome amended to ${words(outcome.type)}` };
      await em.update(BarredListEntry, { id: existing.id }, changes);
      await this.audit.record(em, { actor, action: 'barred_list.removed', entityType: 'barred_list_entry', entityId: existing.id, before: { ...existing }, after: { ...existing, ...changes } });
      return null;
    }
    const terms = { ...barring, removedOn: null, removalReason: null };
    if (existing) {
      const after = { ...existing, ...terms };
      if (Object.entries(terms).every(([key, value]) => existing[key as keyof BarredListEntry] === value)) return existing;
      await em.update(BarredListEntry, { id: existing.id }, terms);
      await this.audit.record(em, { actor, action: 'barred_list.updated', entityType: 'barred_list_entry', entityId: existing.id, before: { ...existing }, after });
      return Object.assign(new BarredListEntry(), after);
    }
    const entry = BarredListEntry.for(officer, outcome, barring, actor.id);
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
}
