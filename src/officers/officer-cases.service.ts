import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { Allegation } from '../allegations/allegation.entity.js';
import { Subject } from '../allegations/subject.entity.js';
import { BarredListEntry } from '../barred-list/barred-list-entry.entity.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import type { PageQuery } from '../common/http/paging.js';
import { CaseAccess } from '../investigations/case-access.service.js';
import { Investigation } from '../investigations/investigation.entity.js';
import { Outcome } from '../outcomes/outcome.entity.js';
import { CaseOfficerView, OfficerCaseView, type OfficerCasesResponse } from './dto/officer-cases.response.js';
import { OfficersService } from './officers.service.js';

/**
 * Every investigation an officer was a subject of, limited to the cases the caller may see,
 * with the allegations, outcome and barring each led to. Archived subjects, allegations and
 * outcomes are left out; archived investigations stay (they are still the officer's history).
 */
@Injectable()
export class OfficerCasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccess,
    private readonly officers: OfficersService,
  ) {}

  async cases(officerId: string, page: PageQuery, actor: AuthUser): Promise<OfficerCasesResponse> {
    const em = this.dataSource.manager;
    const officer = await this.officers.load(em, officerId);

    const qb = em.createQueryBuilder(Subject, 's')
      .innerJoin(Investigation, 'i', 'i.id = s.investigationId')
      .where('s.officerId = :officerId', { officerId })
      .andWhere('s.archivedAt IS NULL');
    this.access.scope(qb, 's.investigation_id', actor);
    const [subjects, total] = await qb
      .orderBy('i.openedOn', 'DESC').addOrderBy('i.reference', 'DESC').addOrderBy('s.id', 'ASC')
      // offset/limit, not skip/take: each subject joins exactly one investigation, so rows never repeat.
      .offset(page.offset).limit(page.limit)
      .getManyAndCount();

    const subjectIds = subjects.map((s) => s.id);
    const investigationIds = subjects.map((s) => s.investigationId);
    const [investigations, allegations, outcomes, barrings, barred] = subjectIds.length
      ? [
        await em.findBy(Investigation, { id: In(investigationIds) }),
        await em.find(Allegation, { where: { subjectId: In(subjectIds), archivedAt: IsNull() }, order: { allegedOn: 'ASC', id: 'ASC' } }),
        await em.findBy(Outcome, { subjectId: In(subjectIds), archivedAt: IsNull() }),
        await em.findBy(BarredListEntry, { officerId, investigationId: In(investigationIds) }),
        await em.existsBy(BarredListEntry, { officerId, removedOn: IsNull() }),
      ]
      : [[], [], [], [], await em.existsBy(BarredListEntry, { officerId, removedOn: IsNull() })];

    const investigationById = new Map(investigations.map((i) => [i.id, i]));
    const items = subjects.map((subject) => {
      const outcome = outcomes.find((o) => o.subjectId === subject.id) ?? null;
      const barring = (outcome && barrings.find((b) => b.outcomeId === outcome.id))
        ?? barrings.find((b) => b.investigationId === subject.investigationId) ?? null;
      return OfficerCaseView.from(
        subject, investigationById.get(subject.investigationId)!,
        allegations.filter((a) => a.subjectId === subject.id), outcome, barring,
      );
    });
    return { officer: CaseOfficerView.from(officer), barred, items, total, limit: page.limit, offset: page.offset };
  }
}
