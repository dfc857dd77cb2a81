import { hash } from 'node:crypto';
import { AllegationCategory, CaseToAnswer, Finding, Severity } from '../../allegations/allegation.enums.js';
import { ComplaintChannel, ComplaintStatus } from '../../complaints/complaint.enums.js';
import { InvestigationMode, InvestigationOrigin, InvestigationStatus } from '../../investigations/investigation.enums.js';
import { EmploymentStatus } from '../../officers/officer.enums.js';
import type { ImportFormat, ImportRow } from '../import-row.js';
import { RowError } from '../row-error.js';
import type { Cells } from './cells.js';

/**
 * The NYC Civilian Complaint Review Board allegations export as republished by ProPublica:
 * one row per allegation against one officer (member of service, "MOS") in one complaint.
 * docs/import-format.md documents the mapping.
 */
export const CCRB_COLUMNS = [
  'unique_mos_id', 'first_name', 'last_name', 'command_now', 'shield_no', 'complaint_id', 'month_received', 'year_received',
  'month_closed', 'year_closed', 'command_at_incident', 'rank_abbrev_incident', 'rank_abbrev_now', 'rank_now', 'rank_incident',
  'mos_ethnicity', 'mos_gender', 'mos_age_incident', 'complainant_ethnicity', 'complainant_gender', 'complainant_age_incident',
  'fado_type', 'allegation', 'precinct', 'contact_reason', 'outcome_description', 'board_disposition',
] as const;

export const CCRB_FORCE = 'NYPD';

/** FADO: Force, Abuse of authority, Discourtesy, Offensive language. */
export const CCRB_CATEGORIES: Record<string, AllegationCategory> = {
  'force': AllegationCategory.UseOfForce,
  'abuse of authority': AllegationCategory.AbuseOfPosition,
  'discourtesy': AllegationCategory.DiscourtesyOrOffensiveLanguage,
  // CCRB "offensive language" is slurs about race, religion, gender, sexuality or disability.
  'offensive language': AllegationCategory.DiscriminatoryBehaviour,
};

/** Board dispositions other than "Substantiated (…)", lower-cased, by finding. */
const DISPOSITIONS: Record<string, Finding> = {
  'exonerated': Finding.Exonerated,
  'within nypd guidelines': Finding.Exonerated,
  'unsubstantiated': Finding.NotProven,
  'unable to determine': Finding.NotProven,
  'unfounded': Finding.Unfounded,
  'closed - pending litigation': Finding.Pending,
  'complaint withdrawn': Finding.Withdrawn,
  'complainant uncooperative': Finding.Withdrawn,
  'complainant unavailable': Finding.Withdrawn,
  'alleged victim uncooperative': Finding.Withdrawn,
  'alleged victim unavailable': Finding.Withdrawn,
  'victim unidentified': Finding.Withdrawn,
  'officer unidentified': Finding.Withdrawn,
  'officer(s) unidentified': Finding.Withdrawn,
  'unable to investigate': Finding.Withdrawn,
};

/**
 * The board's disposition as a finding: "Substantiated (…)" is proven whatever the
 * recommended discipline in brackets; "Miscellaneous …" (the officer left, and the like)
 * ended the case without a finding, so it is withdrawn. The original text is kept too.
 */
export function ccrbFinding(disposition: string): Finding {
  const text = disposition.trim().replace(/\s+/g, ' ').toLowerCase();
  if (/^substantiated\b/.test(text)) return Finding.Proven;
  if (/^miscellaneous\b/.test(text)) return Finding.Withdrawn;
  const finding = DISPOSITIONS[text];
  if (!finding) {
    throw new RowError(`board_disposition "${disposition}" is not a known disposition (Substantiated (…), Exonerated, Unsubstantiated, Unfounded, Miscellaneous…, Closed - Pending Litigation, …)`);
  }
  return finding;
}

/** Probity's case-to-answer stage implied by a finding reached elsewhere. */
export function impliedCaseToAnswer(finding: Finding): CaseToAnswer {
  if (finding === Finding.Pending) return CaseToAnswer.Pending;
  return finding === Finding.Proven ? CaseToAnswer.Yes : CaseToAnswer.No;
}

const firstOfMonth = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;

function monthOf(cells: Cells, monthColumn: string, yearColumn: string): string | null {
  const month = cells.optionalInteger(monthColumn, 1, 12);
  const year = cells.optionalInteger(yearColumn, 1900, 2100);
  if (month === null && year === null) return null;
  if (month === null || year === null) throw new RowError(`${monthColumn} and ${yearColumn} must be given together`);
  return firstOfMonth(year, month);
}

