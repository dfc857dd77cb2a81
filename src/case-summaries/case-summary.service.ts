import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Allegation } from '../allegations/allegation.entity.js';
import { Finding, Severity } from '../allegations/allegation.enums.js';
import { Subject } from '../allegations/subject.entity.js';
import { BarredListEntry } from '../barred-list/barred-list-entry.entity.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { Clock } from '../common/time/day.js';
import { CaseAccess } from '../investigations/case-access.service.js';
import { Investigation } from '../investigations/investigation.entity.js';
import { Outcome } from '../outcomes/outcome.entity.js';
import { OutcomeType } from '../outcomes/outcome.enums.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { ResponseStatus } from '../recommendations/recommendation.enums.js';
import {
  type InvestigationSummaryResponse, type OperationSummaryResponse, type OutcomeCounts, type ResponseStatusCounts,
  type SummaryFigures, SummaryInvestigation,
} from './dto/case-summary.response.js';
import { summarySentence } from './summary-sentence.js';

const zeroes = <K extends string>(keys: K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
/** PostgreSQL returns COUNT and SUM as strings (bigint); SQLite as numbers. */
const count = (value: unknown): number => Number(value ?? 0);

/**
 * The figures of a case, or of all the cases of an operation, counted in the database with
 * GROUP BY (never by loading records), and the sentence that says them in words.
 */
@Injectable()
export class CaseSummaryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseAccess,
    private readonly clock: Clock,
  ) {}

  async forInvestigation(id: string, actor: AuthUser): Promise<InvestigationSummaryResponse> {
    const investigation = await this.cases.readable(this.dataSource.manager, id, actor);
    return { investigation: this.describe(investigation), ...(await this.figures([investigation.id])) };
  }

  /** Over the operation's investigations the caller may see; none visible answers 404. */
  async forOperation(name: string, actor: AuthUser): Promise<OperationSummaryResponse> {
    const qb = this.dataSource.manager.createQueryBuilder(Investigation, 'i')
      .where('LOWER(i.operation) = LOWER(:name)', { name: name.trim() })
      .andWhere('i.archived_at IS NULL');
    const investigations = await this.cases.scope(qb, 'i.id', actor).orderBy('i.reference', 'ASC').getMany();
    if (!investigations.length) throw new NotFoundError('operation', name);
    return {
      operation: investigations[0].operation!,
      investigations: investigations.map((i) => this.describe(i)),
      ...(await this.figures(investigations.map((i) => i.id))),
    };
  }

  private describe({ id, reference, title, operation }: Investigation): SummaryInvestigation {
    return { id, reference, title, operation };
  }

  private async figures(investigationIds: string[]): Promise<SummaryFigures> {
    const ids = { investigationIds };
    const em = this.dataSource.manager;

    const subjects = await em.createQueryBuilder().from(Subject, 's')
      .select('COUNT(DISTINCT s.officer_id)', 'officers').addSelect('COUNT(*)', 'subjects')
      .where('s.investigation_id IN (:...investigationIds)', ids).andWhere('s.archived_at IS NULL')
      .getRawOne<{ officers: unknown; subjects: unknown }>();

    const provenGrossMisconduct = em.createQueryBuilder().subQuery().select('1').from(Allegation, 'a')
      .where('a.subject_id = o.subject_id').andWhere('a.severity = :grossMisconduct').andWhere('a.finding = :proven')
      .andWhere('a.archived_at IS NULL').getQuery();
    const outcomeRows = await em.createQueryBuilder().from(Outcome, 'o')
      .innerJoin(Subject, 's', 's.id = o.subject_id AND s.archived_at IS NULL')
      .select('o.type', 'type').addSelect('COUNT(*)', 'n')
      .addSelect(`SUM(CASE WHEN EXISTS ${provenGrossMisconduct} THEN 1 ELSE 0 END)`, 'gross')
      .where('o.investigation_id IN (:...investigationIds)', ids).andWhere('o.archived_at IS NULL')
      .setParameters({ grossMisconduct: Severity.GrossMisconduct, proven: Finding.Proven })
      .groupBy('o.type').getRawMany<{ type: OutcomeType; n: unknown; gross: unknown }>();

    const barredRows = await em.createQueryBuilder().from(BarredListEntry, 'b')
      .innerJoin(Outcome, 'o', 'o.id = b.outcome_id')
      .select('o.type', 'type').addSelect('COUNT(*)', 'n')
      .where('b.investigation_id IN (:...investigationIds)', ids).andWhere('b.removed_on IS NULL')
      .groupBy('o.type').getRawMany<{ type: OutcomeType; n: unknown }>();

    const recommendationRows = await em.createQueryBuilder().from(Recommendation, 'r')
      .select('r.response_status', 'status').addSelect('COUNT(*)', 'n')
      .addSelect('SUM(CASE WHEN r.response_status = :pending AND r.response_due_on < :today THEN 1 ELSE 0 END)', 'overdue')
      .where('r.investigation_id IN (:...investigationIds)', ids).andWhere('r.archived_at IS NULL')
      .setParameters({ pending: ResponseStatus.Pending, today: this.clock.today() })
      .groupBy('r.response_status').getRawMany<{ status: ResponseStatus; n: unknown; overdue: unknown }>();

    const outcomes = zeroes<keyof OutcomeCounts>([...Object.values(OutcomeType), 'pending']);
    let dismissedForGrossMisconduct = 0;
    for (const row of outcomeRows) {
      outcomes[row.type] = count(row.n);
      if (row.type === OutcomeType.Dismissed) dismissedForGrossMisconduct = count(row.gross);
    }
    const decided = outcomeRows.reduce((sum, row) => sum + count(row.n), 0);
    outcomes.pending = Math.max(0, count(subjects?.subjects) - decided);

    const barredOf = (type: OutcomeType) => count(barredRows.find((row) => row.type === type)?.n);
    const byResponseStatus = zeroes<keyof ResponseStatusCounts>(Object.values(ResponseStatus));
    for (const row of recommendationRows) byResponseStatus[row.status] = count(row.n);

    const figures = {
      officersInvestigated: count(subjects?.officers),
      outcomes,
      dismissedForGrossMisconduct,
      barred: barredRows.reduce((sum, row) => sum + count(row.n), 0),
      recommendations: {
        total: recommendationRows.reduce((sum, row) => sum + count(row.n), 0),
        byResponseStatus,
        overdue: recommendationRows.reduce((sum, row) => sum + count(row.overdue), 0),
      },
    };
    const sentence = summarySentence({
      ...figures,
      barredDismissed: barredOf(OutcomeType.Dismissed),
      barredWouldHaveBeenDismissed: barredOf(OutcomeType.WouldHaveBeenDismissed),
      recommendations: figures.recommendations.total,
    });
    return { ...figures, sentence };
  }
}
