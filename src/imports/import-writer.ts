import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { Allegation } from '../allegations/allegation.entity.js';
import { Subject } from '../allegations/subject.entity.js';
import { BarredListEntry } from '../barred-list/barred-list-entry.entity.js';
import { importedBarringTerms } from '../barred-list/barring.js';
import { recordBookkeeping, type RecordBookkeeping } from '../common/records/record-columns.js';
import { reserveReferences } from '../common/records/references.js';
import { Complaint } from '../complaints/complaint.entity.js';
import { lockForTransaction } from '../database/advisory-lock.js';
import { numberedPlaceholders } from '../database/read-queries.js';
import { sequentialId } from './sequential-id.js';
import { Investigation } from '../investigations/investigation.entity.js';
import { Officer } from '../officers/officer.entity.js';
import { Outcome } from '../outcomes/outcome.entity.js';
import { zeroCounts, type ImportCounts } from './import-report.js';
import type { ImportRow } from './import-row.js';

/** Bound parameters per statement on PostgreSQL (it allows 65,535). */
const MAX_PARAMETERS = 30_000;
/** Keys per `IN (...)` look-up. */
const LOOKUP_CHUNK = 500;
/** Imports take turns on PostgreSQL, so two imports of one file cannot both create a record. */
const PG_IMPORT_LOCK = 727_002;

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** Map.groupBy arrives with Node 21. */
function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export interface WriterContext {
  source: string;
  /** Recorded as created_by (null: the CLI operator, named in the audit event). */
  createdBy: string | null;
  /** Lead of the investigations created (the importing investigator, so the cases are theirs to see). */
  leadInvestigatorId: string | null;
  at: string;
}

/** A row's investigation and officer, once both exist, and its subject's key (investigation id/officer id). */
interface Found {
  investigation: Known;
  officerId: string;
  subjectKey: string;
}

interface Known {
  id: string;
  /** Created by this import: nothing can hang off it yet, so look-ups under it are skipped. */
  fresh: boolean;
}

/**
 * Every record below is written out field by field, not built with spreads: V8 builds a
 * spread followed by a dozen more fields one property at a time, far slower than a plain
 * literal (README, Benchmarks).
 *
 * Writes batches of valid rows: finds what exists (officers by force and service number,
 * the rest by source key), creates what is missing with multi-row INSERTs, and remembers
 * ids across batches. Records an earlier import created are found again and left as they
 * are: a re-run adds only what is new.
 */
export class ImportWriter {
  readonly created: ImportCounts = zeroCounts();
  alreadyPresent = 0;
  private readonly officers = new Map<string, string>();
  private readonly investigations = new Map<string, Known>();
  private readonly complaints = new Set<string>();
  private readonly subjects = new Map<string, Known>();
  private readonly withOutcome = new Set<string>();
  /** Version, created, source…: the same for every record of the import, so insertMany fills them. */
  private readonly bookkeeping: RecordBookkeeping;

  constructor(private readonly context: WriterContext) {
    this.bookkeeping = recordBookkeeping(context.createdBy, context.at, context.source);
  }

  /** One batch, inside the caller's transaction. */
  async write(em: EntityManager, rows: ImportRow[]): Promise<void> {
    await lockForTransaction(em, PG_IMPORT_LOCK);
    await this.ensureOfficers(em, rows);
    await this.ensureInvestigations(em, rows);
    await this.ensureComplaints(em, rows);
    const found = rows.map((row): Found => {
      const investigation = this.investigations.get(row.investigation.key)!;
      const officerId = this.officers.get(officerKey(row.officer))!;
      return { investigation, officerId, subjectKey: `${investigation.id}/${officerId}` };
    });
    await this.ensureSubjects(em, rows, found);
    await this.insertAllegations(em, rows, found);
    await this.insertOutcomes(em, rows, found);
  }

