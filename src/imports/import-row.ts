import type { AllegationCategory, CaseToAnswer, Finding, ProfessionalStandard, Severity } from '../allegations/allegation.enums.js';
import type { ComplaintChannel, ComplaintStatus } from '../complaints/complaint.enums.js';
import type { InvestigationMode, InvestigationOrigin, InvestigationStatus } from '../investigations/investigation.enums.js';
import type { EmploymentStatus } from '../officers/officer.enums.js';
import type { ConductRegime, HearingType, LearningOutcome, OutcomeType, Sanction } from '../outcomes/outcome.enums.js';
import type { Cells } from './formats/cells.js';

/**
 * One allegation row of an import file, whatever its format, in Probity's terms. Officers are
 * found by force and service number; investigations, complaints and allegations by their
 * key in the source, stored as (source, source_key) so a re-run finds them again.
 */
export interface ImportRow {
  /** Line of the file where the row starts (the header is line 1). */
  line: number;
  officer: {
    force: string;
    serviceNumber: string;
    givenName: string;
    familyName: string;
    rank: string | null;
    unit: string | null;
    station: string | null;
    employmentStatus: EmploymentStatus;
    sourceAttributes: Record<string, string> | null;
  };
  investigation: {
    key: string;
    title: string;
    mode: InvestigationMode;
    origin: InvestigationOrigin;
    status: InvestigationStatus;
    station: string | null;
    operation: string | null;
    openedOn: string;
    closedOn: string | null;
    summary: string | null;
  };
  complaint: {
    key: string;
    receivedOn: string;
    channel: ComplaintChannel;
    status: ComplaintStatus;
    /** Complainant details (personal data: never exported). */
    complainantAttributes: Record<string, string> | null;
  } | null;
  subject: { rankAtTime: string | null; unitAtTime: string | null };
  allegation: {
    /** The allegation's key in the source (see ImportFormat.repeatedRowsAreDistinct). */
    key: string;
    category: AllegationCategory;
    standard: ProfessionalStandard | null;
    severity: Severity;
    caseToAnswer: CaseToAnswer;
    finding: Finding;
    detail: string | null;
    allegedOn: string | null;
    sourceCategory: string | null;
    sourceFinding: string | null;
  };
  /** The subject's outcome, if the source has one (one per officer per investigation). */
  outcome: {
    type: OutcomeType;
    sanction: Sanction | null;
    learningOutcome: LearningOutcome | null;
    hearingType: HearingType | null;
    decidedOn: string;
    decidedBy: string | null;
    regime: ConductRegime;
    sourceOutcome: string | null;
  } | null;
}

export const IMPORT_FORMATS = ['probity', 'ccrb'] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];

export interface ImportFormat {
  name: ImportFormatName;
  /** Stored in the records' `source` column. */
  source: string;
  /** Header columns that must be there (in any order). */
  requiredColumns: readonly string[];
  /** Columns that may be left out; any other column is refused, so a misspelt one is not silently lost. */
  optionalColumns: readonly string[];
  /**
   * CCRB: identical rows are separate allegations, so an allegation's source key is its
   * key plus the occurrence of that exact row (…/0, …/1). Probity: keys are unique, and a
   * repeated key is refused.
   */
  repeatedRowsAreDistinct: boolean;
  /** Rows may carry their subject's outcome (checked against the conduct rules over all the subject's rows). */
  hasOutcomes: boolean;
  /** One record into a row; throws RowError for a bad one. */
  parse(cells: Cells, line: number): ImportRow;
}
