/**
 * What each export holds: its tables, its columns (header = JSON key = CSV header) and the
 * filters that apply to it. Columns are listed explicitly, so nothing reaches an export by
 * accident: complainant personal data (name, contact, anonymity, complainant attributes)
 * and the complaint summary (the complainant's own account) have no column here at all.
 */
export const EXPORT_DATASETS = ['investigations', 'complaints', 'subjects', 'allegations', 'outcomes', 'recommendations', 'barred-list'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Filters shared with the reports; each dataset accepts those that make sense for it. */
export const EXPORT_FILTERS = [
  'openedFrom', 'openedTo', 'decidedFrom', 'decidedTo', 'station', 'unit', 'operation', 'mode',
  'category', 'finding', 'outcomeType', 'sanction', 'responseStatus',
] as const;
export type ExportFilterName = (typeof EXPORT_FILTERS)[number];
export type ExportFilters = Partial<Record<ExportFilterName, string>>;

/** `day`: a `date` column, which PostgreSQL's driver hands over as a Date and SQLite as text. */
export type ValueKind = 'text' | 'day';

export interface ExportColumn {
  header: string;
  /** SQL expression over the dataset's aliases. */
  sql: string;
  kind?: ValueKind;
  /**
   * Officer identity. With `pseudonymise=true`, the officer id becomes a stable pseudonym and
   * the identifying columns (names, service number) are left out of the export.
   */
  officer?: 'id' | 'identity';
}

export interface ExportJoin {
  table: string;
  alias: string;
  on: string;
  /** LEFT JOIN: the row is exported even when there is nothing to join (a complaint with no case yet). */
  optional?: boolean;
  /** Joined only for these filters (no column needs it): one table fewer to read per row otherwise. */
  onlyFor?: ExportFilterName[];
}

export interface DatasetSpec {
  table: string;
  alias: string;
  joins: ExportJoin[];
  columns: ExportColumn[];
  /** Archived rows are left out unless includeArchived=true (as in the lists). */
  archivedColumn?: string;
  /** SQL condition per accepted filter; `:value` is the filter's value. */
  filters: Partial<Record<ExportFilterName, string>>;
}

const investigation: ExportJoin = { table: 'investigations', alias: 'i', on: 'i.id = x.investigation_id' };
const subject: ExportJoin = { table: 'subjects', alias: 's', on: 's.id = x.subject_id', onlyFor: ['unit'] };
const officer: ExportJoin = { table: 'officers', alias: 'o', on: 'o.id = x.officer_id' };

/** Filters on the investigation a record belongs to (alias `i`). */
const caseFilters = {
  openedFrom: 'i.opened_on >= :value',
  openedTo: 'i.opened_on <= :value',
  station: 'i.station = :value',
  operation: 'i.operation = :value',
  mode: 'i.mode = :value',
} as const;
/** The officer's unit at the time of the conduct where recorded, else their current unit (`s` = subject). */
const unitFilter = (s = 's') => ({ unit: `COALESCE(${s}.unit_at_time, o.unit) = :value` });

const recordTail = (a: string): ExportColumn[] => [
  { header: 'source', sql: `${a}.source` },
  { header: 'sourceKey', sql: `${a}.source_key` },
  { header: 'createdAt', sql: `${a}.created_at` },
  { header: 'updatedAt', sql: `${a}.updated_at` },
  { header: 'archivedAt', sql: `${a}.archived_at` },
];
const caseColumns: ExportColumn[] = [
  { header: 'investigationId', sql: 'x.investigation_id' },
  { header: 'investigationReference', sql: 'i.reference' },
];
const officerColumns: ExportColumn[] = [
  { header: 'officerId', sql: 'x.officer_id', officer: 'id' },
  { header: 'officerForce', sql: 'o.force' },
  { header: 'officerServiceNumber', sql: 'o.service_number', officer: 'identity' },
  { header: 'officerGivenName', sql: 'o.given_name', officer: 'identity' },
  { header: 'officerFamilyName', sql: 'o.family_name', officer: 'identity' },
];

export const DATASETS: Record<ExportDataset, DatasetSpec> = {
  investigations: {
    table: 'investigations', alias: 'i', joins: [], archivedColumn: 'i.archived_at',
    columns: [
      { header: 'id', sql: 'i.id' },
      { header: 'reference', sql: 'i.reference' },
      { header: 'title', sql: 'i.title' },
      { header: 'mode', sql: 'i.mode' },
      { header: 'origin', sql: 'i.origin' },
      { header: 'operation', sql: 'i.operation' },
      { header: 'status', sql: 'i.status' },
      { header: 'leadInvestigatorId', sql: 'i.lead_investigator_id' },
      { header: 'station', sql: 'i.station' },
      { header: 'location', sql: 'i.location' },
      { header: 'conductFrom', sql: 'i.conduct_from', kind: 'day' },
      { header: 'conductTo', sql: 'i.conduct_to', kind: 'day' },
      { header: 'openedOn', sql: 'i.opened_on', kind: 'day' },
      { header: 'closedOn', sql: 'i.closed_on', kind: 'day' },
      { header: 'summary', sql: 'i.summary' },
      ...recordTail('i'),
    ],
    filters: caseFilters,
  },
  complaints: {
    table: 'complaints', alias: 'x', joins: [{ ...investigation, optional: true }], archivedColumn: 'x.archived_at',
    columns: [
      { header: 'id', sql: 'x.id' },
      { header: 'reference', sql: 'x.reference' },
      { header: 'receivedOn', sql: 'x.received_on', kind: 'day' },
      { header: 'channel', sql: 'x.channel' },
      { header: 'status', sql: 'x.status' },
      ...caseColumns,
      ...recordTail('x'),
    ],
    filters: caseFilters,
  },
  subjects: {
    table: 'subjects', alias: 'x', joins: [investigation, officer], archivedColumn: 'x.archived_at',
    columns: [
      { header: 'id', sql: 'x.id' },
      ...caseColumns,
      ...officerColumns,
      { header: 'rankAtTime', sql: 'x.rank_at_time' },
      { header: 'unitAtTime', sql: 'x.unit_at_time' },
      ...recordTail('x'),
    ],
    filters: { ...caseFilters, ...unitFilter('x') },
  },
  allegations: {
    table: 'allegations', alias: 'x', joins: [investigation, subject, officer], archivedColumn: 'x.archived_at',
    columns: [
      { header: 'id', sql: 'x.id' },
      ...caseColumns,
      { header: 'subjectId', sql: 'x.subject_id' },
      ...officerColumns,
      { header: 'category', sql: 'x.category' },
      { header: 'standard', sql: 'x.standard' },
      { header: 'severity', sql: 'x.severity' },
      { header: 'caseToAnswer', sql: 'x.case_to_answer' },
      { header: 'finding', sql: 'x.finding' },
      { header: 'detail', sql: 'x.detail' },
      { header: 'allegedOn', sql: 'x.alleged_on', kind: 'day' },
      { header: 'sourceCategory', sql: 'x.source_category' },
      { header: 'sourceFinding', sql: 'x.source_finding' },
      ...recordTail('x'),
    ],
    filters: { ...caseFilters, ...unitFilter(), category: 'x.category = :value', finding: 'x.finding = :value' },
  },
  outcomes: {
    table: 'outcomes', alias: 'x', joins: [investigation, subject, officer], archivedColumn: 'x.archived_at',
    columns: [
      { header: 'id', sql: 'x.id' },
      ...caseColumns,
      { header: 'subjectId', sql: 'x.subject_id' },
      ...officerColumns,
      { header: 'type', sql: 'x.type' },
      { header: 'sanction', sql: 'x.sanction' },
      { header: 'learningOutcome', sql: 'x.learning_outcome' },
      { header: 'hearingType', sql: 'x.hearing_type' },
      { header: 'decidedOn', sql: 'x.decided_on', kind: 'day' },
      { header: 'decidedBy', sql: 'x.decided_by' },
      { header: 'rationale', sql: 'x.rationale' },
      { header: 'regime', sql: 'x.regime' },
      { header: 'sourceOutcome', sql: 'x.source_outcome' },
      ...recordTail('x'),
    ],
    filters: {
      ...caseFilters, ...unitFilter(),
      decidedFrom: 'x.decided_on >= :value', decidedTo: 'x.decided_on <= :value',
      outcomeType: 'x.type = :value', sanction: 'x.sanction = :value',
    },
  },
  recommendations: {
    table: 'recommendations', alias: 'x', joins: [investigation], archivedColumn: 'x.archived_at',
    columns: [
      { header: 'id', sql: 'x.id' },
      ...caseColumns,
      { header: 'number', sql: 'x.number' },
      { header: 'text', sql: 'x.text' },
      { header: 'recipient', sql: 'x.recipient' },
      { header: 'issuedOn', sql: 'x.issued_on', kind: 'day' },
      { header: 'responseDueOn', sql: 'x.response_due_on', kind: 'day' },
      { header: 'dueExtensionReason', sql: 'x.due_extension_reason' },
      { header: 'responseStatus', sql: 'x.response_status' },
      { header: 'responseText', sql: 'x.response_text' },
      { header: 'respondedOn', sql: 'x.responded_on', kind: 'day' },
      { header: 'implementationStatus', sql: 'x.implementation_status' },
      { header: 'implementationEvidence', sql: 'x.implementation_evidence' },
      ...recordTail('x'),
    ],
    filters: { ...caseFilters, responseStatus: 'x.response_status = :value' },
  },
  'barred-list': {
    // Entries are never archived: a removed entry stays, with removedOn and its reason.
    table: 'barred_list_entries', alias: 'x', joins: [
      investigation, officer,
      { table: 'outcomes', alias: 'oc', on: 'oc.id = x.outcome_id', onlyFor: ['decidedFrom', 'decidedTo', 'unit'] },
      { table: 'subjects', alias: 's', on: 's.id = oc.subject_id', onlyFor: ['unit'] },
    ],
    columns: [
      { header: 'id', sql: 'x.id' },
      ...caseColumns,
      { header: 'outcomeId', sql: 'x.outcome_id' },
      { header: 'officerId', sql: 'x.officer_id', officer: 'id' },
      { header: 'force', sql: 'x.force' },
      { header: 'serviceNumber', sql: 'x.service_number', officer: 'identity' },
      { header: 'givenName', sql: 'x.given_name', officer: 'identity' },
      { header: 'familyName', sql: 'x.family_name', officer: 'identity' },
      { header: 'addedOn', sql: 'x.added_on', kind: 'day' },
      { header: 'reason', sql: 'x.reason' },
      { header: 'reviewEligibleOn', sql: 'x.review_eligible_on', kind: 'day' },
      { header: 'removedOn', sql: 'x.removed_on', kind: 'day' },
      { header: 'removalReason', sql: 'x.removal_reason' },
      { header: 'createdAt', sql: 'x.created_at' },
    ],
    filters: { ...caseFilters, ...unitFilter(), decidedFrom: 'oc.decided_on >= :value', decidedTo: 'oc.decided_on <= :value' },
  },
};
