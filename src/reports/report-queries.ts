import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CaseAccess } from '../investigations/case-access.service.js';
import { OFFICER_IDENTITY_COLUMNS, type OfficerIdentityRow } from './dto/officer-ref.response.js';
import type { Fact } from './report-criteria.js';
import { ReportSql, toCount } from './report-sql.js';

/** A grouping column of the fact's table by name, or an expression with the name it is returned under. */
export type GroupColumn = string | { name: string; sql: string };

export interface GroupCount {
  key: Record<string, string | null>;
  n: number;
}

const ARCHIVED_INVESTIGATIONS = 'SELECT xi.id FROM investigations xi WHERE xi.archived_at IS NOT NULL';
const ARCHIVED_SUBJECTS = 'SELECT xs.id FROM subjects xs WHERE xs.archived_at IS NOT NULL';

/** Investigations are the top of the tree: no parent of theirs can be archived. */
const hasParents = (fact: Fact): boolean => fact.table !== 'investigations';

/**
 * Runs report queries: every one limited to the viewer's cases (CaseAccess.scope) and to
 * records whose investigation and subject are not archived. Everything is counted by the
 * database; only aggregated rows come back.
 */
@Injectable()
export class ReportQueries {
  readonly sql: ReportSql;

  constructor(private readonly dataSource: DataSource, private readonly access: CaseAccess) {
    this.sql = new ReportSql(dataSource);
  }

  /**
   * The fact's counted rows as a query builder (add the selection). `liveParents` adds the
   * conditions that leave out rows of archived investigations and subjects.
   */
  rows(fact: Fact, viewer: AuthUser, parameters: Record<string, unknown>, liveParents = true): SelectQueryBuilder<object> {
    const qb = this.dataSource.createQueryBuilder().from(fact.table, fact.alias).setParameters(parameters);
    for (const join of fact.joins ?? []) qb.innerJoin(join.table, join.alias, join.on);
    for (const condition of [...fact.conditions, ...(liveParents ? this.liveParentConditions(fact) : [])]) qb.andWhere(condition);
    return this.access.scope(qb, fact.investigationColumn, viewer);
  }

  /**
   * COUNT(*) of the fact's rows grouped by `columns` (raw column names of the fact's table, or
   * named expressions).
   *
   * On SQLite a million rows checked one by one against the archived investigations and
   * subjects costs more than the count itself, so there the rows under archived parents
   * (few, found through the parent-id indexes) are counted separately and subtracted:
   * count(P) − count(P and archived parent) = count(P and live parents). PostgreSQL turns
   * NOT IN (subquery) into a hashed anti-join and takes the direct route.
   */
  async groupedCounts(fact: Fact, groupColumns: GroupColumn[], viewer: AuthUser, parameters: Record<string, unknown>): Promise<GroupCount[]> {
    const columns = groupColumns.map((column) => (typeof column === 'string' ? column : column.name));
    const selected = groupColumns.map((column) => (typeof column === 'string' ? `${fact.alias}.${column}` : column.sql));
    const grouped = (qb: SelectQueryBuilder<object>, count: string) => {
      qb.select(count, 'n');
      selected.forEach((expression, index) => qb.addSelect(expression, columns[index]).addGroupBy(expression));
      return qb;
    };
    const outerColumns = columns.map((column) => `u.${column}`);
    const outer = (inner: string) => `SELECT ${[...outerColumns, 'SUM(u.n) AS n'].join(', ')} FROM (${inner}) u`
      + (outerColumns.length ? ` GROUP BY ${outerColumns.join(', ')}` : '');

    let sql: string;
    let allParameters: Record<string, unknown>;
    if (this.sql.postgres || !hasParents(fact)) {
      const qb = grouped(this.rows(fact, viewer, parameters), 'COUNT(*)');
      sql = outer(qb.getQuery());
      allParameters = qb.getParameters();
    } else {
      const all = grouped(this.rows(fact, viewer, parameters, false), 'COUNT(*)');
      const underArchived = grouped(this.rows(fact, viewer, parameters, false).andWhere(this.archivedParentCondition(fact)), '-COUNT(*)');
      sql = outer(`${all.getQuery()} UNION ALL ${underArchived.getQuery()}`);
      allParameters = { ...all.getParameters(), ...underArchived.getParameters() };
    }
    const rows = await this.query<Record<string, unknown>>(sql, allParameters);
    return rows
      .map((row) => ({
        key: Object.fromEntries(columns.map((column) => [column, row[column] === null || row[column] === undefined ? null : String(row[column])])),
        n: toCount(row.n),
      }))
      .filter((group) => group.n !== 0 || !columns.length);
  }

  /** COUNT(*) of the fact's rows. */
  async count(fact: Fact, viewer: AuthUser, parameters: Record<string, unknown>): Promise<number> {
    const [row] = await this.groupedCounts(fact, [], viewer, parameters);
    return row?.n ?? 0;
  }

  /** Identity columns of these officers, by id. */
  async officers(ids: string[]): Promise<Map<string, OfficerIdentityRow>> {
    if (!ids.length) return new Map();
    const rows = await this.query<OfficerIdentityRow>(`SELECT ${OFFICER_IDENTITY_COLUMNS} FROM officers WHERE id IN (:...ids)`, { ids: [...new Set(ids)] });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Runs SQL with named `:parameters` on either engine. */
  async query<T>(sql: string, parameters: Record<string, unknown>): Promise<T[]> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, parameters);
    return this.dataSource.query(query, values) as Promise<T[]>;
  }

  /** Runs a query builder's SELECT and returns its raw rows. */
  async run<T>(qb: SelectQueryBuilder<object>): Promise<T[]> {
    return this.query<T>(qb.getQuery(), qb.getParameters());
  }

  private liveParentConditions(fact: Fact): string[] {
    if (!hasParents(fact)) return [];
    return [
      `${fact.investigationColumn} NOT IN (${ARCHIVED_INVESTIGATIONS})`,
      ...(fact.subjectColumn ? [`${fact.subjectColumn} NOT IN (${ARCHIVED_SUBJECTS})`] : []),
    ];
  }

  private archivedParentCondition(fact: Fact): string {
    return `(${fact.investigationColumn} IN (${ARCHIVED_INVESTIGATIONS})`
      + (fact.subjectColumn ? ` OR ${fact.subjectColumn} IN (${ARCHIVED_SUBJECTS})` : '')
      + ')';
  }
}
