import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, NotAllowedError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors.js';
import type { Page } from '../common/http/paging.js';
import type { ArchivablePageQuery } from '../common/http/query-flags.js';
import type { ArchiveDto } from '../common/records/archive.dto.js';
import { hiddenAs } from '../common/records/record-access.js';
import { updateVersioned } from '../common/records/versioning.js';
import { newRecordColumns } from '../common/records/record-columns.js';
import { now } from '../database/columns.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { CaseAccess } from '../investigations/case-access.service.js';
import type { Investigation } from '../investigations/investigation.entity.js';
import { assertChangeable } from '../investigations/investigation-rules.js';
import { Outcome } from '../outcomes/outcome.entity.js';
import { brokenOutcomeRules } from '../outcomes/outcome-rules.js';
import { Allegation } from './allegation.entity.js';
import { CaseToAnswer, Finding } from './allegation.enums.js';
import {
  AllegationResponse, type AllegationQuery, type CreateAllegationDto, type RecordFindingDto, type UpdateAllegationDto,
} from './dto/allegation.dto.js';
import { brokenFindingRules } from './finding-rules.js';
import { SubjectsService } from './subjects.service.js';

const SORT_COLUMNS = { createdAt: 'a.createdAt', allegedOn: 'a.allegedOn', category: 'a.category', severity: 'a.severity' } as const;

