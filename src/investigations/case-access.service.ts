import { Injectable } from '@nestjs/common';
import { In, type EntityManager, type SelectQueryBuilder, type ObjectLiteral } from 'typeorm';
import { hasRole, type AuthUser } from '../common/auth/auth-user.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { Role } from '../common/auth/role.js';
import { Investigation } from './investigation.entity.js';
import { TeamMember } from './team-member.entity.js';

/**
 * Who may see which case. Reviewers and analysts see every investigation; an investigator
 * sees only those they lead or are on the team of. Anything else answers 404, never 403,
 * so the existence of other cases does not leak.
 */
@Injectable()
export class CaseAccess {
  seesAllCases(user: AuthUser): boolean {
    return hasRole(user, Role.Reviewer, Role.Analyst);
  }

  /**
   * Restricts a query to the investigations `user` may see. `investigationIdColumn` is the
   * SQL expression of the investigation id in the query (e.g. "a.investigation_id").
   */
  scope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, investigationIdColumn: string, user: AuthUser): SelectQueryBuilder<T> {
    const condition = this.scopeCondition(investigationIdColumn, user);
    return condition ? qb.andWhere(condition.sql, condition.params) : qb;
  }

  /**
   * The condition `scope` adds, for queries that combine it with OR (e.g. complaints an
   * investigator created OR that are linked to their cases). Null when the user sees every case.
   */
  scopeCondition(investigationIdColumn: string, user: AuthUser): { sql: string; params: { caseUserId: string } } | null {
    if (this.seesAllCases(user)) return null;
    return {
      sql: `(${investigationIdColumn} IN (SELECT i.id FROM investigations i WHERE i.lead_investigator_id = :caseUserId)
        OR ${investigationIdColumn} IN (SELECT tm.investigation_id FROM investigation_team_members tm WHERE tm.user_id = :caseUserId))`,
      params: { caseUserId: user.id },
    };
  }

  /** The investigation if `user` may see it; otherwise NotFound (404). */
  async readable(em: EntityManager, investigationId: string, user: AuthUser): Promise<Investigation> {
    const investigation = await em.findOneBy(Investigation, { id: investigationId });
    if (!investigation || !(await this.canSee(em, investigation, user))) throw new NotFoundError('investigation', investigationId);
    return investigation;
  }

  /**
   * The investigation if `user` may change it. Investigators: only their own cases (else 404).
   * Reviewers may act on any case, within what their routes allow.
   */
  async writable(em: EntityManager, investigationId: string, user: AuthUser): Promise<Investigation> {
    const investigation = await em.findOneBy(Investigation, { id: investigationId });
    if (!investigation) throw new NotFoundError('investigation', investigationId);
    if (hasRole(user, Role.Reviewer) || (await this.isMember(em, investigation, user))) return investigation;
    throw new NotFoundError('investigation', investigationId);
  }

  /** True if `user` leads or is on the team of the investigation (reviewers may not decide those). */
  async isMember(em: EntityManager, investigation: Pick<Investigation, 'id' | 'leadInvestigatorId'>, user: AuthUser): Promise<boolean> {
    if (investigation.leadInvestigatorId === user.id) return true;
    return em.existsBy(TeamMember, { investigationId: investigation.id, userId: user.id });
  }

  /**
   * Of these investigations, those `user` is on as an investigator (leads or is on the team
   * of): the case-membership rule for records linked to a case (complaints, their history).
   */
  async casesOf(em: EntityManager, user: AuthUser, investigationIds: Array<string | null>): Promise<Set<string>> {
    const wanted = [...new Set(investigationIds.filter((id): id is string => id !== null))];
    if (!wanted.length || !hasRole(user, Role.Investigator)) return new Set();
    const led = await em.find(Investigation, { select: { id: true }, where: { id: In(wanted), leadInvestigatorId: user.id } });
    const team = await em.findBy(TeamMember, { investigationId: In(wanted), userId: user.id });
    return new Set([...led.map((i) => i.id), ...team.map((m) => m.investigationId)]);
  }

  /** Whether `user` is on the case `investigationId` as an investigator (casesOf for one; false for none). */
  async onCase(em: EntityManager, user: AuthUser, investigationId: string | null): Promise<boolean> {
    return investigationId !== null && (await this.casesOf(em, user, [investigationId])).has(investigationId);
  }

  /** The read rule, given whether `user` is on the case's team (for callers that fetched that already). */
  mayRead(user: AuthUser, investigation: Pick<Investigation, 'leadInvestigatorId'>, onTeam: boolean): boolean {
    return this.seesAllCases(user) || (hasRole(user, Role.Investigator) && (investigation.leadInvestigatorId === user.id || onTeam));
  }

  private async canSee(em: EntityManager, investigation: Investigation, user: AuthUser): Promise<boolean> {
    return this.seesAllCases(user) || (hasRole(user, Role.Investigator) && (await this.isMember(em, investigation, user)));
  }
}
