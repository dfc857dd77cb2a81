import { Injectable } from '@nestjs/common';
import { AllegationCategory, Finding, Severity } from '../allegations/allegation.enums.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/time/day.js';
import { InvestigationMode, InvestigationStatus } from '../investigations/investigation.enums.js';
import { OutcomeType, Sanction } from '../outcomes/outcome.enums.js';
import { ResponseStatus } from '../recommendations/recommendation.enums.js';
import type { SummaryQuery } from './dto/report-query.dto.js';
import { SummaryResponse, type SummaryFigures } from './dto/summary.response.js';
import { narrow, ReportCriteria, type Fact } from './report-criteria.js';
import { breakdown, NO_SANCTION, total } from './breakdown.js';
import { ReportQueries } from './report-queries.js';
import { toCount } from './report-sql.js';

/**
 * GET /api/reports/summary. Each section is one GROUP BY in the database over the records the
 * filters select (see ReportCriteria); several breakdowns of one table come from one query
 * grouped by all their columns and are added up here from those few aggregated rows.
 */
@Injectable()
export class ReportSummaryService {
  constructor(private readonly queries: ReportQueries, private readonly clock: Clock) {}

  async summary(query: SummaryQuery, viewer: AuthUser): Promise<SummaryResponse> {
    return SummaryResponse.from(await this.figures(query, viewer), query.suppress ?? null);
  }

  async figures(query: SummaryQuery, viewer: AuthUser): Promise<SummaryFigures> {
    const asOf = query.asOf ?? this.clock.today();
    const filters = query.filters();
    const criteria = new ReportCriteria(filters, (column) => this.queries.sql.unindexed(column));
    const parameters = criteria.parameters;
    const bySource = query.groupBySource === true;
    const count = (fact: Fact, columns: string[]) => this.queries.groupedCounts(fact, columns, viewer, parameters);

    const recommendations = criteria.recommendations();
    const overdueRecommendations = narrow(recommendations, ['r.response_status = :pendingStatus', 'r.response_due_on < :asOf']);
    const [investigations, subjects, allegations, outcomes, barred, days, recommendationGroups, overdue] = await Promise.all([
      count(criteria.investigations(), ['status', 'mode']),
      count(criteria.subjects(), []),
      count(criteria.allegations(), ['category', 'severity', 'finding', ...(bySource ? ['source_category', 'source_finding'] : [])]),
      count(criteria.outcomes(), ['type', 'sanction', ...(bySource ? ['source_outcome'] : [])]),
      this.barred(criteria, viewer, parameters),
      this.daysToOutcome(criteria, viewer, parameters),
      count(recommendations, ['response_status']),
      this.queries.groupedCounts(overdueRecommendations, [], viewer, { ...parameters, pendingStatus: ResponseStatus.Pending, asOf }),
    ]);

    return {
      asOf,
      filters,
      investigations: {
        total: total(investigations),
        byStatus: breakdown(investigations, 'status', Object.values(InvestigationStatus)),
        byMode: breakdown(investigations, 'mode', Object.values(InvestigationMode)),
      },
      subjects: { total: total(subjects) },
      allegations: {
        total: total(allegations),
        byCategory: breakdown(allegations, 'category', Object.values(AllegationCategory)),
        bySeverity: breakdown(allegations, 'severity', Object.values(Severity)),
        byFinding: breakdown(allegations, 'finding', Object.values(Finding)),
      },
      outcomes: {
        total: total(outcomes),
        byType: breakdown(outcomes, 'type', Object.values(OutcomeType)),
        bySanction: breakdown(outcomes, 'sanction', [...Object.values(Sanction), NO_SANCTION], NO_SANCTION),
      },
      barred,
      daysToOutcome: days,
      recommendations: {
        total: total(recommendationGroups),
        byResponseStatus: breakdown(recommendationGroups, 'response_status', Object.values(ResponseStatus)),
        overdue: total(overdue),
      },
      ...(bySource ? {
        bySource: {
          allegationsBySourceCategory: breakdown(allegations, 'source_category'),
          allegationsBySourceFinding: breakdown(allegations, 'source_finding'),
          outcomesBySourceOutcome: breakdown(outcomes, 'source_outcome'),
        },
      } : {}),
    };
  }

  /** Barred-list entries made for the counted outcomes; `current` = not removed since. */
  private async barred(criteria: ReportCriteria, viewer: AuthUser, parameters: Record<string, string>): Promise<SummaryFigures['barred']> {
    const qb = this.queries.rows(criteria.outcomes(), viewer, parameters)
      .innerJoin('barred_list_entries', 'b', 'b.outcome_id = o.id')
      .select('COUNT(*)', 'total')
      .addSelect('SUM(CASE WHEN b.removed_on IS NULL THEN 1 ELSE 0 END)', 'current');
    const [row] = await this.queries.run<{ total: unknown; current: unknown }>(qb);
    return { total: toCount(row?.total), current: toCount(row?.current) };
  }

  /** Days from the investigation opening to the outcome decision, over the counted outcomes. */
  private async daysToOutcome(criteria: ReportCriteria, viewer: AuthUser, parameters: Record<string, string>): Promise<SummaryFigures['daysToOutcome']> {
    const values = this.queries.rows(criteria.outcomes(), viewer, parameters)
      .innerJoin('investigations', 'di', 'di.id = o.investigation_id')
      .select(this.queries.sql.daysBetween('di.opened_on', 'o.decided_on'), 'v');
    const [row] = await this.queries.query<{ n: unknown; median: unknown; p90: unknown }>(
      this.queries.sql.medianAndP90(values.getQuery()), values.getParameters());
    return {
      outcomes: toCount(row?.n),
      median: row?.median === null || row?.median === undefined ? null : Number(row.median),
      p90: row?.p90 === null || row?.p90 === undefined ? null : Number(row.p90),
    };
  }
}
