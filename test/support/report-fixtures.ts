/**
 * Fixture rows for the report tests, written straight into the database (inside
 * UnitOfWork.run, as every write must be) so that each count a report gives can be worked out
 * by hand from the rows listed in the test. Defaults are neutral; pass what the test counts.
 *
 *   const f = new ReportFixtures(t);
 *   const inv = await f.investigation({ openedOn: '2024-01-10', status: InvestigationStatus.Open });
 *   const subject = await f.subject(inv, await f.officer({ unit: 'TP' }));
 *   await f.allegation(subject, { category: AllegationCategory.UseOfForce });
 */
import { randomUUID } from 'node:crypto';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { Allegation } from '../../src/allegations/allegation.entity.js';
import { AllegationCategory, CaseToAnswer, Finding, Severity } from '../../src/allegations/allegation.enums.js';
import { Subject } from '../../src/allegations/subject.entity.js';
import { BarredListEntry } from '../../src/barred-list/barred-list-entry.entity.js';
import { Complaint } from '../../src/complaints/complaint.entity.js';
import { newRecordColumns } from '../../src/common/records/record-columns.js';
import { ComplaintChannel, ComplaintStatus } from '../../src/complaints/complaint.enums.js';
import { UnitOfWork } from '../../src/database/unit-of-work.js';
import { Investigation } from '../../src/investigations/investigation.entity.js';
import { InvestigationMode, InvestigationOrigin, InvestigationStatus } from '../../src/investigations/investigation.enums.js';
import { TeamMember } from '../../src/investigations/team-member.entity.js';
import { Officer } from '../../src/officers/officer.entity.js';
import { EmploymentStatus } from '../../src/officers/officer.enums.js';
import { Outcome } from '../../src/outcomes/outcome.entity.js';
import { ConductRegime, OutcomeType, Sanction } from '../../src/outcomes/outcome.enums.js';
import { Recommendation } from '../../src/recommendations/recommendation.entity.js';
import { ImplementationStatus, ResponseStatus } from '../../src/recommendations/recommendation.enums.js';
import type { TestApp } from './test-app.js';

const STAMP = '2024-01-01T00:00:00.000Z';

/** The columns every case record carries, live and not imported. */
const record = () => newRecordColumns(null, STAMP);

export class ReportFixtures {
  private sequence = 0;
  private readonly recommendationNumbers = new Map<string, number>();

  constructor(private readonly t: TestApp) {}

  officer(overrides: Partial<Officer> = {}): Promise<Officer> {
    const n = ++this.sequence;
    return this.insert<Officer>(Officer, {
      ...record(), force: 'Test Force', serviceNumber: `RF-${n}-${randomUUID().slice(0, 6)}`, givenName: 'Given', familyName: `Family${n}`,
      rank: 'PC', unit: null, station: null, employmentStatus: EmploymentStatus.Serving, joinedOn: null, leftOn: null, sourceAttributes: null,
      ...overrides,
    });
  }

  investigation(overrides: Partial<Investigation> = {}): Promise<Investigation> {
    const n = ++this.sequence;
    return this.insert<Investigation>(Investigation, {
      ...record(), reference: `INV-T-${String(n).padStart(6, '0')}`, title: `Report fixture ${n}`, mode: InvestigationMode.Local,
      origin: InvestigationOrigin.ConductMatter, operation: null, status: InvestigationStatus.Open, leadInvestigatorId: null,
      station: null, location: null, conductFrom: null, conductTo: null, summary: null, openedOn: '2024-01-01', closedOn: null, suspendedFrom: null,
      ...overrides,
    });
  }

  async teamMember(investigation: Investigation, userId: string): Promise<void> {
    await this.insert<TeamMember>(TeamMember, { investigationId: investigation.id, userId, addedAt: STAMP, addedBy: null });
  }

