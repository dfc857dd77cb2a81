import { Inject, Injectable } from '@nestjs/common';
import { AllegationCategory, Finding } from '../allegations/allegation.enums.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { Pseudonymiser } from '../common/privacy/pseudonymiser.js';
import { Clock } from '../common/time/day.js';
import { CaseAccess } from '../investigations/case-access.service.js';
import { OutcomeType } from '../outcomes/outcome.enums.js';
import { OfficerRef, type OfficerIdentityRow } from './dto/officer-ref.response.js';
import {
  OfficerProfileResponse, type BarredEntryView, type CoaccusedResponse, type EarlyInterventionResponse, type OfficerProfileFigures,
} from './dto/officer-patterns.response.js';
import type { CoaccusedQuery, EarlyInterventionQuery, PublicationQuery } from './dto/report-query.dto.js';
import { Published } from './publication/published.js';
import { narrow, ReportCriteria, type Fact } from './report-criteria.js';
import { parsePeriod, windowStart } from './report-periods.js';
import { ReportQueries, type GroupColumn } from './report-queries.js';
import { toCount } from './report-sql.js';
import { breakdown, total } from './breakdown.js';

/** The default minimum for the early-intervention list (EARLY_INTERVENTION_THRESHOLD). */
export const EARLY_INTERVENTION_THRESHOLD = Symbol('EARLY_INTERVENTION_THRESHOLD');

/**
 * Officer patterns: one officer's profile, the officers they were investigated alongside, and
 * the early-intervention list. Investigators see each of these over their own cases only
 * (`scope: 'own_cases'`); an officer they have no case about still has a profile, of zeros.
 * Officer records themselves are readable by every case role, so that leaks nothing.
 */
@Injectable()
export class OfficerPatternsService {
  private readonly criteria = new ReportCriteria({});

  constructor(
    private readonly queries: ReportQueries,
    private readonly access: CaseAccess,
    private readonly pseudonymiser: Pseudonymiser,
    private readonly clock: Clock,
    @Inject(EARLY_INTERVENTION_THRESHOLD) private readonly defaultThreshold: number,
  ) {}

  async profile(officerId: string, query: PublicationQuery, viewer: AuthUser): Promise<OfficerProfileResponse> {
    const officer = await this.officer(officerId);
    const parameters = { officerId };
    const sql = this.queries.sql;
    const count = (fact: Fact, columns: GroupColumn[]) => this.queries.groupedCounts(fact, columns, viewer, parameters);

    const allegationYear = sql.yearOf('COALESCE(a.alleged_on, pi.opened_on)');
    const [subjects, complaints, allegations, outcomes, barred] = await Promise.all([
      count(narrow(this.criteria.subjects(), ['s.officer_id = :officerId']), []),
      count({
        table: 'complaints', alias: 'c', investigationColumn: 'c.investigation_id',
        conditions: ['c.archived_at IS NULL', `c.investigation_id IN (SELECT ps.investigation_id FROM subjects ps
          WHERE ps.officer_id = :officerId AND ps.archived_at IS NULL)`],
      }, []),
      count(
        narrow(this.criteria.allegations(), ['a.officer_id = :officerId'], [{ table: 'investigations', alias: 'pi', on: 'pi.id = a.investigation_id' }]),
        ['category', 'finding', { name: 'year', sql: allegationYear }],
      ),
      count(narrow(this.criteria.outcomes(), ['o.officer_id = :officerId']), ['type', { name: 'year', sql: sql.yearOf('o.decided_on') }]),
      this.barredEntries(officerId),
    ]);

    const years = [...new Set([...allegations, ...outcomes].map((group) => Number(group.key.year)))].sort((a, b) => a - b);
    const inYear = (groups: typeof allegations, year: number) => groups.filter((group) => Number(group.key.year) === year);
    const figures: OfficerProfileFigures = {
      investigations: total(subjects),
      complaints: total(complaints),
      allegations: {
        total: total(allegations),
        byCategory: breakdown(allegations, 'category', Object.values(AllegationCategory)),
        byFinding: breakdown(allegations, 'finding', Object.values(Finding)),
      },
      byYear: years.map((year) => ({
        year,
        allegations: total(inYear(allegations, year)),
        findings: breakdown(inYear(allegations, year), 'finding', Object.values(Finding)),
        outcomes: total(inYear(outcomes, year)),
        outcomeTypes: breakdown(inYear(outcomes, year), 'type', Object.values(OutcomeType)),
      })),
      barred: { current: barred.some((entry) => entry.removedOn === null), entries: barred },
    };
    const pseudonym = await this.pseudonymiser.officersIf(query.pseudonymise);
    return OfficerProfileResponse.from(OfficerRef.from(officer, pseudonym), this.scopeOf(viewer), figures, query.suppress ?? null);
  }

