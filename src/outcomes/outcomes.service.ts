import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { Allegation } from '../allegations/allegation.entity.js';
import { SubjectsService, type SubjectInCase } from '../allegations/subjects.service.js';
import { AuditService } from '../audit/audit.service.js';
import { BarredListEntry } from '../barred-list/barred-list-entry.entity.js';
import { BarredListService } from '../barred-list/barred-list.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, NotAllowedError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors.js';
import type { Page } from '../common/http/paging.js';
import { hiddenAs } from '../common/records/record-access.js';
import { updateVersioned } from '../common/records/versioning.js';
import { Clock } from '../common/time/day.js';
import { newRecordColumns } from '../common/records/record-columns.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { CaseAccess } from '../investigations/case-access.service.js';
import type { Investigation } from '../investigations/investigation.entity.js';
import { assertChangeable } from '../investigations/investigation-rules.js';
import { Officer } from '../officers/officer.entity.js';
import { EmploymentStatus } from '../officers/officer.enums.js';
import { officerAuditImage } from '../officers/officers.service.js';
import { type AmendOutcomeDto, type OutcomeQuery, OutcomeResponse, type RecordOutcomeDto } from './dto/outcome.dto.js';
import { Outcome } from './outcome.entity.js';
import { OutcomeType } from './outcome.enums.js';
import { brokenOutcomeRules, type OutcomeCase } from './outcome-rules.js';

type OutcomeTerms = Pick<Outcome, 'type' | 'sanction' | 'learningOutcome' | 'hearingType' | 'decidedOn' | 'decidedBy' | 'rationale' | 'regime'>;