  complaint(overrides: Partial<Complaint> = {}): Promise<Complaint> {
    const n = ++this.sequence;
    return this.insert<Complaint>(Complaint, {
      ...record(), reference: `CMP-T-${String(n).padStart(6, '0')}`, receivedOn: '2024-01-01', channel: ComplaintChannel.PublicComplaint,
      status: ComplaintStatus.Received, summary: null, investigationId: null, complainantAnonymous: true, complainantName: null,
      complainantContact: null, complainantAttributes: null,
      ...overrides,
    });
  }

  subject(investigation: Investigation, officer: Officer, overrides: Partial<Subject> = {}): Promise<Subject> {
    return this.insert<Subject>(Subject, {
      ...record(), investigationId: investigation.id, officerId: officer.id, rankAtTime: null, unitAtTime: null, ...overrides,
    });
  }

  allegation(subject: Subject, overrides: Partial<Allegation> = {}): Promise<Allegation> {
    return this.insert<Allegation>(Allegation, {
      ...record(), subjectId: subject.id, investigationId: subject.investigationId, officerId: subject.officerId,
      category: AllegationCategory.Other, standard: null, severity: Severity.Misconduct, caseToAnswer: CaseToAnswer.Pending,
      finding: Finding.Pending, detail: null, allegedOn: null, sourceCategory: null, sourceFinding: null,
      ...overrides,
    });
  }

  outcome(subject: Subject, overrides: Partial<Outcome> = {}): Promise<Outcome> {
    return this.insert<Outcome>(Outcome, {
      ...record(), subjectId: subject.id, investigationId: subject.investigationId, officerId: subject.officerId,
      type: OutcomeType.NoFurtherAction, sanction: null, learningOutcome: null, hearingType: null, decidedOn: '2024-06-01',
      decidedBy: null, rationale: null, regime: ConductRegime.Regs2020, sourceOutcome: null,
      ...overrides,
    });
  }

  barred(outcome: Outcome, overrides: Partial<BarredListEntry> = {}): Promise<BarredListEntry> {
    return this.insert<BarredListEntry>(BarredListEntry, {
      id: randomUUID(), officerId: outcome.officerId, outcomeId: outcome.id, investigationId: outcome.investigationId,
      givenName: 'Given', familyName: 'Barred', force: 'Test Force', serviceNumber: 'RF-BARRED', addedOn: outcome.decidedOn,
      reason: 'dismissed for gross misconduct', reviewEligibleOn: null, createdAt: STAMP, createdBy: null, removedOn: null, removalReason: null,
      ...overrides,
    });
  }

  recommendation(investigation: Investigation, overrides: Partial<Recommendation> = {}): Promise<Recommendation> {
    const number = (this.recommendationNumbers.get(investigation.id) ?? 0) + 1;
    this.recommendationNumbers.set(investigation.id, number);
    return this.insert<Recommendation>(Recommendation, {
      ...record(), investigationId: investigation.id, number, text: `Recommendation ${number}`, recipient: 'Test Force',
      issuedOn: '2024-01-01', responseDueOn: '2024-02-26', dueExtensionReason: null, responseStatus: ResponseStatus.Pending,
      responseText: null, respondedOn: null, implementationStatus: ImplementationStatus.NotStarted, implementationEvidence: null,
      ...overrides,
    });
  }

  /** Marks a case record archived (as the archive routes do). */
  async archive<T extends { id: string; archivedAt: string | null }>(entity: EntityTarget<T & ObjectLiteral>, row: T): Promise<T> {
    await this.t.app.get(UnitOfWork).run((em) =>
      em.createQueryBuilder().update(entity).set({ archivedAt: STAMP, archiveReason: 'fixture' } as never).where('id = :id', { id: row.id }).execute());
    return { ...row, archivedAt: STAMP };
  }

  private async insert<T extends ObjectLiteral>(entity: EntityTarget<T>, values: T): Promise<T> {
    await this.t.app.get(UnitOfWork).run((em) => em.insert(entity, values as never));
    return values;
  }
}

