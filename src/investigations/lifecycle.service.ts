import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { hasRole, type AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, NotAllowedError } from '../common/errors/domain-errors.js';
import { updateVersioned } from '../common/records/versioning.js';
import { Clock } from '../common/time/day.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { CaseAccess } from './case-access.service.js';
import type { InvestigationDetailResponse } from './dto/investigation.response.js';
import type { TransitionDto } from './dto/transition.dto.js';
import { Investigation } from './investigation.entity.js';
import { InvestigationStatus as S } from './investigation.enums.js';
import { allowedTargets, rolesFor } from './investigation-lifecycle.js';
import { InvestigationsService, investigationAuditImage } from './investigations.service.js';

/** Moves investigations through the lifecycle defined by TRANSITIONS. */
@Injectable()
export class LifecycleService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly access: CaseAccess,
    private readonly clock: Clock,
    private readonly investigations: InvestigationsService,
  ) {}

  transition(id: string, dto: TransitionDto, expectedVersion: number, actor: AuthUser): Promise<InvestigationDetailResponse> {
    return this.uow.run(async (em) => {
      const current = await this.access.writable(em, id, actor);
      if (current.archivedAt) throw new ConflictError(`investigation ${current.reference} is archived and cannot change state`);
      const from = current.status;
      const to = dto.to;
      const allowed = allowedTargets(from, current.suspendedFrom);
      if (!allowed.includes(to)) {
        const whence = from === S.Suspended ? ` (suspended from ${current.suspendedFrom})` : '';
        throw new ConflictError(
          `cannot move investigation ${current.reference} from ${from}${whence} to ${to}; from ${from} it may move to: ${allowed.join(', ') || 'nothing'}`,
          { currentStatus: from, wantedStatus: to, allowed },
        );
      }
      const roles = rolesFor(from, to);
      if (!hasRole(actor, ...roles)) {
        throw new NotAllowedError(`only a ${roles.join(' or ')} may move an investigation from ${from} to ${to}`);
      }
      const updated = await updateVersioned(em, Investigation, current, expectedVersion, {
        status: to,
        suspendedFrom: to === S.Suspended ? from : null,
        // Closing dates the case; reopening makes it open again, so the date goes (the audit keeps it).
        closedOn: to === S.Closed ? this.clock.today() : to === S.Reopened ? null : current.closedOn,
      });
      await this.audit.record(em, {
        actor, action: 'investigation.transitioned', entityType: 'investigation', entityId: id,
        before: investigationAuditImage(current), after: investigationAuditImage(updated),
        detail: { from, to, reason: dto.reason },
      });
      return this.investigations.detail(em, updated);
    });
  }
}