  /**
   * Officers with at least `minAllegations` allegations dated in the window (the allegation's
   * own date, or its investigation's opening when it has none), most first.
   */
  async earlyIntervention(query: EarlyInterventionQuery, viewer: AuthUser): Promise<EarlyInterventionResponse> {
    const asOf = query.asOf ?? this.clock.today();
    const from = windowStart(asOf, parsePeriod(query.within));
    const minAllegations = query.minAllegations ?? this.defaultThreshold;
    const parameters = { windowFrom: from, windowTo: asOf, minAllegations };
    // Either branch of the OR can use an index: alleged_on, or the investigations opened in the window.
    const inWindow = narrow(this.criteria.allegations(), [`(a.alleged_on BETWEEN :windowFrom AND :windowTo
      OR (a.alleged_on IS NULL AND a.investigation_id IN (SELECT wi.id FROM investigations wi WHERE wi.opened_on BETWEEN :windowFrom AND :windowTo)))`]);
    const perOfficer = () => this.queries.rows(inWindow, viewer, parameters)
      .select('a.officer_id', 'officer_id').addSelect('COUNT(*)', 'n')
      // Grouping through the officer index would read every allegation's row; the window's index covers the query.
      .groupBy(this.queries.sql.unindexed('a.officer_id')).having('COUNT(*) >= :minAllegations');

    const page = perOfficer().orderBy('n', 'DESC').addOrderBy('a.officer_id', 'ASC').offset(query.offset).limit(query.limit);
    const counted = perOfficer();
    const [rows, [totalRow]] = await Promise.all([
      this.queries.run<{ officer_id: string; n: unknown }>(page),
      this.queries.query<{ total: unknown }>(`SELECT COUNT(*) AS total FROM (${counted.getQuery()}) q`, counted.getParameters()),
    ]);
    const officers = await this.queries.officers(rows.map((row) => row.officer_id));
    const pseudonym = await this.pseudonymiser.officersIf(query.pseudonymise);
    const published = new Published(query.suppress ?? null);
    return {
      asOf, within: query.within, from, to: asOf, minAllegations, suppress: query.suppress ?? null,
      items: rows.map((row) => ({ officer: OfficerRef.from(officers.get(row.officer_id)!, pseudonym), allegations: published.count(toCount(row.n)) })),
      total: toCount(totalRow?.total), limit: query.limit, offset: query.offset,
    };
  }

  /**
   * Officers who were subjects of the same investigations as this one (and so named in the
   * same complaints: a complaint is about its investigation's subjects), with how many
   * investigations and complaints they share, most first.
   */
  async coaccused(officerId: string, query: CoaccusedQuery, viewer: AuthUser): Promise<CoaccusedResponse> {
    const officer = await this.officer(officerId);
    const shared = () => this.queries.rows(narrow(this.criteria.subjects(), ['s.officer_id = :officerId'], [{
      table: 'subjects', alias: 'co',
      on: 'co.investigation_id = s.investigation_id AND co.officer_id <> s.officer_id AND co.archived_at IS NULL',
    }]), viewer, { officerId });

    const page = shared().select('co.officer_id', 'officer_id').addSelect('COUNT(*)', 'n')
      .groupBy('co.officer_id').orderBy('n', 'DESC').addOrderBy('co.officer_id', 'ASC').offset(query.offset).limit(query.limit);
    const counted = shared().select('COUNT(DISTINCT co.officer_id)', 'total');
    const [rows, [totalRow]] = await Promise.all([
      this.queries.run<{ officer_id: string; n: unknown }>(page),
      this.queries.run<{ total: unknown }>(counted),
    ]);
    const ids = rows.map((row) => row.officer_id);
    const complaintRows = ids.length
      ? await this.queries.run<{ officer_id: string; n: unknown }>(shared()
        .innerJoin('complaints', 'c', 'c.investigation_id = s.investigation_id AND c.archived_at IS NULL')
        .andWhere('co.officer_id IN (:...coaccusedIds)', { coaccusedIds: ids })
        .select('co.officer_id', 'officer_id').addSelect('COUNT(*)', 'n').groupBy('co.officer_id'))
      : [];
    const complaints = new Map(complaintRows.map((row) => [row.officer_id, toCount(row.n)]));
    const officers = await this.queries.officers(ids);
    const pseudonym = await this.pseudonymiser.officersIf(query.pseudonymise);
    const published = new Published(query.suppress ?? null);
    return {
      officer: OfficerRef.from(officer, pseudonym),
      scope: this.scopeOf(viewer),
      suppress: query.suppress ?? null,
      items: rows.map((row) => ({
        officer: OfficerRef.from(officers.get(row.officer_id)!, pseudonym),
        investigations: published.count(toCount(row.n)),
        complaints: published.count(complaints.get(row.officer_id) ?? 0),
      })),
      total: toCount(totalRow?.total), limit: query.limit, offset: query.offset,
    };
  }

  private scopeOf(viewer: AuthUser): 'all_cases' | 'own_cases' {
    return this.access.seesAllCases(viewer) ? 'all_cases' : 'own_cases';
  }

  private async officer(officerId: string): Promise<OfficerIdentityRow> {
    const row = (await this.queries.officers([officerId])).get(officerId);
    if (!row) throw new NotFoundError('officer', officerId);
    return row;
  }

  /** The barred list is published, so its entries for the officer are shown whoever asks. */
  private async barredEntries(officerId: string): Promise<BarredEntryView[]> {
    const day = (column: string) => `${this.queries.sql.dayText(column)} AS ${column}`;
    const rows = await this.queries.query<{ added_on: string; review_eligible_on: string | null; removed_on: string | null }>(
      `SELECT ${day('added_on')}, ${day('review_eligible_on')}, ${day('removed_on')} FROM barred_list_entries
        WHERE officer_id = :officerId ORDER BY added_on, id`,
      { officerId });
    return rows.map((row) => ({ addedOn: row.added_on, reviewEligibleOn: row.review_eligible_on, removedOn: row.removed_on }));
  }
}