/** A string put into every complainant field of the world: it must never appear in a report. */
export const COMPLAINANT_MARKER = `ZZ-COMPLAINANT-${randomUUID().slice(0, 8)}`;

/**
 * The world the summary and officer-pattern tests count by hand. Archived rows (†) and rows
 * under an archived parent (‡) must never be counted.
 *
 * Officers: O1 unit TP · O2 TP · O3 Roads · O4 Roads · O5 (no cases)
 *
 * Investigations (opened, status, mode, station, operation, lead):
 *   I1 2023-01-10 closed        independent Charing Cross Hotton  A (investigator A)
 *   I2 2023-06-01 investigating local       Charing Cross —       B
 *   I3 2024-02-15 open          directed    Brixton       Hotton  B (A on the team)
 *   I4 2024-09-01 decision      independent Brixton       —       —
 *   I5 2023-03-01 closed        local       Charing Cross —       A  † archived
 *
 * Subjects (investigation, officer, unit at time): S1 I1 O1 Roads · S2 I1 O2 · S3 I2 O1 ·
 *   S4 I3 O3 · S5 I3 O1 · S6 I4 O4 TP · S7 I4 O2 † · S8 I5 O3 ‡ · S9 I2 O4 · S10 I3 O2
 *
 * Allegations (subject, category, severity, finding, alleged on, source category / finding):
 *   A1  S1 use_of_force                     gross     proven     2022-12-01 Force / Substantiated (Charges)
 *   A2  S1 discriminatory_behaviour         gross     proven     2022-12-05 Abuse of Authority / Substantiated (Charges)
 *   A3  S2 discourtesy_or_offensive_language misconduct proven    —          @Discourtesy, rude "words" / Substantiated (Command Discipline)
 *   A4  S3 use_of_force                     misconduct not_proven 2023-05-20
 *   A5  S4 sexual_misconduct                gross     proven     2024-01-30
 *   A6  S4 use_of_force                     misconduct pending    2024-02-01
 *   A7  S5 use_of_force                     none      pending    —
 *   A8  S6 bullying_or_harassment           misconduct exonerated 2024-08-01 Abuse of Authority / Exonerated
 *   A9  S6 use_of_force                     misconduct unfounded  2024-08-02 Force / Unfounded  † archived
 *   A10 S7 use_of_force                     misconduct pending    2024-08-03  ‡
 *   A11 S8 use_of_force                     misconduct proven     2023-04-01  ‡
 *   A12 S9 dishonesty_or_perverting_justice gross     proven     2023-04-01
 *
 * Outcomes (subject, type, sanction, decided, source): OC1 S1 dismissed 2023-07-10 Terminated ·
 *   OC2 S2 disciplined written_warning 2023-09-01 Command Discipline A · OC3 S3 learning 2024-01-15 ·
 *   OC4 S4 disciplined final_written_warning 2024-08-15 · OC5 S6 no_further_action 2025-01-10 ·
 *   OC6 S7 dismissed 2024-12-01 Terminated ‡ · OC7 S8 disciplined written_warning 2023-09-01 ‡ ·
 *   OC8 S9 would_have_been_dismissed 2024-03-01
 *   Days from opening to decision: OC1 181, OC2 234, OC3 228, OC4 182, OC5 131, OC8 274.
 *
 * Barred list: B1 OC1 (current) · B2 OC6 ‡ · B3 OC8 removed 2024-10-01
 *
 * Recommendations (investigation, response, due): R1 I1 pending 2024-12-01 · R2 I1 accepted 2024-11-01 ·
 *   R3 I3 pending 2025-01-10 · R4 I4 pending 2025-03-01 · R5 I5 pending 2024-06-01 ‡ ·
 *   R6 I2 not_accepted 2024-10-01 · R7 I2 pending 2024-12-20 † archived
 *
 * Complaints: C1 → I1, C2 → I1 (anonymous), C3 → I3, C4 → none, C5 → I5 ‡; named ones carry the marker.
 */
