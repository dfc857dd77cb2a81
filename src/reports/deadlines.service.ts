import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Pseudonymiser } from '../common/privacy/pseudonymiser.js';
import { addDays, addMonths, Clock, daysBetween } from '../common/time/day.js';
import { InvestigationStatus } from '../investigations/investigation.enums.js';
import { ConductRegime, Sanction } from '../outcomes/outcome.enums.js';
import { ResponseStatus } from '../recommendations/recommendation.enums.js';
import type {
  DeadlineRules, DeadlinesResponse, InvestigationDeadlines, RecommendationDeadlines, WarningDeadlines,
} from './dto/deadlines.response.js';
import { OfficerRef } from './dto/officer-ref.response.js';
import type { DeadlinesQuery } from './dto/report-query.dto.js';
import { narrow, ReportCriteria } from './report-criteria.js';
import { ReportQueries } from './report-queries.js';

export const RECOMMENDATIONS_DUE_WITHIN_DAYS = 14;
export const INVESTIGATIONS_OPEN_LONGER_THAN_MONTHS = 12;
export const WARNINGS_EXPIRING_WITHIN_DAYS = 90;

type Warning = Sanction.WrittenWarning | Sanction.FinalWrittenWarning;

/**
 * How long a warning stays live from the decision. The 2020 Conduct Regulations set 18 months
 * (written) and 2 years (final written); under the 2012 Regulations they were 12 and 18 months.
 */
export const WARNING_MONTHS: Record<ConductRegime, Record<Warning, number>> = {
  [ConductRegime.Regs2020]: { [Sanction.WrittenWarning]: 18, [Sanction.FinalWrittenWarning]: 24 },
  [ConductRegime.Regs2012]: { [Sanction.WrittenWarning]: 12, [Sanction.FinalWrittenWarning]: 18 },
};

/** Adding months clamps the 29th–31st to a shorter month's end, so a decision day is found within this many days. */
const CLAMP_SLACK_DAYS = 3;

/**
 * GET /api/reports/deadlines: what needs attention on `asOf`, over the cases the viewer may see.
 * Lists are capped at `limit` items each; totals are always whole.
 */
@Injectable()
export class DeadlinesService {
  private readonly criteria = new ReportCriteria({});

  constructor(private readonly queries: ReportQueries, private readonly pseudonymiser: Pseudonymiser, private readonly clock: Clock) {}

  async deadlines(query: DeadlinesQuery, viewer: AuthUser): Promise<DeadlinesResponse> {
    const asOf = query.asOf ?? this.clock.today();
    const [recommendations, investigations, warnings] = await Promise.all([
      this.recommendations(asOf, query.limit, viewer),
      this.investigations(asOf, query.limit, viewer),
      this.warnings(asOf, query, viewer),
    ]);
    return { asOf, rules: this.rules(), recommendations, investigations, warnings };
  }

  private rules(): DeadlineRules {
    return {
      recommendationsDueWithinDays: RECOMMENDATIONS_DUE_WITHIN_DAYS,
      investigationsOpenLongerThanMonths: INVESTIGATIONS_OPEN_LONGER_THAN_MONTHS,
      warningsExpiringWithinDays: WARNINGS_EXPIRING_WITHIN_DAYS,
      warningDurations: Object.entries(WARNING_MONTHS).flatMap(([regime, bySanction]) =>
        Object.entries(bySanction).map(([sanction, months]) => ({ regime, sanction, months }))),
    };
  }

  /** Pending recommendations overdue or due within the next 14 days, earliest due first. */
  private async recommendations(asOf: string, limit: number, viewer: AuthUser): Promise<RecommendationDeadlines> {
    const sql = this.queries.sql;
    const parameters = { pendingStatus: ResponseStatus.Pending, asOf, dueBy: addDays(asOf, RECOMMENDATIONS_DUE_WITHIN_DAYS) };
    const pending = narrow(this.criteria.recommendations(), ['r.response_status = :pendingStatus', 'r.response_due_on <= :dueBy']);
    const [overdue, dueSoon, rows] = await Promise.all([
      this.queries.count(narrow(pending, ['r.response_due_on < :asOf']), viewer, parameters),
      this.queries.count(narrow(pending, ['r.response_due_on >= :asOf']), viewer, parameters),
      this.queries.run<{ id: string; investigation_id: string; reference: string; number: number; recipient: string; issued_on: string; response_due_on: string }>(
        this.queries.rows(narrow(pending, [], [{ table: 'investigations', alias: 'ri', on: 'ri.id = r.investigation_id' }]), viewer, parameters)
          .select('r.id', 'id').addSelect('r.investigation_id', 'investigation_id').addSelect('ri.reference', 'reference')
          .addSelect('r.number', 'number').addSelect('r.recipient', 'recipient')
          .addSelect(sql.dayText('r.issued_on'), 'issued_on').addSelect(sql.dayText('r.response_due_on'), 'response_due_on')
          .orderBy('r.response_due_on', 'ASC').addOrderBy('ri.reference', 'ASC').addOrderBy('r.number', 'ASC')
          .limit(limit)),
    ]);
    return {
      overdue, dueSoon, total: overdue + dueSoon,
      items: rows.map((row) => ({
        id: row.id, investigationId: row.investigation_id, investigationReference: row.reference, number: Number(row.number),
        recipient: row.recipient, issuedOn: row.issued_on, responseDueOn: row.response_due_on,
        state: row.response_due_on < asOf ? 'overdue' : 'due_soon', daysToDue: daysBetween(asOf, row.response_due_on),
      })),
    };
  }