@Injectable()
export class AllegationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cases: CaseAccess,
    private readonly subjects: SubjectsService,
  ) {}

  create(subjectId: string, dto: CreateAllegationDto, actor: AuthUser): Promise<AllegationResponse> {
    return this.uow.run(async (em) => {
      const { subject } = await this.subjects.writable(em, subjectId, actor);
      if (subject.archivedAt) throw new ConflictError(`subject ${subjectId} is archived: no allegations can be added`);
      const allegation = em.create(Allegation, {
        ...newRecordColumns(actor.id), subjectId, investigationId: subject.investigationId, officerId: subject.officerId,
        category: dto.category, standard: dto.standard, severity: dto.severity, detail: dto.detail, allegedOn: dto.allegedOn ?? null,
        caseToAnswer: CaseToAnswer.Pending, finding: Finding.Pending, sourceCategory: null, sourceFinding: null,
      });
      await em.insert(Allegation, allegation);
      await this.audit.record(em, { actor, action: 'allegation.created', entityType: 'allegation', entityId: allegation.id, before: null, after: { ...allegation } });
      return AllegationResponse.from(allegation);
    });
  }

  async listForSubject(subjectId: string, query: ArchivablePageQuery, actor: AuthUser): Promise<Page<AllegationResponse>> {
    await this.subjects.readable(this.dataSource.manager, subjectId, actor);
    return this.page(query, 'createdAt', (qb) => qb.where('a.subject_id = :subjectId', { subjectId }));
  }

  list(query: AllegationQuery, actor: AuthUser): Promise<Page<AllegationResponse>> {
    return this.page(query, query.sort, (qb) => {
      this.cases.scope(qb, 'a.investigation_id', actor);
      if (query.category) qb.andWhere('a.category = :category', { category: query.category });
      if (query.severity) qb.andWhere('a.severity = :severity', { severity: query.severity });
      if (query.finding) qb.andWhere('a.finding = :finding', { finding: query.finding });
      if (query.investigationId) qb.andWhere('a.investigation_id = :investigationId', { investigationId: query.investigationId });
      if (query.officerId) qb.andWhere('a.officer_id = :officerId', { officerId: query.officerId });
    });
  }

  async get(id: string, actor: AuthUser): Promise<AllegationResponse> {
    const { allegation } = await this.readable(this.dataSource.manager, id, actor);
    return AllegationResponse.from(allegation);
  }

  update(id: string, dto: UpdateAllegationDto, expectedVersion: number, actor: AuthUser): Promise<AllegationResponse> {
    return this.uow.run(async (em) => {
      const { allegation } = await this.writable(em, id, actor);
      if (allegation.archivedAt) throw new ConflictError(`allegation ${id} is archived and can no longer be changed`);
      if (allegation.caseToAnswer !== CaseToAnswer.Pending || allegation.finding !== Finding.Pending) {
        throw new RuleViolationError('an investigator cannot change an allegation once a reviewer has decided case to answer or a finding on it');
      }
      const updated = await updateVersioned(em, Allegation, allegation, expectedVersion, dto);
      await this.assertOutcomeStillHolds(em, updated);
      await this.audit.record(em, { actor, action: 'allegation.updated', entityType: 'allegation', entityId: id, before: { ...allegation }, after: { ...updated } });
      return AllegationResponse.from(updated);
    });
  }

  /** Case to answer and finding: a reviewer's decision, never an investigator's. */
  recordFinding(id: string, dto: RecordFindingDto, expectedVersion: number, actor: AuthUser): Promise<AllegationResponse> {
    return this.uow.run(async (em) => {
      const { allegation, investigation } = await this.writable(em, id, actor);
      if (await this.cases.isMember(em, investigation, actor)) {
        throw new NotAllowedError('a reviewer who leads or is on the team of an investigation may not decide its findings');
      }
      if (allegation.archivedAt) throw new ConflictError(`allegation ${id} is archived and can no longer be changed`);
      const broken = brokenFindingRules(dto.caseToAnswer, dto.finding);
      if (broken.length) throw new RuleViolationError(broken.join('; '), { rules: broken });
      const changes = { caseToAnswer: dto.caseToAnswer, finding: dto.finding, severity: dto.severity ?? allegation.severity };
      const updated = await updateVersioned(em, Allegation, allegation, expectedVersion, changes);
      await this.assertOutcomeStillHolds(em, updated);
      await this.audit.record(em, { actor, action: 'allegation.finding_recorded', entityType: 'allegation', entityId: id, before: { ...allegation }, after: { ...updated } });
      return AllegationResponse.from(updated);
    });
  }

  archive(id: string, dto: ArchiveDto, expectedVersion: number, actor: AuthUser): Promise<AllegationResponse> {
    return this.uow.run(async (em) => {
      const { allegation } = await this.writable(em, id, actor);
      if (allegation.archivedAt) throw new ConflictError(`allegation ${id} is already archived`);
      const updated = await updateVersioned(em, Allegation, allegation, expectedVersion, { archivedAt: now(), archivedBy: actor.id, archiveReason: dto.reason });
      await this.assertOutcomeStillHolds(em, updated);
      await this.audit.record(em, { actor, action: 'allegation.archived', entityType: 'allegation', entityId: id, before: { ...allegation }, after: { ...updated } });
      return AllegationResponse.from(updated);
    });
  }

  private async page(
    query: ArchivablePageQuery, sort: keyof typeof SORT_COLUMNS | `-${keyof typeof SORT_COLUMNS}`,
    where: (qb: SelectQueryBuilder<Allegation>) => void,
  ): Promise<Page<AllegationResponse>> {
    const qb = this.dataSource.manager.createQueryBuilder(Allegation, 'a');
    where(qb);
    if (!query.includeArchived) qb.andWhere('a.archived_at IS NULL');
    const descending = sort.startsWith('-');
    const column = SORT_COLUMNS[sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
    const [rows, total] = await qb.orderBy(column, descending ? 'DESC' : 'ASC').addOrderBy('a.id', 'ASC')
      .limit(query.limit).offset(query.offset).getManyAndCount();
    return { items: rows.map(AllegationResponse.from), total, limit: query.limit, offset: query.offset };
  }

  /**
   * A recorded outcome rests on the findings: a change that would leave it breaking a conduct
   * rule (e.g. the only proven gross-misconduct allegation behind a dismissal) is refused.
   */
  private async assertOutcomeStillHolds(em: EntityManager, changed: Allegation): Promise<void> {
    const outcome = await em.findOneBy(Outcome, { subjectId: changed.subjectId });
    if (!outcome) return;
    // Read inside the transaction, so the change just written is already part of it.
    const allegations = await em.findBy(Allegation, { subjectId: changed.subjectId, archivedAt: IsNull() });
    const broken = brokenOutcomeRules({ ...outcome, allegations });
    if (broken.length) {
      throw new RuleViolationError(
        `the subject's recorded outcome (${outcome.type}) would then break the rules: ${broken.join('; ')}; amend the outcome first`,
        { rules: broken },
      );
    }
  }

  private async readable(em: EntityManager, id: string, actor: AuthUser): Promise<{ allegation: Allegation; investigation: Investigation }> {
    const allegation = await this.find(em, id);
    return { allegation, investigation: await hiddenAs('allegation', id, this.cases.readable(em, allegation.investigationId, actor)) };
  }

  /** A closed or archived case is not changed (409): it is reopened first. */
  private async writable(em: EntityManager, id: string, actor: AuthUser): Promise<{ allegation: Allegation; investigation: Investigation }> {
    const allegation = await this.find(em, id);
    const investigation = await hiddenAs('allegation', id, this.cases.writable(em, allegation.investigationId, actor));
    assertChangeable(investigation);
    return { allegation, investigation };
  }

  private async find(em: EntityManager, id: string): Promise<Allegation> {
    const allegation = await em.findOneBy(Allegation, { id });
    if (!allegation) throw new NotFoundError('allegation', id);
    return allegation;
  }
}