  private async ensureOfficers(em: EntityManager, rows: ImportRow[]): Promise<void> {
    const missing = new Map<string, ImportRow['officer']>();
    for (const { officer } of rows) {
      const key = officerKey(officer);
      if (!this.officers.has(key) && !missing.has(key)) missing.set(key, officer);
    }
    if (!missing.size) return;
    const byForce = groupBy(missing.values(), (officer) => officer.force);
    for (const [force, officers] of byForce) {
      for (const part of chunks(officers.map((o) => o.serviceNumber), LOOKUP_CHUNK)) {
        const found: Array<{ id: string; serviceNumber: string }> = await em.createQueryBuilder()
          .select('o.id', 'id').addSelect('o.service_number', 'serviceNumber').from(Officer, 'o')
          .where('o.force = :force AND o.service_number IN (:...part)', { force, part }).getRawMany();
        for (const { id, serviceNumber } of found) {
          this.officers.set(officerKey({ force, serviceNumber }), id);
          missing.delete(officerKey({ force, serviceNumber }));
        }
      }
    }
    const values = [...missing.entries()].map(([key, o]): QueryDeepPartialEntity<Officer> => {
      const id = sequentialId();
      this.officers.set(key, id);
      return {
        id, sourceKey: `${o.force}/${o.serviceNumber}`.slice(0, 120), force: o.force, serviceNumber: o.serviceNumber,
        givenName: o.givenName, familyName: o.familyName, rank: o.rank, unit: o.unit, station: o.station,
        employmentStatus: o.employmentStatus, sourceAttributes: o.sourceAttributes, joinedOn: null, leftOn: null,
      };
    });
    await insertMany(em, Officer, values, this.bookkeeping);
    this.created.officers += values.length;
  }

  private async ensureInvestigations(em: EntityManager, rows: ImportRow[]): Promise<void> {
    const missing = new Map<string, ImportRow['investigation']>();
    for (const { investigation } of rows) {
      if (!this.investigations.has(investigation.key) && !missing.has(investigation.key)) missing.set(investigation.key, investigation);
    }
    for (const { key, id } of await this.findBySourceKey(em, Investigation, [...missing.keys()])) {
      this.investigations.set(key, { id, fresh: false });
      missing.delete(key);
    }
    const { leadInvestigatorId } = this.context;
    const byYear = groupBy(missing.values(), (investigation) => Number(investigation.openedOn.slice(0, 4)));
    for (const [year, investigations] of byYear) {
      const references = await reserveReferences(em, 'INV', year, investigations.length);
      const values = investigations.map((i, n): QueryDeepPartialEntity<Investigation> => {
        const id = sequentialId();
        this.investigations.set(i.key, { id, fresh: true });
        return {
          id, sourceKey: i.key, reference: references[n], title: i.title, mode: i.mode, origin: i.origin, status: i.status,
          station: i.station, operation: i.operation, openedOn: i.openedOn, closedOn: i.closedOn, summary: i.summary,
          leadInvestigatorId, location: null, conductFrom: null, conductTo: null,
        };
      });
      await insertMany(em, Investigation, values, this.bookkeeping);
      this.created.investigations += values.length;
    }
  }

  private async ensureComplaints(em: EntityManager, rows: ImportRow[]): Promise<void> {
    const missing = new Map<string, { complaint: NonNullable<ImportRow['complaint']>; investigationKey: string }>();
    for (const { complaint, investigation } of rows) {
      if (complaint && !this.complaints.has(complaint.key) && !missing.has(complaint.key)) {
        missing.set(complaint.key, { complaint, investigationKey: investigation.key });
      }
    }
    for (const { key } of await this.findBySourceKey(em, Complaint, [...missing.keys()])) {
      this.complaints.add(key);
      missing.delete(key);
    }
    const byYear = groupBy(missing.values(), ({ complaint }) => Number(complaint.receivedOn.slice(0, 4)));
    for (const [year, complaints] of byYear) {
      const references = await reserveReferences(em, 'CMP', year, complaints.length);
      const values = complaints.map(({ complaint: c, investigationKey }, n): QueryDeepPartialEntity<Complaint> => {
        this.complaints.add(c.key);
        return {
          id: sequentialId(), sourceKey: c.key, reference: references[n], receivedOn: c.receivedOn, channel: c.channel, status: c.status,
          complainantAttributes: c.complainantAttributes, summary: null, investigationId: this.investigations.get(investigationKey)!.id,
          complainantAnonymous: false, complainantName: null, complainantContact: null,
        };
      });
      await insertMany(em, Complaint, values, this.bookkeeping);
      this.created.complaints += values.length;
    }
  }

