import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors.js';
import type { Page } from '../common/http/paging.js';
import { containsPattern, parseSort } from '../common/http/sorting.js';
import type { ArchiveDto } from '../common/records/archive.dto.js';
import { nextReference } from '../common/records/references.js';
import { updateVersioned } from '../common/records/versioning.js';
import { newId, now } from '../database/columns.js';
import { Clock } from '../common/time/day.js';
import { ReadQueries, sqlFor } from '../database/read-queries.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { Role } from '../common/auth/role.js';
import { User } from '../users/user.entity.js';
import { CaseAccess } from './case-access.service.js';
import type { OpenInvestigationDto, UpdateInvestigationDto } from './dto/open-investigation.dto.js';
import type { InvestigationSortField, ListInvestigationsQuery } from './dto/list-investigations.query.js';
import { InvestigationDetailResponse, InvestigationResponse, type TeamMemberView } from './dto/investigation.response.js';
import { Investigation } from './investigation.entity.js';
import { InvestigationMode, InvestigationStatus, PRE_2020_MODES } from './investigation.enums.js';
import { TeamMember } from './team-member.entity.js';

const live = (table: string) => `(SELECT COUNT(*) FROM ${table} x WHERE x.investigation_id = i.id AND x.archived_at IS NULL)`;
const LIVE_COUNTS = `${live('subjects')} AS live_subjects, ${live('allegations')} AS live_allegations, ${live('recommendations')} AS live_recommendations`;
/** The case, whether the caller (first parameter) is on its team, and counts of its live records. */
const DETAIL_SQL = `SELECT i.*,
  CASE WHEN EXISTS (SELECT 1 FROM investigation_team_members tm WHERE tm.investigation_id = i.id AND tm.user_id = ?) THEN 1 ELSE 0 END AS on_team,
  ${LIVE_COUNTS} FROM investigations i WHERE i.id = ?`;
const COUNTS_SQL = `SELECT ${LIVE_COUNTS} FROM investigations i WHERE i.id = ?`;
/** The lead (first parameter) and the team members of a case. */
const TEAM_SQL = `SELECT u.id, u.username FROM users u
  WHERE u.id = ? OR u.id IN (SELECT tm.user_id FROM investigation_team_members tm WHERE tm.investigation_id = ?) ORDER BY u.username_key`;
type CountsRow = { live_subjects: number | string; live_allegations: number | string; live_recommendations: number | string };
type DetailRow = Record<string, unknown> & CountsRow & { on_team: number | string };
type TeamRow = { id: string; username: string };

/** PostgreSQL counts arrive as text (bigint). */
const countsOf = (row: CountsRow) => ({
  subjects: Number(row.live_subjects), allegations: Number(row.live_allegations), recommendations: Number(row.live_recommendations),
});

/** The lead first, then the team by username. */
function teamView(investigation: Pick<Investigation, 'leadInvestigatorId'>, users: TeamRow[]): TeamMemberView[] {
  const members = users.map((u) => ({ userId: u.id, username: u.username, lead: u.id === investigation.leadInvestigatorId }));
  return [...members.filter((m) => m.lead), ...members.filter((m) => !m.lead)];
}

/** The day the 2020 conduct regulations took effect: supervised and managed modes end there. */
export const REGIME_2020_STARTS = '2020-01-01';

/** The record's own fields as an audit before/after image (bookkeeping columns left out). */
export function investigationAuditImage(i: Investigation): Record<string, unknown> {
  const { version: _v, createdAt: _c, updatedAt: _u, ...fields } = InvestigationResponse.from(i);
  return fields;
}

/** Rules every investigation obeys, whatever route changed it. */
export function assertInvestigationRules(i: Pick<Investigation, 'mode' | 'openedOn' | 'conductFrom' | 'conductTo'>): void {
  if (PRE_2020_MODES.includes(i.mode) && i.openedOn >= REGIME_2020_STARTS) {
    throw new RuleViolationError(
      `mode ${i.mode} exists only for investigations opened before ${REGIME_2020_STARTS} (this one opened on ${i.openedOn}); `
      + `use ${InvestigationMode.Local}, ${InvestigationMode.Directed} or ${InvestigationMode.Independent}`,
    );
  }
  if (i.conductFrom && i.conductTo && i.conductFrom > i.conductTo) {
    throw new RuleViolationError(`the conduct period cannot end before it starts: conductFrom ${i.conductFrom} is after conductTo ${i.conductTo}`);
  }
}