/** Fingerprints by text already hashed: CCRB's allegation texts come from a short list. Bounded, for files of free text. */
const fingerprints = new Map<string, string>();
const MAX_FINGERPRINTS = 10_000;

/**
 * The allegation's part of its key. Stable across releases: the allegation itself, not
 * officer details that change (command, rank).
 */
function fingerprint(fado: string, allegationText: string | null): string {
  const text = `${fado}\u0001${allegationText ?? ''}`;
  let value = fingerprints.get(text);
  if (value === undefined) {
    value = hash('sha256', text, 'hex').slice(0, 16);
    if (fingerprints.size >= MAX_FINGERPRINTS) fingerprints.clear();
    fingerprints.set(text, value);
  }
  return value;
}

export const ccrbFormat: ImportFormat = {
  name: 'ccrb',
  source: 'ccrb',
  requiredColumns: CCRB_COLUMNS,
  optionalColumns: [],
  hasOutcomes: false,
  repeatedRowsAreDistinct: true,

  parse(cells, line): ImportRow {
    const complaintId = cells.required('complaint_id', 40);
    const mosId = cells.required('unique_mos_id', 40);
    const fado = cells.required('fado_type', 200);
    const category = CCRB_CATEGORIES[fado.toLowerCase()];
    if (!category) throw new RowError(`fado_type "${fado}" is not one of: Force, Abuse of Authority, Discourtesy, Offensive Language`);
    const disposition = cells.required('board_disposition', 200);
    const finding = ccrbFinding(disposition);
    const allegationText = cells.optional('allegation', 5000);

    // Months only: a complaint received in March 2019 is dated 2019-03-01.
    const receivedOn = monthOf(cells, 'month_received', 'year_received');
    if (receivedOn === null) throw new RowError('month_received and year_received are empty');
    const closedOn = monthOf(cells, 'month_closed', 'year_closed');
    if (closedOn !== null && closedOn < receivedOn) throw new RowError(`closed (${closedOn.slice(0, 7)}) before it was received (${receivedOn.slice(0, 7)})`);

    const encounter = [
      ['Contact reason', cells.optional('contact_reason', 500)],
      ['Encounter outcome', cells.optional('outcome_description', 500)],
    ].filter(([, value]) => value !== null).map(([label, value]) => `${label}: ${value}.`);

    return {
      line,
      officer: {
        force: CCRB_FORCE,
        serviceNumber: mosId,
        givenName: cells.required('first_name', 100),
        familyName: cells.required('last_name', 100),
        rank: cells.optional('rank_now', 60),
        unit: cells.optional('command_now', 120),
        station: null,
        employmentStatus: EmploymentStatus.Serving,
        // Shield numbers are reused and often 0: an attribute, never a key.
        sourceAttributes: cells.attributes(['shield_no', 'rank_abbrev_now', 'mos_ethnicity', 'mos_gender']),
      },
      investigation: {
        key: complaintId,
        title: `CCRB complaint ${complaintId}`,
        mode: InvestigationMode.Independent,
        origin: InvestigationOrigin.Complaint,
        status: closedOn ? InvestigationStatus.Closed : InvestigationStatus.Investigating,
        station: cells.optional('precinct', 120),
        operation: null,
        openedOn: receivedOn,
        closedOn,
        summary: encounter.length ? encounter.join(' ') : null,
      },
      complaint: {
        key: complaintId,
        receivedOn,
        channel: ComplaintChannel.PublicComplaint,
        status: ComplaintStatus.ReferredForInvestigation,
        complainantAttributes: cells.attributes(
          ['complainant_ethnicity', 'complainant_gender', 'complainant_age_incident'],
          { complainant_ethnicity: 'ethnicity', complainant_gender: 'gender', complainant_age_incident: 'age_at_incident' },
        ),
      },
      subject: {
        rankAtTime: cells.optional('rank_incident', 60),
        unitAtTime: cells.optional('command_at_incident', 120),
      },
      allegation: {
        key: `${complaintId}/${mosId}/${fingerprint(fado, allegationText)}`,
        category,
        standard: null,
        severity: Severity.Misconduct,
        caseToAnswer: impliedCaseToAnswer(finding),
        finding,
        detail: allegationText,
        allegedOn: null,
        sourceCategory: fado,
        sourceFinding: disposition,
      },
      outcome: null,
    };
  },
};