  private async ensureSubjects(em: EntityManager, rows: ImportRow[], found: Found[]): Promise<void> {
    /** Subject key → the first row (its index) that names the subject. */
    const missing = new Map<string, number>();
    found.forEach(({ subjectKey }, n) => {
      if (!this.subjects.has(subjectKey) && !missing.has(subjectKey)) missing.set(subjectKey, n);
    });
    // Only a case that existed before this import can already have these officers as subjects.
    const earlierCases = [...new Set([...missing.values()].map((n) => found[n].investigation)
      .filter((known) => !known.fresh).map((known) => known.id))];
    for (const part of chunks(earlierCases, LOOKUP_CHUNK)) {
      const existing: Array<{ id: string; investigationId: string; officerId: string }> = await em.createQueryBuilder()
        .select('s.id', 'id').addSelect('s.investigation_id', 'investigationId').addSelect('s.officer_id', 'officerId')
        .from(Subject, 's').where('s.investigation_id IN (:...part)', { part }).getRawMany();
      for (const subject of existing) {
        const key = `${subject.investigationId}/${subject.officerId}`;
        if (missing.delete(key)) this.subjects.set(key, { id: subject.id, fresh: false });
      }
    }
    const values = [...missing.entries()].map(([key, n]): QueryDeepPartialEntity<Subject> => {
      const row = rows[n];
      const id = sequentialId();
      this.subjects.set(key, { id, fresh: true });
      return {
        id, sourceKey: `${row.investigation.key}/${row.officer.serviceNumber}`.slice(0, 120),
        investigationId: found[n].investigation.id, officerId: found[n].officerId,
        rankAtTime: row.subject.rankAtTime, unitAtTime: row.subject.unitAtTime,
      };
    });
    await insertMany(em, Subject, values, this.bookkeeping);
    this.created.subjects += values.length;
  }

  private async insertAllegations(em: EntityManager, rows: ImportRow[], found: Found[]): Promise<void> {
    const subjects = found.map(({ subjectKey }) => this.subjects.get(subjectKey)!);
    // Allegations can only exist already under a subject that did.
    const earlier = rows.filter((_, n) => !subjects[n].fresh).map((row) => row.allegation.key);
    const existing = new Set((await this.findBySourceKey(em, Allegation, earlier)).map((match) => match.key));
    const values: Array<QueryDeepPartialEntity<Allegation>> = [];
    rows.forEach((row, n) => {
      const a = row.allegation;
      if (existing.has(a.key)) return;
      values.push({
        id: sequentialId(), sourceKey: a.key, subjectId: subjects[n].id, investigationId: found[n].investigation.id,
        officerId: found[n].officerId, category: a.category, standard: a.standard, severity: a.severity,
        caseToAnswer: a.caseToAnswer, finding: a.finding, detail: a.detail, allegedOn: a.allegedOn,
        sourceCategory: a.sourceCategory, sourceFinding: a.sourceFinding,
      });
    });
    await insertMany(em, Allegation, values, this.bookkeeping);
    this.created.allegations += values.length;
    this.alreadyPresent += rows.length - values.length;
  }

  /** One outcome per subject: the first row that gives one (docs/import-format.md). */
  private async insertOutcomes(em: EntityManager, rows: ImportRow[], found: Found[]): Promise<void> {
    /** Subject id → the row (its index) that gives the outcome. */
    const pending = new Map<string, number>();
    const earlier: string[] = [];
    rows.forEach((row, n) => {
      if (!row.outcome) return;
      const subject = this.subjects.get(found[n].subjectKey)!;
      if (this.withOutcome.has(subject.id) || pending.has(subject.id)) return;
      pending.set(subject.id, n);
      // Only a subject that existed before this import can already have an outcome.
      if (!subject.fresh) earlier.push(subject.id);
    });
    for (const part of chunks(earlier, LOOKUP_CHUNK)) {
      const existing: Array<{ subjectId: string }> = await em.createQueryBuilder().select('x.subject_id', 'subjectId')
        .from(Outcome, 'x').where('x.subject_id IN (:...part)', { part }).getRawMany();
      for (const { subjectId } of existing) {
        this.withOutcome.add(subjectId);
        pending.delete(subjectId);
      }
    }
    const { at, createdBy } = this.context;
    const outcomes: Array<QueryDeepPartialEntity<Outcome>> = [];
    const entries: Array<QueryDeepPartialEntity<BarredListEntry>> = [];
    for (const [subjectId, n] of pending) {
      const row = rows[n];
      const outcome = row.outcome!;
      const id = sequentialId();
      const investigationId = found[n].investigation.id;
      const { officerId } = found[n];
      this.withOutcome.add(subjectId);
      outcomes.push({
        id, sourceKey: `${row.investigation.key}/${row.officer.serviceNumber}`.slice(0, 120),
        subjectId, investigationId, officerId, rationale: null, type: outcome.type, sanction: outcome.sanction,
        learningOutcome: outcome.learningOutcome, hearingType: outcome.hearingType, decidedOn: outcome.decidedOn,
        decidedBy: outcome.decidedBy, regime: outcome.regime, sourceOutcome: outcome.sourceOutcome,
      });
      const barring = importedBarringTerms(outcome);
      if (barring) {
        const { givenName, familyName, force, serviceNumber } = row.officer;
        entries.push(BarredListEntry.for(
          { id: officerId, givenName, familyName, force, serviceNumber }, { id, investigationId }, barring, createdBy, at, sequentialId(),
        ));
      }
    }
    await insertMany(em, Outcome, outcomes, this.bookkeeping);
    await insertMany(em, BarredListEntry, entries);
    this.created.outcomes += outcomes.length;
    this.created.barredListEntries += entries.length;
  }

