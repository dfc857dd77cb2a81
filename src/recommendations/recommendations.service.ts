import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors.js';
import type { Page } from '../common/http/paging.js';
import { containsPattern } from '../common/http/sorting.js';
import type { ArchiveDto } from '../common/records/archive.dto.js';
import { hiddenAs } from '../common/records/record-access.js';
import { updateVersioned } from '../common/records/versioning.js';
import { addDays, Clock } from '../common/time/day.js';
import { newRecordColumns } from '../common/records/record-columns.js';
import { now } from '../database/columns.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { CaseAccess } from '../investigations/case-access.service.js';
import { Investigation } from '../investigations/investigation.entity.js';
import { assertChangeable, assertNotArchived } from '../investigations/investigation-rules.js';
import {
  type CreateRecommendationDto, type ExtendResponseDeadlineDto, type RecommendationQuery, RecommendationResponse, type RecommendationSort,
  type RecordImplementationDto, type RecordResponseDto, type UpdateRecommendationDto,
} from './dto/recommendation.dto.js';
import { Recommendation } from './recommendation.entity.js';
import { ImplementationStatus, RESPONSE_DAYS, ResponseStatus } from './recommendation.enums.js';

const SORT_COLUMNS = { number: 'r.number', issuedOn: 'r.issuedOn', responseDueOn: 'r.responseDueOn' } as const;
const ACCEPTED = [ResponseStatus.Accepted, ResponseStatus.PartiallyAccepted];
const UNDER_WAY = [ImplementationStatus.InProgress, ImplementationStatus.Implemented];