  /** Investigations not closed and opened more than 12 months before asOf, longest open first. */
  private async investigations(asOf: string, limit: number, viewer: AuthUser): Promise<InvestigationDeadlines> {
    const parameters = { closedStatus: InvestigationStatus.Closed, openedBefore: addMonths(asOf, -INVESTIGATIONS_OPEN_LONGER_THAN_MONTHS) };
    const longOpen = narrow(this.criteria.investigations(), ['i.status <> :closedStatus', 'i.opened_on < :openedBefore']);
    const [total, rows] = await Promise.all([
      this.queries.count(longOpen, viewer, parameters),
      this.queries.run<{ id: string; reference: string; title: string; status: string; mode: string; opened_on: string }>(
        this.queries.rows(longOpen, viewer, parameters)
          .select('i.id', 'id').addSelect('i.reference', 'reference').addSelect('i.title', 'title')
          .addSelect('i.status', 'status').addSelect('i.mode', 'mode').addSelect(this.queries.sql.dayText('i.opened_on'), 'opened_on')
          .orderBy('i.opened_on', 'ASC').addOrderBy('i.reference', 'ASC')
          .limit(limit)),
    ]);
    return {
      total,
      items: rows.map((row) => ({
        id: row.id, reference: row.reference, title: row.title, status: row.status, mode: row.mode,
        openedOn: row.opened_on, daysOpen: daysBetween(row.opened_on, asOf),
      })),
    };
  }

  /**
   * Written and final written warnings still live on asOf whose expiry (decision + duration)
   * falls within the next 90 days, soonest first. Month arithmetic is not the same in SQLite
   * and PostgreSQL, so the database selects decisions in a window a few days wider than the
   * exact one and the exact expiry is computed and checked here, on those few rows.
   */
  private async warnings(asOf: string, query: DeadlinesQuery, viewer: AuthUser): Promise<WarningDeadlines> {
    const horizon = addDays(asOf, WARNINGS_EXPIRING_WITHIN_DAYS);
    const windows: string[] = [];
    const parameters: Record<string, string> = {};
    Object.entries(WARNING_MONTHS).forEach(([regime, bySanction]) => Object.entries(bySanction).forEach(([sanction, months]) => {
      const n = windows.length;
      Object.assign(parameters, {
        [`wRegime${n}`]: regime, [`wSanction${n}`]: sanction,
        [`wFrom${n}`]: addDays(addMonths(asOf, -months), -CLAMP_SLACK_DAYS),
        [`wTo${n}`]: addDays(addMonths(horizon, -months), CLAMP_SLACK_DAYS),
      });
      windows.push(`(o.regime = :wRegime${n} AND o.sanction = :wSanction${n} AND o.decided_on BETWEEN :wFrom${n} AND :wTo${n})`);
    }));
    const candidates = narrow(this.criteria.outcomes(), [`(${windows.join(' OR ')})`],
      [{ table: 'investigations', alias: 'wi', on: 'wi.id = o.investigation_id' }]);
    const rows = await this.queries.run<{ id: string; investigation_id: string; reference: string; officer_id: string; sanction: Warning; regime: ConductRegime; decided_on: string }>(
      this.queries.rows(candidates, viewer, parameters)
        .select('o.id', 'id').addSelect('o.investigation_id', 'investigation_id').addSelect('wi.reference', 'reference')
        .addSelect('o.officer_id', 'officer_id').addSelect('o.sanction', 'sanction').addSelect('o.regime', 'regime')
        .addSelect(this.queries.sql.dayText('o.decided_on'), 'decided_on'));

    const expiring = rows
      .map((row) => ({ row, expiresOn: addMonths(row.decided_on, WARNING_MONTHS[row.regime][row.sanction]) }))
      .filter(({ expiresOn }) => expiresOn > asOf && expiresOn <= horizon)
      .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.row.reference.localeCompare(b.row.reference) || a.row.id.localeCompare(b.row.id));
    const listed = expiring.slice(0, query.limit);
    const officers = await this.queries.officers(listed.map(({ row }) => row.officer_id));
    const pseudonym = await this.pseudonymiser.officersIf(query.pseudonymise);
    return {
      total: expiring.length,
      items: listed.map(({ row, expiresOn }) => ({
        outcomeId: row.id, investigationId: row.investigation_id, investigationReference: row.reference,
        officer: OfficerRef.from(officers.get(row.officer_id)!, pseudonym),
        sanction: row.sanction, regime: row.regime, decidedOn: row.decided_on, expiresOn, daysToExpiry: daysBetween(asOf, expiresOn),
      })),
    };
  }
}