export async function buildReportWorld(f: ReportFixtures, leads: { a: string; b: string }) {
  const named = (overrides: Partial<Complaint> = {}) => f.complaint({
    complainantAnonymous: false, complainantName: `Jo ${COMPLAINANT_MARKER}`, complainantContact: `${COMPLAINANT_MARKER}@example.test`,
    complainantAttributes: { note: COMPLAINANT_MARKER }, summary: null, ...overrides,
  });
  const O1 = await f.officer({ givenName: 'Alice', familyName: 'Able', unit: 'TP' });
  const O2 = await f.officer({ givenName: 'Bob', familyName: 'Baker', unit: 'TP' });
  const O3 = await f.officer({ givenName: 'Carol', familyName: 'Cole', unit: 'Roads' });
  const O4 = await f.officer({ givenName: 'Dan', familyName: 'Dale', unit: 'Roads' });
  const O5 = await f.officer({ givenName: 'Eve', familyName: 'Eddy' });

  const I1 = await f.investigation({ openedOn: '2023-01-10', status: InvestigationStatus.Closed, mode: InvestigationMode.Independent, station: 'Charing Cross', operation: 'Hotton', leadInvestigatorId: leads.a });
  const I2 = await f.investigation({ openedOn: '2023-06-01', status: InvestigationStatus.Investigating, mode: InvestigationMode.Local, station: 'Charing Cross', leadInvestigatorId: leads.b });
  const I3 = await f.investigation({ openedOn: '2024-02-15', status: InvestigationStatus.Open, mode: InvestigationMode.Directed, station: 'Brixton', operation: 'Hotton', leadInvestigatorId: leads.b });
  const I4 = await f.investigation({ openedOn: '2024-09-01', status: InvestigationStatus.Decision, mode: InvestigationMode.Independent, station: 'Brixton' });
  const I5 = await f.archive(Investigation, await f.investigation({ openedOn: '2023-03-01', status: InvestigationStatus.Closed, mode: InvestigationMode.Local, station: 'Charing Cross', leadInvestigatorId: leads.a }));
  await f.teamMember(I3, leads.a);

  const S1 = await f.subject(I1, O1, { unitAtTime: 'Roads' });
  const S2 = await f.subject(I1, O2);
  const S3 = await f.subject(I2, O1);
  const S4 = await f.subject(I3, O3);
  const S5 = await f.subject(I3, O1);
  const S6 = await f.subject(I4, O4, { unitAtTime: 'TP' });
  const S7 = await f.archive(Subject, await f.subject(I4, O2));
  const S8 = await f.subject(I5, O3);
  const S9 = await f.subject(I2, O4);
  const S10 = await f.subject(I3, O2);

  const { UseOfForce, DiscriminatoryBehaviour, DiscourtesyOrOffensiveLanguage, SexualMisconduct, BullyingOrHarassment, DishonestyOrPervertingJustice } = AllegationCategory;
  const { GrossMisconduct: gross, Misconduct: misconduct, None: none } = Severity;
  await f.allegation(S1, { category: UseOfForce, severity: gross, finding: Finding.Proven, allegedOn: '2022-12-01', sourceCategory: 'Force', sourceFinding: 'Substantiated (Charges)' });
  await f.allegation(S1, { category: DiscriminatoryBehaviour, severity: gross, finding: Finding.Proven, allegedOn: '2022-12-05', sourceCategory: 'Abuse of Authority', sourceFinding: 'Substantiated (Charges)' });
  await f.allegation(S2, { category: DiscourtesyOrOffensiveLanguage, severity: misconduct, finding: Finding.Proven, sourceCategory: '@Discourtesy, rude "words"', sourceFinding: 'Substantiated (Command Discipline)' });
  await f.allegation(S3, { category: UseOfForce, severity: misconduct, finding: Finding.NotProven, allegedOn: '2023-05-20' });
  await f.allegation(S4, { category: SexualMisconduct, severity: gross, finding: Finding.Proven, allegedOn: '2024-01-30' });
  await f.allegation(S4, { category: UseOfForce, severity: misconduct, finding: Finding.Pending, allegedOn: '2024-02-01' });
  await f.allegation(S5, { category: UseOfForce, severity: none, finding: Finding.Pending });
  await f.allegation(S6, { category: BullyingOrHarassment, severity: misconduct, finding: Finding.Exonerated, allegedOn: '2024-08-01', sourceCategory: 'Abuse of Authority', sourceFinding: 'Exonerated' });
  await f.archive(Allegation, await f.allegation(S6, { category: UseOfForce, severity: misconduct, finding: Finding.Unfounded, allegedOn: '2024-08-02', sourceCategory: 'Force', sourceFinding: 'Unfounded' }));
  await f.allegation(S7, { category: UseOfForce, severity: misconduct, finding: Finding.Pending, allegedOn: '2024-08-03' });
  await f.allegation(S8, { category: UseOfForce, severity: misconduct, finding: Finding.Proven, allegedOn: '2023-04-01' });
  await f.allegation(S9, { category: DishonestyOrPervertingJustice, severity: gross, finding: Finding.Proven, allegedOn: '2023-04-01' });

  const OC1 = await f.outcome(S1, { type: OutcomeType.Dismissed, decidedOn: '2023-07-10', sourceOutcome: 'Terminated' });
  const OC2 = await f.outcome(S2, { type: OutcomeType.Disciplined, sanction: Sanction.WrittenWarning, decidedOn: '2023-09-01', sourceOutcome: 'Command Discipline A' });
  await f.outcome(S3, { type: OutcomeType.Learning, decidedOn: '2024-01-15' });
  await f.outcome(S4, { type: OutcomeType.Disciplined, sanction: Sanction.FinalWrittenWarning, decidedOn: '2024-08-15' });
  await f.outcome(S6, { type: OutcomeType.NoFurtherAction, decidedOn: '2025-01-10' });
  const OC6 = await f.outcome(S7, { type: OutcomeType.Dismissed, decidedOn: '2024-12-01', sourceOutcome: 'Terminated' });
  await f.outcome(S8, { type: OutcomeType.Disciplined, sanction: Sanction.WrittenWarning, decidedOn: '2023-09-01' });
  const OC8 = await f.outcome(S9, { type: OutcomeType.WouldHaveBeenDismissed, decidedOn: '2024-03-01' });

  await f.barred(OC1);
  await f.barred(OC6);
  await f.barred(OC8, { removedOn: '2024-10-01', removalReason: 'appeal allowed' });

  await f.recommendation(I1, { responseStatus: ResponseStatus.Pending, responseDueOn: '2024-12-01' });
  await f.recommendation(I1, { responseStatus: ResponseStatus.Accepted, responseDueOn: '2024-11-01' });
  await f.recommendation(I3, { responseStatus: ResponseStatus.Pending, responseDueOn: '2025-01-10' });
  await f.recommendation(I4, { responseStatus: ResponseStatus.Pending, responseDueOn: '2025-03-01' });
  await f.recommendation(I5, { responseStatus: ResponseStatus.Pending, responseDueOn: '2024-06-01' });
  await f.recommendation(I2, { responseStatus: ResponseStatus.NotAccepted, responseDueOn: '2024-10-01' });
  await f.archive(Recommendation, await f.recommendation(I2, { responseStatus: ResponseStatus.Pending, responseDueOn: '2024-12-20' }));

  await named({ investigationId: I1.id });
  await f.complaint({ investigationId: I1.id });
  await named({ investigationId: I3.id });
  await named();
  await named({ investigationId: I5.id });

  return { officers: { O1, O2, O3, O4, O5 }, investigations: { I1, I2, I3, I4, I5 }, subjects: { S1, S2, S3, S4, S5, S6, S7, S8, S9, S10 }, outcomes: { OC1, OC2 } };
}
