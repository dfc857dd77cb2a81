import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service.js';
import type { AuditEventResponse } from '../audit/dto/audit-event.response.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import type { Page, PageQuery } from '../common/http/paging.js';
import { Complaint } from '../complaints/complaint.entity.js';
import { complaintStanding } from '../complaints/complaint-standing.js';
import { CaseAccess } from '../investigations/case-access.service.js';
import { Officer } from '../officers/officer.entity.js';

/**
 * A record's history is shown to whoever may see the record, under the same rules as the
 * record itself: anything hidden answers 404, never 403, so existence does not leak.
 */
@Injectable()
export class HistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseAccess: CaseAccess,
    private readonly log: AuditLogService,
  ) {}

  async investigation(id: string, page: PageQuery, viewer: AuthUser): Promise<Page<AuditEventResponse>> {
    await this.caseAccess.readable(this.dataSource.manager, id, viewer);
    return this.log.history('investigation', id, page, viewer);
  }

  /** Every case role sees every officer. */
  async officer(id: string, page: PageQuery, viewer: AuthUser): Promise<Page<AuditEventResponse>> {
    if (!(await this.dataSource.manager.existsBy(Officer, { id }))) throw new NotFoundError('officer', id);
    return this.log.history('officer', id, page, viewer);
  }

  /** Under the complaint routes' own rule (complaintStanding). */
  async complaint(id: string, page: PageQuery, viewer: AuthUser): Promise<Page<AuditEventResponse>> {
    const em = this.dataSource.manager;
    const complaint = await em.findOneBy(Complaint, { id });
    const sees = !!complaint && complaintStanding(complaint, viewer, await this.caseAccess.onCase(em, viewer, complaint.investigationId)).sees;
    if (!sees) throw new NotFoundError('complaint', id);
    return this.log.history('complaint', id, page, viewer);
  }
}