@Injectable()
export class OutcomesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cases: CaseAccess,
    private readonly subjects: SubjectsService,
    private readonly barredList: BarredListService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records the one outcome of a subject. In the same transaction: a dismissal changes the
   * officer's employment status, and a dismissal or would-have-been dismissal adds them to the
   * barred list.
   */
  record(subjectId: string, dto: RecordOutcomeDto, actor: AuthUser): Promise<OutcomeResponse> {
    return this.uow.run(async (em) => {
      const { subject, investigation } = await this.subjects.writable(em, subjectId, actor);
      await this.assertIndependent(em, investigation, actor);
      if (subject.archivedAt) throw new ConflictError(`subject ${subjectId} is archived: no outcome can be recorded`);
      const existing = await em.findOneBy(Outcome, { subjectId });
      if (existing) throw new ConflictError(`subject ${subjectId} already has an outcome (${existing.id}): amend it with PATCH /api/outcomes/${existing.id}`);
      const terms: OutcomeTerms = {
        type: dto.type, sanction: dto.sanction ?? null, learningOutcome: dto.learningOutcome ?? null, hearingType: dto.hearingType ?? null,
        decidedOn: dto.decidedOn, decidedBy: dto.decidedBy ?? null, rationale: dto.rationale ?? null, regime: dto.regime,
      };
      const officer = await em.findOneByOrFail(Officer, { id: subject.officerId });
      const allegations = await em.findBy(Allegation, { subjectId, archivedAt: IsNull() });
      this.assertRules(terms, { allegations, employmentStatus: officer.employmentStatus });

      const outcome = em.create(Outcome, {
        ...newRecordColumns(actor.id), sourceOutcome: null, subjectId, investigationId: subject.investigationId, officerId: subject.officerId, ...terms,
      });
      await em.insert(Outcome, outcome);
      await this.audit.record(em, { actor, action: 'outcome.recorded', entityType: 'outcome', entityId: outcome.id, before: null, after: { ...outcome } });
      if (outcome.type === OutcomeType.Dismissed) await this.dismiss(em, officer, outcome, actor);
      const entry = await this.barredList.syncWithOutcome(em, { outcome, officer, allegations, actor });
      return OutcomeResponse.from(outcome, entry?.id ?? null);
    });
  }

  /** Amends an outcome; the before-image stays in the audit trail and the rules are checked again. */
  amend(id: string, dto: AmendOutcomeDto, expectedVersion: number, actor: AuthUser): Promise<OutcomeResponse> {
    return this.uow.run(async (em) => {
      const { outcome, investigation } = await this.writable(em, id, actor);
      await this.assertIndependent(em, investigation, actor);
      const changes = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<OutcomeTerms>;
      const terms: OutcomeTerms = { ...outcome, ...changes };
      if (outcome.type === OutcomeType.Dismissed && terms.type !== OutcomeType.Dismissed) {
        throw new RuleViolationError('a dismissal cannot be amended into another outcome: the officer has already been recorded as dismissed');
      }
      const typeChanges = terms.type !== outcome.type;
      const officer = await em.findOneByOrFail(Officer, { id: outcome.officerId });
      const allegations = await em.findBy(Allegation, { subjectId: outcome.subjectId, archivedAt: IsNull() });
      // The employment-status rules decide the type; once decided, a dismissal has changed the status itself.
      this.assertRules(terms, { allegations, employmentStatus: typeChanges ? officer.employmentStatus : undefined });

      const updated = await updateVersioned<Outcome>(em, Outcome, outcome, expectedVersion, changes);
      await this.audit.record(em, { actor, action: 'outcome.amended', entityType: 'outcome', entityId: id, before: { ...outcome }, after: { ...updated } });
      if (typeChanges && updated.type === OutcomeType.Dismissed) await this.dismiss(em, officer, updated, actor);
      const entry = await this.barredList.syncWithOutcome(em, { outcome: updated, officer, allegations, actor });
      return OutcomeResponse.from(updated, entry?.id ?? null);
    });
  }

  async get(id: string, actor: AuthUser): Promise<OutcomeResponse> {
    const em = this.dataSource.manager;
    const outcome = await this.find(em, id);
    await hiddenAs('outcome', id, this.cases.readable(em, outcome.investigationId, actor));
    return OutcomeResponse.from(outcome, await this.currentEntryId(em, outcome.id));
  }

  async getForSubject(subjectId: string, actor: AuthUser): Promise<OutcomeResponse> {
    const em = this.dataSource.manager;
    await this.subjects.readable(em, subjectId, actor);
    const outcome = await em.findOneBy(Outcome, { subjectId });
    if (!outcome) throw new NotFoundError('outcome of subject', subjectId);
    return OutcomeResponse.from(outcome, await this.currentEntryId(em, outcome.id));
  }

  async list(query: OutcomeQuery, actor: AuthUser): Promise<Page<OutcomeResponse>> {
    const em = this.dataSource.manager;
    const qb = em.createQueryBuilder(Outcome, 'o').where('o.archived_at IS NULL');
    this.cases.scope(qb, 'o.investigation_id', actor);
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    if (query.investigationId) qb.andWhere('o.investigation_id = :investigationId', { investigationId: query.investigationId });
    if (query.officerId) qb.andWhere('o.officer_id = :officerId', { officerId: query.officerId });
    const [outcomes, total] = await qb.orderBy('o.decidedOn', 'DESC').addOrderBy('o.id', 'ASC')
      .limit(query.limit).offset(query.offset).getManyAndCount();
    const entries = outcomes.length
      ? await em.findBy(BarredListEntry, { outcomeId: In(outcomes.map((o) => o.id)), removedOn: IsNull() })
      : [];
    const entryOf = new Map(entries.map((e) => [e.outcomeId, e.id]));
    return { items: outcomes.map((o) => OutcomeResponse.from(o, entryOf.get(o.id) ?? null)), total, limit: query.limit, offset: query.offset };
  }

  /** Decision-makers must be independent of the investigation. */
  private async assertIndependent(em: EntityManager, investigation: Investigation, actor: AuthUser): Promise<void> {
    if (await this.cases.isMember(em, investigation, actor)) {
      throw new NotAllowedError('a reviewer who leads or is on the team of an investigation may not decide its outcomes');
    }
  }

  private assertRules(terms: OutcomeTerms, facts: Pick<OutcomeCase, 'allegations' | 'employmentStatus'>): void {
    const broken = brokenOutcomeRules({ ...terms, ...facts });
    if (terms.decidedOn > this.clock.today()) broken.push('an outcome cannot be decided on a day still in the future');
    if (broken.length) throw new RuleViolationError(broken.join('; '), { rules: broken });
  }

  private async dismiss(em: EntityManager, officer: Officer, outcome: Outcome, actor: AuthUser): Promise<void> {
    const changes = { employmentStatus: EmploymentStatus.Dismissed, leftOn: officer.leftOn ?? outcome.decidedOn };
    const updated = await updateVersioned(em, Officer, officer, officer.version, changes);
    await this.audit.record(em, {
      actor, action: 'officer.dismissed', entityType: 'officer', entityId: officer.id,
      before: officerAuditImage(officer), after: officerAuditImage(updated), detail: { outcomeId: outcome.id },
    });
  }

  private async writable(em: EntityManager, id: string, actor: AuthUser): Promise<{ outcome: Outcome } & Pick<SubjectInCase, 'investigation'>> {
    const outcome = await this.find(em, id);
    const investigation = await hiddenAs('outcome', id, this.cases.writable(em, outcome.investigationId, actor));
    assertChangeable(investigation);
    return { outcome, investigation };
  }

  private async find(em: EntityManager, id: string): Promise<Outcome> {
    const outcome = await em.findOneBy(Outcome, { id });
    if (!outcome) throw new NotFoundError('outcome', id);
    return outcome;
  }

  private async currentEntryId(em: EntityManager, outcomeId: string): Promise<string | null> {
    return (await em.findOneBy(BarredListEntry, { outcomeId, removedOn: IsNull() }))?.id ?? null;
  }
}
