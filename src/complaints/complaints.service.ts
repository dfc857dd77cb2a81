import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, NotAllowedError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors.js';
import type { Page } from '../common/http/paging.js';
import { containsPattern, parseSort } from '../common/http/sorting.js';
import type { ArchiveDto } from '../common/records/archive.dto.js';
import { nextReference } from '../common/records/references.js';
import { newRecordColumns } from '../common/records/record-columns.js';
import { updateVersioned } from '../common/records/versioning.js';
import { now } from '../database/columns.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { CaseAccess } from '../investigations/case-access.service.js';
import { COMPLAINT_TRANSITIONS } from './complaint-status.js';
import { Complaint } from './complaint.entity.js';
import { complaintStanding, type ComplaintStanding } from './complaint-standing.js';
import { ComplaintStatus } from './complaint.enums.js';
import type { ComplainantDto, CreateComplaintDto, UpdateComplaintDto } from './dto/complaint.dto.js';
import { COMPLAINANT_FIELDS, ComplaintResponse } from './dto/complaint.response.js';
import type { ComplaintSortField, ListComplaintsQuery } from './dto/list-complaints.query.js';

/** The complaint's fields as an audit image. The audit log is for reviewers and admins, so it keeps personal data. */
function complaintAuditImage(c: Complaint): Record<string, unknown> {
  const { version: _v, createdAt: _c, updatedAt: _u, ...fields } = ComplaintResponse.from(c, true);
  return fields;
}

function complainantColumns(dto: ComplainantDto): Pick<Complaint, 'complainantAnonymous' | 'complainantName' | 'complainantContact'> {
  if (dto.anonymous && (dto.name !== undefined || dto.contact !== undefined)) {
    throw new RuleViolationError('an anonymous complainant has no name or contact: leave complainant.name and complainant.contact out');
  }
  if (!dto.anonymous && dto.name === undefined) {
    throw new RuleViolationError('a complainant who is not anonymous needs a name (complainant.name)');
  }
  return { complainantAnonymous: dto.anonymous, complainantName: dto.name ?? null, complainantContact: dto.contact ?? null };
}