  private async findBySourceKey(em: EntityManager, entity: EntityTarget<ObjectLiteral>, keys: string[]): Promise<Array<{ id: string; key: string }>> {
    const found: Array<{ id: string; key: string }> = [];
    for (const part of chunks(keys, LOOKUP_CHUNK)) {
      found.push(...await em.createQueryBuilder().select('x.id', 'id').addSelect('x.source_key', 'key').from(entity, 'x')
        .where('x.source = :source AND x.source_key IN (:...part)', { source: this.context.source, part }).getRawMany());
    }
    return found;
  }
}

const officerKey = (officer: Pick<ImportRow['officer'], 'force' | 'serviceNumber'>) => `${officer.force}\u0000${officer.serviceNumber}`;

/** Rows per multi-row INSERT on PostgreSQL: a steady size, so the statement text repeats. */
const ROWS_PER_INSERT = 250;

/** The better-sqlite3 statement the transaction's own connection runs (one per table). */
interface SqliteStatement {
  run(...parameters: unknown[]): unknown;
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
const sqliteStatements = new WeakMap<object, Map<string, SqliteStatement>>();

/** Marks a column whose value comes from the row rather than from the shared columns. */
const FROM_ROW = Symbol('from the row');

/**
 * Inserts rows, values converted as TypeORM converts them (booleans, simple-json, dates);
 * a column named in `shared` takes that one value in every row.
 * Built here rather than with the insert query builder, whose per-parameter bookkeeping cost
 * more than the database itself at a million rows. SQLite: one prepared statement per table,
 * run per row on the transaction's connection (better-sqlite3 binds one row's values faster
 * than their share of a long VALUES list). PostgreSQL: multi-row VALUES lists,
 * one round trip per 250 rows.
 */
async function insertMany<T extends ObjectLiteral>(
  em: EntityManager, entity: EntityTarget<T>, values: Array<QueryDeepPartialEntity<T>>, shared: object = {},
): Promise<void> {
  if (!values.length) return;
  const { driver } = em.connection;
  const metadata = em.connection.getMetadata(entity);
  const columns = metadata.columns;
  // Only column types TypeORM converts go through the driver; text and numbers pass as they are.
  const converted = columns.map((c) => Boolean(c.transformer) || ['boolean', 'simple-json', 'json', 'date', 'datetime', 'time', Boolean, Date].includes(c.type as never));
  const parameterOf = (raw: unknown, i: number) =>
    raw === undefined || raw === null ? null : converted[i] ? driver.preparePersistentValue(raw, columns[i]) : raw;
  const sharedParameters = columns.map((c, i) => (Object.hasOwn(shared, c.propertyName)
    ? parameterOf((shared as Record<string, unknown>)[c.propertyName], i) : FROM_ROW));
  const parametersOf = (value: QueryDeepPartialEntity<T>, into: unknown[]) => {
    for (let i = 0; i < columns.length; i += 1) {
      const fixed = sharedParameters[i];
      if (fixed !== FROM_ROW) {
        into.push(fixed);
        continue;
      }
      const raw = (value as Record<string, unknown>)[columns[i].propertyName];
      into.push(raw === undefined || raw === null ? null : converted[i] ? driver.preparePersistentValue(raw, columns[i]) : raw);
    }
    return into;
  };
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  const row = `(${columns.map(() => '?').join(', ')})`;

  if (em.connection.options.type === 'better-sqlite3') {
    const connection = await em.queryRunner!.connect() as SqliteConnection;
    const statements = sqliteStatements.get(connection) ?? new Map<string, SqliteStatement>();
    sqliteStatements.set(connection, statements);
    const sql = head + row;
    let statement = statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      statements.set(sql, statement);
    }
    const parameters: unknown[] = [];
    for (const value of values) {
      parameters.length = 0;
      statement.run(...parametersOf(value, parameters));
    }
    return;
  }

  const rowsPerInsert = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns.length)));
  for (const part of chunks(values, rowsPerInsert)) {
    const parameters: unknown[] = [];
    const tuples: string[] = [];
    for (const value of part) {
      parametersOf(value, parameters);
      tuples.push(row);
    }
    await em.query(numberedPlaceholders(head + tuples.join(', ')), parameters);
  }
}
