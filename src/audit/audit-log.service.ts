import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import type { Page, PageQuery } from '../common/http/paging.js';
import { AuditEvent } from './audit-event.entity.js';
import type { AuditQuery } from './dto/audit-query.dto.js';
import { AuditEventResponse } from './dto/audit-event.response.js';

/** Reading the audit trail: the whole log (filtered) and one record's history. Newest first. */
@Injectable()
export class AuditLogService {
  constructor(private readonly dataSource: DataSource) {}

  list(query: AuditQuery, viewer: AuthUser): Promise<Page<AuditEventResponse>> {
    const qb = this.dataSource.createQueryBuilder(AuditEvent, 'e');
    if (query.entityType) qb.andWhere('e.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    if (query.action?.endsWith('.*')) {
      const prefix = query.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere("e.action LIKE :actionPrefix ESCAPE '\\'", { actionPrefix: `${prefix}%` });
    } else if (query.action) {
      qb.andWhere('e.action = :action', { action: query.action });
    }
    if (query.from) qb.andWhere('e.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.at < :to', { to: query.to });
    return this.page(qb, query, viewer);
  }

  /** Every event about one record (the caller has checked the viewer may see the record). */
  history(entityType: string, entityId: string, page: PageQuery, viewer: AuthUser): Promise<Page<AuditEventResponse>> {
    const qb = this.dataSource.createQueryBuilder(AuditEvent, 'e')
      .where('e.entityType = :entityType AND e.entityId = :entityId', { entityType, entityId });
    return this.page(qb, page, viewer);
  }

  private async page(qb: SelectQueryBuilder<AuditEvent>, page: PageQuery, viewer: AuthUser): Promise<Page<AuditEventResponse>> {
    const [events, total] = await qb.orderBy('e.seq', 'DESC').take(page.limit).skip(page.offset).getManyAndCount();
    return { items: events.map((e) => AuditEventResponse.from(e, viewer)), total, limit: page.limit, offset: page.offset };
  }
}