/**
 * Complaints. Reviewers and analysts see them all; an investigator sees those they recorded
 * and those linked to their cases (any other answers 404). Complainant personal data goes
 * only to reviewers and those investigators, and every time it is shown that is logged.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly access: CaseAccess,
  ) {}

  create(dto: CreateComplaintDto, actor: AuthUser): Promise<ComplaintResponse> {
    return this.uow.run(async (em) => {
      if (dto.investigationId) await this.access.writable(em, dto.investigationId, actor);
      const complaint = em.create(Complaint, {
        ...newRecordColumns(actor.id), reference: await nextReference(em, 'CMP', Number(dto.receivedOn.slice(0, 4))),
        receivedOn: dto.receivedOn, channel: dto.channel, status: ComplaintStatus.Received, summary: dto.summary ?? null,
        investigationId: dto.investigationId ?? null, ...complainantColumns(dto.complainant), complainantAttributes: null,
      });
      await em.insert(Complaint, complaint);
      await this.audit.record(em, {
        actor, action: 'complaint.recorded', entityType: 'complaint', entityId: complaint.id, before: null, after: complaintAuditImage(complaint),
      });
      // The recorder just supplied the personal data: echoing it back is not a consultation to log.
      return ComplaintResponse.from(complaint, (await this.standing(em, complaint, actor)).personalData);
    });
  }

  async list(query: ListComplaintsQuery, actor: AuthUser): Promise<Page<ComplaintResponse>> {
    const qb = this.dataSource.createQueryBuilder(Complaint, 'c');
    const scope = this.access.scopeCondition('c.investigation_id', actor);
    if (scope) {
      qb.andWhere(new Brackets((w) => w.where('c.createdBy = :me', { me: actor.id }).orWhere(scope.sql, scope.params)));
    }
    if (!query.includeArchived) qb.andWhere('c.archivedAt IS NULL');
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.channel) qb.andWhere('c.channel = :channel', { channel: query.channel });
    if (query.receivedFrom) qb.andWhere('c.receivedOn >= :receivedFrom', { receivedFrom: query.receivedFrom });
    if (query.receivedTo) qb.andWhere('c.receivedOn <= :receivedTo', { receivedTo: query.receivedTo });
    if (query.investigationId) qb.andWhere('c.investigationId = :investigationId', { investigationId: query.investigationId });
    if (query.q) qb.andWhere(`LOWER(c.reference) LIKE :q ESCAPE '\\'`, { q: containsPattern(query.q) });
    const { field, direction } = parseSort<ComplaintSortField>(query.sort);
    qb.orderBy(`c.${field}`, direction).addOrderBy('c.reference', 'ASC').skip(query.offset).take(query.limit);
    const [rows, total] = await qb.getManyAndCount();

    const memberOf = await this.access.casesOf(this.dataSource.manager, actor, rows.map((c) => c.investigationId));
    const shown = rows.map((c) => ({ complaint: c, personalData: this.standingGiven(c, actor, memberOf).personalData }));
    await this.logPersonalDataReads(shown.filter((s) => s.personalData).map((s) => s.complaint), actor);
    return {
      items: shown.map((s) => ComplaintResponse.from(s.complaint, s.personalData)),
      total, limit: query.limit, offset: query.offset,
    };
  }

  async get(id: string, actor: AuthUser): Promise<ComplaintResponse> {
    const complaint = await this.readable(this.dataSource.manager, id, actor);
    const { personalData } = await this.standing(this.dataSource.manager, complaint, actor);
    if (personalData) await this.logPersonalDataReads([complaint], actor);
    return ComplaintResponse.from(complaint, personalData);
  }

  update(id: string, dto: UpdateComplaintDto, expectedVersion: number, actor: AuthUser): Promise<ComplaintResponse> {
    return this.uow.run(async (em) => {
      const current = await this.changeable(em, id, actor);
      const { complainant, ...fields } = dto;
      const changes: Partial<Complaint> = { ...fields, ...(complainant ? complainantColumns(complainant) : {}) };
      if (dto.status !== undefined && dto.status !== current.status) this.assertStatusMove(current, dto.status);
      if (dto.investigationId !== undefined && dto.investigationId !== current.investigationId && dto.investigationId !== null) {
        await this.access.writable(em, dto.investigationId, actor);
      }
      const next = { ...current, ...changes };
      if (next.status === ComplaintStatus.ReferredForInvestigation && !next.investigationId) {
        throw new RuleViolationError('a complaint referred for investigation must be linked to an investigation (investigationId)');
      }
      const updated = await updateVersioned(em, Complaint, current, expectedVersion, changes);
      await this.audit.record(em, {
        actor, action: 'complaint.updated', entityType: 'complaint', entityId: id,
        before: complaintAuditImage(current), after: complaintAuditImage(updated),
      });
      return this.respond(em, updated, actor);
    });
  }

  archive(id: string, dto: ArchiveDto, expectedVersion: number, actor: AuthUser): Promise<ComplaintResponse> {
    return this.uow.run(async (em) => {
      const current = await this.changeable(em, id, actor);
      const updated = await updateVersioned(em, Complaint, current, expectedVersion, {
        archivedAt: now(), archivedBy: actor.id, archiveReason: dto.reason,
      });
      await this.audit.record(em, {
        actor, action: 'complaint.archived', entityType: 'complaint', entityId: id,
        before: complaintAuditImage(current), after: complaintAuditImage(updated), detail: { reason: dto.reason },
      });
      return this.respond(em, updated, actor);
    });
  }

  private assertStatusMove(current: Complaint, to: ComplaintStatus): void {
    const allowed = COMPLAINT_TRANSITIONS[current.status];
    if (!allowed.includes(to)) {
      throw new ConflictError(
        `cannot move complaint ${current.reference} from ${current.status} to ${to}; from ${current.status} it may move to: ${allowed.join(', ') || 'nothing'}`,
        { currentStatus: current.status, wantedStatus: to, allowed },
      );
    }
  }

  /** A response after a change; showing personal data there is a read like any other. */
  private async respond(em: EntityManager, complaint: Complaint, actor: AuthUser): Promise<ComplaintResponse> {
    const { personalData } = await this.standing(em, complaint, actor);
    if (personalData) await this.recordReads(em, [complaint], actor);
    return ComplaintResponse.from(complaint, personalData);
  }

  private async readable(em: EntityManager, id: string, actor: AuthUser): Promise<Complaint> {
    const complaint = await em.findOneBy(Complaint, { id });
    if (!complaint || !(await this.standing(em, complaint, actor)).sees) throw new NotFoundError('complaint', id);
    return complaint;
  }

  private async changeable(em: EntityManager, id: string, actor: AuthUser): Promise<Complaint> {
    const complaint = await this.readable(em, id, actor);
    if (!(await this.standing(em, complaint, actor)).changes) {
      throw new NotAllowedError('only reviewers and the investigators of its case may change a complaint');
    }
    if (complaint.archivedAt) throw new ConflictError(`complaint ${complaint.reference} is archived and cannot be changed`);
    return complaint;
  }

  private async standing(em: EntityManager, complaint: Complaint, actor: AuthUser): Promise<ComplaintStanding> {
    return complaintStanding(complaint, actor, await this.access.onCase(em, actor, complaint.investigationId));
  }

  private standingGiven(complaint: Complaint, actor: AuthUser, memberOf: Set<string>): ComplaintStanding {
    return complaintStanding(complaint, actor, complaint.investigationId !== null && memberOf.has(complaint.investigationId));
  }

  private logPersonalDataReads(complaints: Complaint[], actor: AuthUser): Promise<void> {
    if (!complaints.length) return Promise.resolve();
    return this.uow.run((em) => this.recordReads(em, complaints, actor));
  }

  /** UK data protection: consulting a complainant's personal data is logged (who, whose, when). */
  private async recordReads(em: EntityManager, complaints: Complaint[], actor: AuthUser): Promise<void> {
    for (const complaint of complaints) {
      await this.audit.record(em, {
        actor, action: 'complaint.personal_data_read', entityType: 'complaint', entityId: complaint.id,
        detail: { fields: [...COMPLAINANT_FIELDS] },
      });
    }
  }
}
