import { AllegationCategory, CaseToAnswer, Finding, ProfessionalStandard, Severity } from '../../allegations/allegation.enums.js';
import { brokenFindingRules } from '../../allegations/finding-rules.js';
import { ComplaintChannel, ComplaintStatus } from '../../complaints/complaint.enums.js';
import { RuleViolationError } from '../../common/errors/domain-errors.js';
import { InvestigationMode, InvestigationOrigin, InvestigationStatus } from '../../investigations/investigation.enums.js';
import { assertInvestigationRules, REGIME_2020_STARTS } from '../../investigations/investigation-rules.js';
import { EmploymentStatus } from '../../officers/officer.enums.js';
import { ConductRegime, HearingType, LearningOutcome, OutcomeType, Sanction } from '../../outcomes/outcome.enums.js';
import type { ImportFormat, ImportRow } from '../import-row.js';
import { RowError } from '../row-error.js';
import type { Cells } from './cells.js';
import { impliedCaseToAnswer } from './ccrb.format.js';

/** Probity's own CSV: one row per allegation (docs/import-format.md). */
export const PROBITY_REQUIRED_COLUMNS = [
  'investigation_key', 'investigation_title', 'investigation_mode', 'investigation_origin', 'investigation_opened_on',
  'officer_force', 'officer_service_number', 'officer_given_name', 'officer_family_name',
  'allegation_key', 'category', 'severity', 'finding',
] as const;

export const PROBITY_OPTIONAL_COLUMNS = [
  'investigation_status', 'investigation_closed_on', 'station', 'operation', 'investigation_summary',
  'complaint_key', 'complaint_received_on', 'complaint_channel',
  'officer_rank', 'officer_unit', 'officer_station', 'officer_employment_status', 'rank_at_time', 'unit_at_time',
  'standard', 'case_to_answer', 'detail', 'alleged_on', 'source_category', 'source_finding',
  'outcome_type', 'outcome_sanction', 'outcome_learning', 'outcome_hearing', 'outcome_decided_on', 'outcome_decided_by',
  'outcome_regime', 'source_outcome',
] as const;

const values = <T extends string>(e: Record<string, T>) => Object.values(e);
const OUTCOME_DETAIL_COLUMNS = ['outcome_sanction', 'outcome_learning', 'outcome_hearing', 'outcome_decided_on', 'outcome_decided_by', 'outcome_regime', 'source_outcome'];

function investigationOf(cells: Cells): ImportRow['investigation'] {
  const status = cells.oneOf('investigation_status', values(InvestigationStatus), InvestigationStatus.Open);
  const investigation = {
    key: cells.required('investigation_key', 64),
    title: cells.required('investigation_title', 200),
    mode: cells.oneOf('investigation_mode', values(InvestigationMode)),
    origin: cells.oneOf('investigation_origin', values(InvestigationOrigin)),
    status,
    station: cells.optional('station', 120),
    operation: cells.optional('operation', 120),
    openedOn: cells.day('investigation_opened_on'),
    closedOn: cells.optionalDay('investigation_closed_on'),
    summary: cells.optional('investigation_summary', 20000),
  };
  if (status === InvestigationStatus.Closed && !investigation.closedOn) throw new RowError('a closed investigation needs investigation_closed_on');
  if (investigation.closedOn && investigation.closedOn < investigation.openedOn) {
    throw new RowError(`investigation_closed_on ${investigation.closedOn} is before investigation_opened_on ${investigation.openedOn}`);
  }
  try {
    assertInvestigationRules({ ...investigation, conductFrom: null, conductTo: null });
  } catch (error) {
    if (error instanceof RuleViolationError) throw new RowError(error.message);
    throw error;
  }
  return investigation;
}

function complaintOf(cells: Cells): ImportRow['complaint'] {
  const key = cells.optional('complaint_key', 120);
  if (key === null) return null;
  return {
    key,
    receivedOn: cells.day('complaint_received_on'),
    channel: cells.oneOf('complaint_channel', values(ComplaintChannel), ComplaintChannel.PublicComplaint),
    status: ComplaintStatus.ReferredForInvestigation,
    complainantAttributes: null,
  };
}

function allegationOf(cells: Cells): ImportRow['allegation'] {
  const finding = cells.oneOf('finding', values(Finding));
  const caseToAnswer = cells.oneOf('case_to_answer', values(CaseToAnswer), impliedCaseToAnswer(finding));
  const broken = brokenFindingRules(caseToAnswer, finding);
  if (broken.length) throw new RowError(broken.join('; '));
  return {
    key: cells.required('allegation_key', 120),
    category: cells.oneOf('category', values(AllegationCategory)),
    standard: cells.optionalOneOf('standard', values(ProfessionalStandard)),
    severity: cells.oneOf('severity', values(Severity)),
    caseToAnswer,
    finding,
    detail: cells.optional('detail', 20000),
    allegedOn: cells.optionalDay('alleged_on'),
    sourceCategory: cells.optional('source_category', 200),
    sourceFinding: cells.optional('source_finding', 200),
  };
}

function outcomeOf(cells: Cells, openedOn: string): ImportRow['outcome'] {
  if (cells.optional('outcome_type', 40) === null) {
    const stray = OUTCOME_DETAIL_COLUMNS.find((column) => cells.optional(column, 20000) !== null);
    if (stray) throw new RowError(`${stray} is given without outcome_type`);
    return null;
  }
  return {
    type: cells.oneOf('outcome_type', values(OutcomeType)),
    sanction: cells.optionalOneOf('outcome_sanction', values(Sanction)),
    learningOutcome: cells.optionalOneOf('outcome_learning', values(LearningOutcome)),
    hearingType: cells.optionalOneOf('outcome_hearing', values(HearingType)),
    decidedOn: cells.day('outcome_decided_on'),
    decidedBy: cells.optional('outcome_decided_by', 200),
    regime: cells.oneOf('outcome_regime', values(ConductRegime), openedOn >= REGIME_2020_STARTS ? ConductRegime.Regs2020 : ConductRegime.Regs2012),
    sourceOutcome: cells.optional('source_outcome', 200),
  };
}

export const probityFormat: ImportFormat = {
  name: 'probity',
  source: 'probity',
  requiredColumns: PROBITY_REQUIRED_COLUMNS,
  optionalColumns: PROBITY_OPTIONAL_COLUMNS,
  hasOutcomes: true,
  repeatedRowsAreDistinct: false,

  parse(cells, line): ImportRow {
    const investigation = investigationOf(cells);
    return {
      line,
      officer: {
        force: cells.required('officer_force', 100),
        serviceNumber: cells.required('officer_service_number', 40),
        givenName: cells.required('officer_given_name', 100),
        familyName: cells.required('officer_family_name', 100),
        rank: cells.optional('officer_rank', 60),
        unit: cells.optional('officer_unit', 120),
        station: cells.optional('officer_station', 120),
        employmentStatus: cells.oneOf('officer_employment_status', values(EmploymentStatus), EmploymentStatus.Serving),
        sourceAttributes: null,
      },
      investigation,
      complaint: complaintOf(cells),
      subject: {
        rankAtTime: cells.optional('rank_at_time', 60) ?? cells.optional('officer_rank', 60),
        unitAtTime: cells.optional('unit_at_time', 120) ?? cells.optional('officer_unit', 120),
      },
      allegation: allegationOf(cells),
      outcome: outcomeOf(cells, investigation.openedOn),
    };
  },
};
