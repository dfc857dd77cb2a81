import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hasRole, type AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, NotAllowedError, NotFoundError } from '../common/errors/domain-errors.js';
import { now } from '../database/columns.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { Role } from '../common/auth/role.js';
import { CaseAccess } from './case-access.service.js';
import type { InvestigationDetailResponse } from './dto/investigation.response.js';
import type { Investigation } from './investigation.entity.js';
import { assertActiveInvestigator, assertNotArchived } from './investigation-rules.js';
import { InvestigationsService } from './investigations.service.js';
import { TeamMember } from './team-member.entity.js';

/** Who works on a case besides the lead: managed by the lead or a reviewer. */
@Injectable()
export class TeamService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly access: CaseAccess,
    private readonly investigations: InvestigationsService,
  ) {}

  add(investigationId: string, userId: string, actor: AuthUser): Promise<InvestigationDetailResponse> {
    return this.uow.run(async (em) => {
      const investigation = await this.managedBy(em, investigationId, actor);
      const user = await assertActiveInvestigator(em, userId, 'team member');
      if (investigation.leadInvestigatorId === userId) throw new ConflictError(`${user.username} already leads investigation ${investigation.reference}`);
      if (await em.existsBy(TeamMember, { investigationId, userId })) {
        throw new ConflictError(`${user.username} is already on the team of investigation ${investigation.reference}`);
      }
      const before = await this.memberIds(em, investigationId);
      await em.insert(TeamMember, { investigationId, userId, addedAt: now(), addedBy: actor.id });
      await this.audit.record(em, {
        actor, action: 'investigation.team_member_added', entityType: 'investigation', entityId: investigationId,
        before: { team: before }, after: { team: [...before, userId].sort() }, detail: { userId, username: user.username },
      });
      return this.investigations.detail(em, investigation);
    });
  }

  remove(investigationId: string, userId: string, actor: AuthUser): Promise<InvestigationDetailResponse> {
    return this.uow.run(async (em) => {
      const investigation = await this.managedBy(em, investigationId, actor);
      if (investigation.leadInvestigatorId === userId) {
        throw new ConflictError('the lead investigator cannot be removed from the team; hand the lead to someone else first');
      }
      const before = await this.memberIds(em, investigationId);
      if (!before.includes(userId)) throw new NotFoundError('team member', userId);
      await em.delete(TeamMember, { investigationId, userId });
      await this.audit.record(em, {
        actor, action: 'investigation.team_member_removed', entityType: 'investigation', entityId: investigationId,
        before: { team: before }, after: { team: before.filter((id) => id !== userId) }, detail: { userId },
      });
      return this.investigations.detail(em, investigation);
    });
  }

  /** Team members (other than the lead) may see the case but not change who is on it. */
  private async managedBy(em: EntityManager, investigationId: string, actor: AuthUser): Promise<Investigation> {
    const investigation = await this.access.writable(em, investigationId, actor);
    assertNotArchived(investigation);
    if (investigation.leadInvestigatorId !== actor.id && !hasRole(actor, Role.Reviewer)) {
      throw new NotAllowedError('only the lead investigator or a reviewer may change the team');
    }
    return investigation;
  }

  private async memberIds(em: EntityManager, investigationId: string): Promise<string[]> {
    const rows = await em.find(TeamMember, { where: { investigationId }, order: { userId: 'ASC' } });
    return rows.map((m) => m.userId);
  }
}
