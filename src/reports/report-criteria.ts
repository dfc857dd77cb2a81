import type { AllegationCategory } from '../allegations/allegation.enums.js';
import type { InvestigationMode } from '../investigations/investigation.enums.js';

/** The case filters every summary-style report accepts (all optional, all combined with AND). */
export interface CaseFilters {
  openedFrom?: string;
  openedTo?: string;
  decidedFrom?: string;
  decidedTo?: string;
  station?: string;
  unit?: string;
  operation?: string;
  mode?: InvestigationMode;
  category?: AllegationCategory;
}

/**
 * A table the reports count rows of, with the conditions that decide which rows count.
 * `investigationColumn` (and `subjectColumn` where the row belongs to a subject) name the
 * parent columns: case access is applied on the first, archived parents are left out by both.
 */
export interface Fact {
  table: string;
  alias: string;
  conditions: string[];
  investigationColumn: string;
  subjectColumn?: string;
  /** Tables joined (inner) for conditions or grouping expressions. */
  joins?: Array<{ table: string; alias: string; on: string }>;
}

/** Adds conditions (and joins) to a fact: e.g. one officer's allegations. */
export function narrow(fact: Fact, conditions: string[], joins: Fact['joins'] = []): Fact {
  return { ...fact, conditions: [...fact.conditions, ...conditions], joins: [...(fact.joins ?? []), ...joins] };
}

/**
 * Turns the filters into SQL conditions for each kind of record. Filters live at three levels
 * and reach the other levels through the records' links:
 *
 * - investigation fields (opened dates, station, operation, mode): a record counts if its
 *   investigation matches;
 * - subject level (unit; category through the subject's allegations; decided dates through
 *   the subject's outcome): an allegation or outcome counts if its subject matches, a subject
 *   if it matches, and an investigation or recommendation if the investigation has at least
 *   one matching subject;
 * - the record's own field where it has one (an allegation's category, an outcome's decided_on).
 *
 * The unit is the subject's unit at the time of the conduct, or the officer's current unit
 * when that was not recorded. Archived records never count, nor do records whose
 * investigation or subject is archived. Text filters match exactly.
 *
 * Conditions use named parameters prefixed `rf` (see `parameters`); subquery aliases are
 * prefixed `f` so they never clash with the outer query's aliases.
 */
export class ReportCriteria {
  /** `probe` marks the column of an `IN (subquery)` filter (see ReportSql.unindexed). */
  constructor(readonly filters: CaseFilters, private readonly probe: (column: string) => string = (column) => column) {}

  get parameters(): Record<string, string> {
    const entries = Object.entries(this.filters).filter(([, value]) => value !== undefined && value !== '');
    return Object.fromEntries(entries.map(([key, value]) => [`rf${key[0].toUpperCase()}${key.slice(1)}`, String(value)]));
  }

  investigations(): Fact {
    return {
      table: 'investigations', alias: 'i', investigationColumn: 'i.id',
      conditions: ['i.archived_at IS NULL', ...this.investigationFieldConditions('i'), ...this.hasMatchingSubject('i.id')],
    };
  }

  subjects(): Fact {
    return {
      table: 'subjects', alias: 's', investigationColumn: 's.investigation_id',
      conditions: ['s.archived_at IS NULL', ...this.investigationMatches('s.investigation_id'), ...this.subjectMatches('s.id')],
    };
  }

  allegations(): Fact {
    const { category } = this.filters;
    return {
      table: 'allegations', alias: 'a', investigationColumn: 'a.investigation_id', subjectColumn: 'a.subject_id',
      conditions: [
        'a.archived_at IS NULL',
        ...(category ? ['a.category = :rfCategory'] : []),
        ...this.investigationMatches('a.investigation_id'),
        ...this.subjectMatches('a.subject_id', { category: false }),
      ],
    };
  }

  outcomes(): Fact {
    return {
      table: 'outcomes', alias: 'o', investigationColumn: 'o.investigation_id', subjectColumn: 'o.subject_id',
      conditions: [
        'o.archived_at IS NULL',
        ...this.decidedConditions('o'),
        ...this.investigationMatches('o.investigation_id'),
        ...this.subjectMatches('o.subject_id', { decided: false }),
      ],
    };
  }

  recommendations(): Fact {
    return {
      table: 'recommendations', alias: 'r', investigationColumn: 'r.investigation_id',
      conditions: ['r.archived_at IS NULL', ...this.investigationMatches('r.investigation_id'), ...this.hasMatchingSubject('r.investigation_id')],
    };
  }

  /** Conditions on an investigations row's own fields (the alias must be an investigations row). */
  private investigationFieldConditions(i: string): string[] {
    const { openedFrom, openedTo, station, operation, mode } = this.filters;
    return [
      ...(openedFrom ? [`${i}.opened_on >= :rfOpenedFrom`] : []),
      ...(openedTo ? [`${i}.opened_on <= :rfOpenedTo`] : []),
      ...(station ? [`${i}.station = :rfStation`] : []),
      ...(operation ? [`${i}.operation = :rfOperation`] : []),
      ...(mode ? [`${i}.mode = :rfMode`] : []),
    ];
  }

  private decidedConditions(o: string): string[] {
    const { decidedFrom, decidedTo } = this.filters;
    return [
      ...(decidedFrom ? [`${o}.decided_on >= :rfDecidedFrom`] : []),
      ...(decidedTo ? [`${o}.decided_on <= :rfDecidedTo`] : []),
    ];
  }

  /** The investigation-field filters, applied to a row through its investigation id column. */
  private investigationMatches(investigationColumn: string): string[] {
    const fields = this.investigationFieldConditions('fi');
    if (!fields.length) return [];
    return [`${this.probe(investigationColumn)} IN (SELECT fi.id FROM investigations fi WHERE fi.archived_at IS NULL AND ${fields.join(' AND ')})`];
  }

  /** The subject-level filters, applied to a row through its subject id column. */
  private subjectMatches(subjectColumn: string, use: { category?: boolean; decided?: boolean } = {}): string[] {
    const { unit, category } = this.filters;
    const decided = this.decidedConditions('fd');
    return [
      // COALESCE(unit at the time, officer's unit) = :unit, without joining every subject to its officer.
      ...(unit ? [`${this.probe(subjectColumn)} IN (SELECT fs.id FROM subjects fs WHERE fs.unit_at_time = :rfUnit
          OR (fs.unit_at_time IS NULL AND fs.officer_id IN (SELECT fo.id FROM officers fo WHERE fo.unit = :rfUnit)))`] : []),
      ...(category && use.category !== false ? [`${this.probe(subjectColumn)} IN (SELECT fa.subject_id FROM allegations fa
          WHERE fa.category = :rfCategory AND fa.archived_at IS NULL)`] : []),
      ...(decided.length && use.decided !== false ? [`${this.probe(subjectColumn)} IN (SELECT fd.subject_id FROM outcomes fd
          WHERE fd.archived_at IS NULL AND ${decided.join(' AND ')})`] : []),
    ];
  }

  /** For investigation-level records: the investigation has a live subject passing the subject-level filters. */
  private hasMatchingSubject(investigationColumn: string): string[] {
    const subject = this.subjectMatches('fsm.id');
    if (!subject.length) return [];
    return [`${this.probe(investigationColumn)} IN (SELECT fsm.investigation_id FROM subjects fsm WHERE fsm.archived_at IS NULL AND ${subject.join(' AND ')})`];
  }
}