/** An archived case is not changed, nor is anything on it. */
export function assertNotArchived(i: Pick<Investigation, 'archivedAt' | 'reference'>): void {
  if (i.archivedAt) throw new ConflictError(`investigation ${i.reference} is archived and cannot be changed`);
}

/** Closed and archived cases are not edited: a closed one is reopened first. */
export function assertChangeable(i: Investigation): void {
  assertNotArchived(i);
  if (i.status === InvestigationStatus.Closed) throw new ConflictError(`investigation ${i.reference} is closed: reopen it to change it`);
}

/** A lead or team member must be an active account holding the investigator role. */
export async function assertActiveInvestigator(em: EntityManager, userId: string, as: 'lead investigator' | 'team member'): Promise<User> {
  const user = await em.findOneBy(User, { id: userId });
  if (!user || !user.active || !user.roles.includes(Role.Investigator)) {
    throw new RuleViolationError(`the ${as} must be an active user holding the investigator role; user ${userId} is not`);
  }
  return user;
}

@Injectable()
export class InvestigationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly access: CaseAccess,
    private readonly clock: Clock,
    private readonly reads: ReadQueries,
  ) {}

  open(dto: OpenInvestigationDto, actor: AuthUser): Promise<InvestigationDetailResponse> {
    return this.uow.run(async (em) => {
      const openedOn = dto.openedOn ?? this.clock.today();
      assertInvestigationRules({ mode: dto.mode, openedOn, conductFrom: dto.conductFrom ?? null, conductTo: dto.conductTo ?? null });
      const leadInvestigatorId = dto.leadInvestigatorId ?? actor.id;
      await assertActiveInvestigator(em, leadInvestigatorId, 'lead investigator');
      const at = now();
      const investigation = em.create(Investigation, {
        id: newId(), reference: await nextReference(em, 'INV', Number(openedOn.slice(0, 4))),
        title: dto.title, mode: dto.mode, origin: dto.origin, operation: dto.operation ?? null,
        status: InvestigationStatus.Open, suspendedFrom: null, leadInvestigatorId,
        station: dto.station ?? null, location: dto.location ?? null, conductFrom: dto.conductFrom ?? null,
        conductTo: dto.conductTo ?? null, summary: dto.summary ?? null, openedOn, closedOn: null,
        version: 1, createdAt: at, updatedAt: at, createdBy: actor.id,
        archivedAt: null, archivedBy: null, archiveReason: null, source: null, sourceKey: null,
      });
      await em.insert(Investigation, investigation);
      // Whoever opens a case for someone else stays on it: otherwise they would lose sight of it at once.
      if (leadInvestigatorId !== actor.id) {
        await em.insert(TeamMember, { investigationId: investigation.id, userId: actor.id, addedAt: at, addedBy: actor.id });
      }
      await this.audit.record(em, {
        actor, action: 'investigation.opened', entityType: 'investigation', entityId: investigation.id,
        before: null, after: investigationAuditImage(investigation),
      });
      return this.detail(em, investigation);
    });
  }

  async list(query: ListInvestigationsQuery, actor: AuthUser): Promise<Page<InvestigationResponse>> {
    const qb = this.dataSource.createQueryBuilder(Investigation, 'i');
    this.access.scope(qb, 'i.id', actor);
    if (!query.includeArchived) qb.andWhere('i.archivedAt IS NULL');
    if (query.reference) qb.andWhere('i.reference = :reference', { reference: query.reference });
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    if (query.mode) qb.andWhere('i.mode = :mode', { mode: query.mode });
    if (query.station) qb.andWhere('i.station = :station', { station: query.station });
    if (query.operation) qb.andWhere('i.operation = :operation', { operation: query.operation });
    if (query.openedFrom) qb.andWhere('i.openedOn >= :openedFrom', { openedFrom: query.openedFrom });
    if (query.openedTo) qb.andWhere('i.openedOn <= :openedTo', { openedTo: query.openedTo });
    if (query.leadInvestigatorId) qb.andWhere('i.leadInvestigatorId = :lead', { lead: query.leadInvestigatorId });
    if (query.officerId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM subjects fs WHERE fs.investigation_id = i.id AND fs.officer_id = :officerId AND fs.archived_at IS NULL)',
        { officerId: query.officerId },
      );
    }
    if (query.q) {
      const like = (column: string) => `LOWER(${column}) LIKE :q ESCAPE '\\'`;
      qb.andWhere(
        `(${like('i.reference')} OR ${like('i.title')} OR EXISTS (
            SELECT 1 FROM subjects qs INNER JOIN officers qo ON qo.id = qs.officer_id
            WHERE qs.investigation_id = i.id AND qs.archived_at IS NULL
              AND (${like('qo.given_name')} OR ${like('qo.family_name')} OR ${like("qo.given_name || ' ' || qo.family_name")}
                   OR ${like('qo.service_number')})))`,
        { q: containsPattern(query.q) },
      );
    }
    const { field, direction } = parseSort<InvestigationSortField>(query.sort);
    qb.orderBy(`i.${field}`, direction).addOrderBy('i.id', 'ASC').skip(query.offset).take(query.limit);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map((i) => InvestigationResponse.from(i)), total, limit: query.limit, offset: query.offset };
  }

  /** The hot read (the benchmark's route): two statements on the read connection, no ORM queries. */
  async get(id: string, actor: AuthUser): Promise<InvestigationDetailResponse> {
    const row = await this.reads.one<DetailRow>(DETAIL_SQL, [actor.id, id]);
    const investigation = row && this.reads.hydrate(Investigation, row);
    if (!investigation || !this.access.mayRead(actor, investigation, Number(row.on_team) === 1)) throw new NotFoundError('investigation', id);
    const team = await this.reads.all<TeamRow>(TEAM_SQL, [investigation.leadInvestigatorId, id]);
    return InvestigationDetailResponse.detail(investigation, teamView(investigation, team), countsOf(row));
  }

  update(id: string, dto: UpdateInvestigationDto, expectedVersion: number, actor: AuthUser): Promise<InvestigationDetailResponse> {
    return this.uow.run(async (em) => {
      const current = await this.access.writable(em, id, actor);
      assertChangeable(current);
      const changes: Partial<Investigation> = { ...dto };
      const next = { ...current, ...changes };
      assertInvestigationRules(next);
      if (dto.leadInvestigatorId !== undefined && dto.leadInvestigatorId !== current.leadInvestigatorId) {
        await assertActiveInvestigator(em, dto.leadInvestigatorId, 'lead investigator');
      }
      const updated = await updateVersioned(em, Investigation, current, expectedVersion, changes);
      await this.audit.record(em, {
        actor, action: 'investigation.updated', entityType: 'investigation', entityId: id,
        before: investigationAuditImage(current), after: investigationAuditImage(updated),
      });
      return this.detail(em, updated);
    });
  }

  archive(id: string, dto: ArchiveDto, expectedVersion: number, actor: AuthUser): Promise<InvestigationDetailResponse> {
    return this.uow.run(async (em) => {
      const current = await this.access.writable(em, id, actor);
      if (current.archivedAt) throw new ConflictError(`investigation ${current.reference} is already archived`);
      const updated = await updateVersioned(em, Investigation, current, expectedVersion, {
        archivedAt: now(), archivedBy: actor.id, archiveReason: dto.reason,
      });
      await this.audit.record(em, {
        actor, action: 'investigation.archived', entityType: 'investigation', entityId: id,
        before: investigationAuditImage(current), after: investigationAuditImage(updated), detail: { reason: dto.reason },
      });
      return this.detail(em, updated);
    });
  }

  /** The investigation with its team (lead first) and counts of its live records, inside the caller's transaction. */
  async detail(em: EntityManager, investigation: Investigation): Promise<InvestigationDetailResponse> {
    // One after another: inside a transaction they share one connection.
    const team: TeamRow[] = await em.query(sqlFor(em, TEAM_SQL), [investigation.leadInvestigatorId, investigation.id]);
    const [counts]: CountsRow[] = await em.query(sqlFor(em, COUNTS_SQL), [investigation.id]);
    return InvestigationDetailResponse.detail(investigation, teamView(investigation, team), countsOf(counts));
  }
}