@Injectable()
export class RecommendationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cases: CaseAccess,
    private readonly clock: Clock,
  ) {}

  /** Numbered next within its investigation; the response is due RESPONSE_DAYS (56) days after issue. */
  create(investigationId: string, dto: CreateRecommendationDto, actor: AuthUser): Promise<RecommendationResponse> {
    return this.uow.run(async (em) => {
      assertChangeable(await this.cases.writable(em, investigationId, actor));
      const today = this.clock.today();
      if (dto.issuedOn > today) throw new RuleViolationError('a recommendation cannot be issued on a day still in the future');
      const number = await this.nextNumber(em, investigationId);
      const recommendation = em.create(Recommendation, {
        ...newRecordColumns(actor.id), investigationId, number, text: dto.text, recipient: dto.recipient, issuedOn: dto.issuedOn,
        responseDueOn: addDays(dto.issuedOn, RESPONSE_DAYS), dueExtensionReason: null,
        responseStatus: ResponseStatus.Pending, responseText: null, respondedOn: null,
        implementationStatus: ImplementationStatus.NotStarted, implementationEvidence: null,
      });
      await em.insert(Recommendation, recommendation);
      await this.audit.record(em, { actor, action: 'recommendation.created', entityType: 'recommendation', entityId: recommendation.id, before: null, after: { ...recommendation } });
      return RecommendationResponse.from(recommendation, today);
    });
  }

  async listForInvestigation(investigationId: string, query: RecommendationQuery, actor: AuthUser): Promise<Page<RecommendationResponse>> {
    await this.cases.readable(this.dataSource.manager, investigationId, actor);
    return this.page({ ...query, investigationId }, query.sort ?? 'number', actor);
  }

  list(query: RecommendationQuery, actor: AuthUser): Promise<Page<RecommendationResponse>> {
    return this.page(query, query.sort ?? 'responseDueOn', actor);
  }

  private async page(query: RecommendationQuery, sort: RecommendationSort, actor: AuthUser): Promise<Page<RecommendationResponse>> {
    const today = this.clock.today();
    const qb = this.dataSource.manager.createQueryBuilder(Recommendation, 'r');
    this.cases.scope(qb, 'r.investigation_id', actor);
    if (!query.includeArchived) qb.andWhere('r.archived_at IS NULL');
    if (query.investigationId) qb.andWhere('r.investigation_id = :investigationId', { investigationId: query.investigationId });
    if (query.responseStatus) qb.andWhere('r.response_status = :responseStatus', { responseStatus: query.responseStatus });
    if (query.recipient) {
      qb.andWhere(`LOWER(r.recipient) LIKE :pattern ESCAPE '\\'`, { pattern: containsPattern(query.recipient) });
    }
    if (query.overdue !== undefined) this.whereOverdue(qb, query.overdue, today);
    const descending = sort.startsWith('-');
    const column = SORT_COLUMNS[sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
    const [rows, total] = await qb.orderBy(column, descending ? 'DESC' : 'ASC')
      .addOrderBy('r.investigationId', 'ASC').addOrderBy('r.number', 'ASC')
      .limit(query.limit).offset(query.offset).getManyAndCount();
    return { items: rows.map((r) => RecommendationResponse.from(r, today)), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string, actor: AuthUser): Promise<RecommendationResponse> {
    const em = this.dataSource.manager;
    const recommendation = await this.find(em, id);
    await hiddenAs('recommendation', id, this.cases.readable(em, recommendation.investigationId, actor));
    return RecommendationResponse.from(recommendation, this.clock.today());
  }

  update(id: string, dto: UpdateRecommendationDto, expectedVersion: number, actor: AuthUser): Promise<RecommendationResponse> {
    return this.change(id, expectedVersion, actor, 'recommendation.updated', () => ({ ...dto }), { caseOpen: true });
  }

  /** A later due date, with the reason; only while the recommendation awaits its response. */
  extend(id: string, dto: ExtendResponseDeadlineDto, expectedVersion: number, actor: AuthUser): Promise<RecommendationResponse> {
    return this.change(id, expectedVersion, actor, 'recommendation.deadline_extended', (current) => {
      if (current.responseStatus !== ResponseStatus.Pending) {
        throw new RuleViolationError('the response deadline can only be extended while the response is still pending');
      }
      if (dto.responseDueOn <= current.responseDueOn) {
        throw new RuleViolationError(`an extension must move the response due date later than the current one (${current.responseDueOn})`);
      }
      return { responseDueOn: dto.responseDueOn, dueExtensionReason: dto.reason };
    });
  }

  respond(id: string, dto: RecordResponseDto, expectedVersion: number, actor: AuthUser): Promise<RecommendationResponse> {
    return this.change(id, expectedVersion, actor, 'recommendation.response_recorded', (current) => {
      if (dto.respondedOn < current.issuedOn) {
        throw new RuleViolationError(`a response cannot predate the recommendation (issued on ${current.issuedOn})`);
      }
      if (dto.respondedOn > this.clock.today()) throw new RuleViolationError('a response cannot be dated on a day still in the future');
      if (dto.responseStatus === ResponseStatus.NotAccepted && UNDER_WAY.includes(current.implementationStatus)) {
        throw new RuleViolationError('a recommendation whose implementation is in progress or done cannot be recorded as not accepted');
      }
      return { responseStatus: dto.responseStatus, responseText: dto.responseText, respondedOn: dto.respondedOn };
    });
  }

  implementation(id: string, dto: RecordImplementationDto, expectedVersion: number, actor: AuthUser): Promise<RecommendationResponse> {
    return this.change(id, expectedVersion, actor, 'recommendation.implementation_recorded', (current) => {
      if (UNDER_WAY.includes(dto.implementationStatus) && !ACCEPTED.includes(current.responseStatus)) {
        throw new RuleViolationError('implementation can only be in progress or done once the recommendation has been accepted or partially accepted');
      }
      return { implementationStatus: dto.implementationStatus, implementationEvidence: dto.evidence ?? current.implementationEvidence };
    });
  }

  archive(id: string, dto: ArchiveDto, expectedVersion: number, actor: AuthUser): Promise<RecommendationResponse> {
    return this.change(id, expectedVersion, actor, 'recommendation.archived',
      () => ({ archivedAt: now(), archivedBy: actor.id, archiveReason: dto.reason }), { caseOpen: true });
  }

  /**
   * One versioned, audited change; `decide` states the rules and returns the fields to write.
   * The recommendation itself changes only while its case is open (`caseOpen`); responses,
   * extensions and implementation come after the case has closed, so only an archived case stops them.
   */
  private change(
    id: string, expectedVersion: number, actor: AuthUser, action: string,
    decide: (current: Recommendation) => Partial<Recommendation>, { caseOpen = false } = {},
  ): Promise<RecommendationResponse> {
    return this.uow.run(async (em) => {
      const current = await this.find(em, id);
      const investigation = await hiddenAs('recommendation', id, this.cases.writable(em, current.investigationId, actor));
      if (caseOpen) assertChangeable(investigation);
      else assertNotArchived(investigation);
      if (current.archivedAt) throw new ConflictError(`recommendation ${id} is archived and can no longer be changed`);
      const updated = await updateVersioned(em, Recommendation, current, expectedVersion, decide(current));
      await this.audit.record(em, { actor, action, entityType: 'recommendation', entityId: id, before: { ...current }, after: { ...updated } });
      return RecommendationResponse.from(updated, this.clock.today());
    });
  }

  /** Still pending after the due date; the due day itself is still in time. */
  private whereOverdue(qb: SelectQueryBuilder<Recommendation>, overdue: boolean, today: string): void {
    const condition = 'r.response_status = :pending AND r.response_due_on < :today';
    qb.andWhere(overdue ? `(${condition})` : `NOT (${condition})`, { pending: ResponseStatus.Pending, today });
  }

  /**
   * Next number within the investigation. On PostgreSQL the investigation row is locked first so
   * two concurrent creators queue instead of both taking the same number; SQLite's writes are
   * already one at a time (UnitOfWork).
   */
  private async nextNumber(em: EntityManager, investigationId: string): Promise<number> {
    if (em.connection.options.type === 'postgres') {
      await em.createQueryBuilder(Investigation, 'i').setLock('pessimistic_write').where('i.id = :investigationId', { investigationId }).getOne();
    }
    const { max } = await em.createQueryBuilder(Recommendation, 'r').select('MAX(r.number)', 'max')
      .where('r.investigation_id = :investigationId', { investigationId }).getRawOne<{ max: number | string | null }>() ?? { max: null };
    return Number(max ?? 0) + 1;
  }

  private async find(em: EntityManager, id: string): Promise<Recommendation> {
    const recommendation = await em.findOneBy(Recommendation, { id });
    if (!recommendation) throw new NotFoundError('recommendation', id);
    return recommendation;
  }
}
