import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { isUniqueViolation } from '../common/errors/database-errors.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors.js';
import type { Page } from '../common/http/paging.js';
import { containsPattern, parseSort } from '../common/http/sorting.js';
import type { ArchiveDto } from '../common/records/archive.dto.js';
import { updateVersioned } from '../common/records/versioning.js';
import { newRecordColumns } from '../common/records/record-columns.js';
import { now } from '../database/columns.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { CreateOfficerDto, UpdateOfficerDto } from './dto/officer.dto.js';
import { OfficerResponse } from './dto/officer.response.js';
import type { ListOfficersQuery, OfficerSortField } from './dto/list-officers.query.js';
import { Officer } from './officer.entity.js';
import { EmploymentStatus } from './officer.enums.js';

/** The record's own fields as an audit before/after image (bookkeeping columns left out). */
export function officerAuditImage(o: Officer): Record<string, unknown> {
  const { version: _v, createdAt: _c, updatedAt: _u, ...fields } = OfficerResponse.from(o);
  return fields;
}

function assertOfficerRules(o: Pick<Officer, 'joinedOn' | 'leftOn'>): void {
  if (o.joinedOn && o.leftOn && o.leftOn < o.joinedOn) {
    throw new RuleViolationError(`an officer cannot leave before joining: leftOn ${o.leftOn} is before joinedOn ${o.joinedOn}`);
  }
}

const duplicate = (o: Pick<Officer, 'force' | 'serviceNumber'>) =>
  new ConflictError(`service number ${o.serviceNumber} is already held by an officer of ${o.force}`);

/** The register of officers: shared by all cases, so not limited by case access. */
@Injectable()
export class OfficersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  create(dto: CreateOfficerDto, actor: AuthUser): Promise<OfficerResponse> {
    return this.uow.run(async (em) => {
      const officer = em.create(Officer, {
        ...newRecordColumns(actor.id), force: dto.force, serviceNumber: dto.serviceNumber, givenName: dto.givenName, familyName: dto.familyName,
        rank: dto.rank ?? null, unit: dto.unit ?? null, station: dto.station ?? null,
        employmentStatus: dto.employmentStatus ?? EmploymentStatus.Serving, joinedOn: dto.joinedOn ?? null, leftOn: dto.leftOn ?? null,
        sourceAttributes: null,
      });
      assertOfficerRules(officer);
      await this.assertNumberFree(em, officer);
      await this.uniquely(officer, () => em.insert(Officer, officer));
      await this.audit.record(em, {
        actor, action: 'officer.created', entityType: 'officer', entityId: officer.id, before: null, after: officerAuditImage(officer),
      });
      return OfficerResponse.from(officer);
    });
  }

  async list(query: ListOfficersQuery): Promise<Page<OfficerResponse>> {
    const qb = this.dataSource.createQueryBuilder(Officer, 'o');
    if (!query.includeArchived) qb.andWhere('o.archivedAt IS NULL');
    for (const field of ['force', 'station', 'unit', 'rank', 'employmentStatus'] as const) {
      if (query[field] !== undefined) qb.andWhere(`o.${field} = :${field}`, { [field]: query[field] });
    }
    if (query.q) {
      const like = (column: string) => `LOWER(${column}) LIKE :q ESCAPE '\\'`;
      qb.andWhere(
        `(${like('o.givenName')} OR ${like('o.familyName')} OR ${like("o.given_name || ' ' || o.family_name")} OR ${like('o.serviceNumber')})`,
        { q: containsPattern(query.q) },
      );
    }
    const { field, direction } = parseSort<OfficerSortField>(query.sort);
    qb.orderBy(`o.${field}`, direction).addOrderBy('o.familyName', 'ASC').addOrderBy('o.givenName', 'ASC').addOrderBy('o.id', 'ASC')
      .skip(query.offset).take(query.limit);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map((o) => OfficerResponse.from(o)), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<OfficerResponse> {
    return OfficerResponse.from(await this.load(this.dataSource.manager, id));
  }

  update(id: string, dto: UpdateOfficerDto, expectedVersion: number, actor: AuthUser): Promise<OfficerResponse> {
    return this.uow.run(async (em) => {
      const current = await this.load(em, id);
      if (current.archivedAt) throw new ConflictError(`officer ${current.serviceNumber} is archived and cannot be changed`);
      const changes: Partial<Officer> = { ...dto };
      const next = { ...current, ...changes };
      assertOfficerRules(next);
      if (next.force !== current.force || next.serviceNumber !== current.serviceNumber) await this.assertNumberFree(em, next);
      const updated = await this.uniquely(next, () => updateVersioned(em, Officer, current, expectedVersion, changes));
      await this.audit.record(em, {
        actor, action: 'officer.updated', entityType: 'officer', entityId: id,
        before: officerAuditImage(current), after: officerAuditImage(updated),
      });
      return OfficerResponse.from(updated);
    });
  }

  archive(id: string, dto: ArchiveDto, expectedVersion: number, actor: AuthUser): Promise<OfficerResponse> {
    return this.uow.run(async (em) => {
      const current = await this.load(em, id);
      if (current.archivedAt) throw new ConflictError(`officer ${current.serviceNumber} is already archived`);
      const updated = await updateVersioned(em, Officer, current, expectedVersion, {
        archivedAt: now(), archivedBy: actor.id, archiveReason: dto.reason,
      });
      await this.audit.record(em, {
        actor, action: 'officer.archived', entityType: 'officer', entityId: id,
        before: officerAuditImage(current), after: officerAuditImage(updated), detail: { reason: dto.reason },
      });
      return OfficerResponse.from(updated);
    });
  }

  async load(em: EntityManager, id: string): Promise<Officer> {
    const officer = await em.findOneBy(Officer, { id });
    if (!officer) throw new NotFoundError('officer', id);
    return officer;
  }

  /** A clear 409 in the common case; the unique index decides when two writers race. */
  private async assertNumberFree(em: EntityManager, o: Pick<Officer, 'id' | 'force' | 'serviceNumber'>): Promise<void> {
    const holder = await em.findOneBy(Officer, { force: o.force, serviceNumber: o.serviceNumber });
    if (holder && holder.id !== o.id) throw duplicate(o);
  }

  private async uniquely<T>(o: Pick<Officer, 'force' | 'serviceNumber'>, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate(o);
      throw error;
    }
  }
}
