import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors.js';
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
import { Officer } from '../officers/officer.entity.js';
import { Outcome } from '../outcomes/outcome.entity.js';
import { type AddSubjectDto, SubjectResponse, type UpdateSubjectDto } from './dto/subject.dto.js';
import { Subject } from './subject.entity.js';

/** A subject with the case it belongs to, once the caller's access has been checked. */
export interface SubjectInCase {
  subject: Subject;
  investigation: Investigation;
}

@Injectable()
export class SubjectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cases: CaseAccess,
  ) {}

  add(investigationId: string, dto: AddSubjectDto, actor: AuthUser): Promise<SubjectResponse> {
    return this.uow.run(async (em) => {
      const investigation = await this.cases.writable(em, investigationId, actor);
      assertChangeable(investigation);
      const officer = await em.findOneBy(Officer, { id: dto.officerId });
      if (!officer) throw new NotFoundError('officer', dto.officerId);
      if (await em.existsBy(Subject, { investigationId, officerId: officer.id })) {
        throw new ConflictError(`officer ${officer.id} is already a subject of investigation ${investigation.reference}`);
      }
      const subject = em.create(Subject, {
        ...newRecordColumns(actor.id), investigationId, officerId: officer.id,
        rankAtTime: dto.rankAtTime ?? officer.rank, unitAtTime: dto.unitAtTime ?? officer.unit,
      });
      await em.insert(Subject, subject);
      await this.audit.record(em, { actor, action: 'subject.added', entityType: 'subject', entityId: subject.id, before: null, after: { ...subject } });
      return SubjectResponse.from(subject, officer);
    });
  }

  async list(investigationId: string, query: ArchivablePageQuery, actor: AuthUser): Promise<Page<SubjectResponse>> {
    const em = this.dataSource.manager;
    await this.cases.readable(em, investigationId, actor);
    const qb = em.createQueryBuilder(Subject, 's').where('s.investigation_id = :investigationId', { investigationId });
    if (!query.includeArchived) qb.andWhere('s.archived_at IS NULL');
    const [subjects, total] = await qb.orderBy('s.createdAt', 'ASC').addOrderBy('s.id', 'ASC')
      .take(query.limit).skip(query.offset).getManyAndCount();
    const officers = await this.officersOf(em, subjects);
    return { items: subjects.map((s) => SubjectResponse.from(s, officers.get(s.officerId)!)), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string, actor: AuthUser): Promise<SubjectResponse> {
    const em = this.dataSource.manager;
    const { subject } = await this.readable(em, id, actor);
    return SubjectResponse.from(subject, await em.findOneByOrFail(Officer, { id: subject.officerId }));
  }

  update(id: string, dto: UpdateSubjectDto, expectedVersion: number, actor: AuthUser): Promise<SubjectResponse> {
    return this.uow.run(async (em) => {
      const { subject } = await this.writable(em, id, actor);
      if (subject.archivedAt) throw new ConflictError(`subject ${id} is archived and can no longer be changed`);
      const updated = await updateVersioned(em, Subject, subject, expectedVersion, dto);
      await this.audit.record(em, { actor, action: 'subject.updated', entityType: 'subject', entityId: id, before: { ...subject }, after: { ...updated } });
      return SubjectResponse.from(updated, await em.findOneByOrFail(Officer, { id: subject.officerId }));
    });
  }

  archive(id: string, dto: ArchiveDto, expectedVersion: number, actor: AuthUser): Promise<SubjectResponse> {
    return this.uow.run(async (em) => {
      const { subject } = await this.writable(em, id, actor);
      if (subject.archivedAt) throw new ConflictError(`subject ${id} is already archived`);
      if (await em.existsBy(Outcome, { subjectId: id })) {
        throw new RuleViolationError('a subject whose outcome has been recorded cannot be archived');
      }
      const updated = await updateVersioned(em, Subject, subject, expectedVersion, { archivedAt: now(), archivedBy: actor.id, archiveReason: dto.reason });
      await this.audit.record(em, { actor, action: 'subject.archived', entityType: 'subject', entityId: id, before: { ...subject }, after: { ...updated } });
      return SubjectResponse.from(updated, await em.findOneByOrFail(Officer, { id: subject.officerId }));
    });
  }

  /** The subject and its case if `actor` may see the case; otherwise "subject <id> not found". */
  async readable(em: EntityManager, id: string, actor: AuthUser): Promise<SubjectInCase> {
    const subject = await this.find(em, id);
    return { subject, investigation: await hiddenAs('subject', id, this.cases.readable(em, subject.investigationId, actor)) };
  }

  /**
   * The subject and its case if `actor` may change the case; otherwise "subject <id> not found".
   * A closed or archived case is not changed (409): it is reopened first.
   */
  async writable(em: EntityManager, id: string, actor: AuthUser): Promise<SubjectInCase> {
    const subject = await this.find(em, id);
    const investigation = await hiddenAs('subject', id, this.cases.writable(em, subject.investigationId, actor));
    assertChangeable(investigation);
    return { subject, investigation };
  }

  private async find(em: EntityManager, id: string): Promise<Subject> {
    const subject = await em.findOneBy(Subject, { id });
    if (!subject) throw new NotFoundError('subject', id);
    return subject;
  }

  private async officersOf(em: EntityManager, subjects: Subject[]): Promise<Map<string, Officer>> {
    if (!subjects.length) return new Map();
    const officers = await em.findBy(Officer, { id: In([...new Set(subjects.map((s) => s.officerId))]) });
    return new Map(officers.map((o) => [o.id, o]));
  }
}
