import type { INestApplicationContext } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { DataSource, IsNull } from 'typeorm';
import { AllegationsService } from '../allegations/allegations.service.js';
import { CreateAllegationDto, RecordFindingDto } from '../allegations/dto/allegation.dto.js';
import { AddSubjectDto } from '../allegations/dto/subject.dto.js';
import { SubjectsService } from '../allegations/subjects.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { AddEvidenceNoteDto } from '../investigations/dto/evidence-note.dto.js';
import { OpenInvestigationDto } from '../investigations/dto/open-investigation.dto.js';
import { EvidenceNotesService } from '../investigations/evidence-notes.service.js';
import { Investigation } from '../investigations/investigation.entity.js';
import { InvestigationStatus } from '../investigations/investigation.enums.js';
import { InvestigationsService } from '../investigations/investigations.service.js';
import { LifecycleService } from '../investigations/lifecycle.service.js';
import { CreateOfficerDto } from '../officers/dto/officer.dto.js';
import { OfficersService } from '../officers/officers.service.js';
import { RecordOutcomeDto } from '../outcomes/dto/outcome.dto.js';
import { OutcomesService } from '../outcomes/outcomes.service.js';
import { CreateRecommendationDto } from '../recommendations/dto/recommendation.dto.js';
import { RecommendationsService } from '../recommendations/recommendations.service.js';

/** data/reference-case.json, as written (validated against the API's own DTOs before anything is written). */
export interface ReferenceCaseData {
  note: string;
  key: string;
  source: { description: string; facts: string[] };
  expected: Record<string, unknown>;
  investigation: Record<string, unknown> & { title: string; operation: string };
  evidenceNotes: Array<Record<string, unknown>>;
  officers: Array<{
    article: string;
    officer: Record<string, unknown>;
    subject?: Record<string, unknown>;
    allegations: Array<Record<string, unknown> & { finding?: Record<string, unknown> }>;
    outcome: Record<string, unknown> | null;
  }>;
  recommendations: Array<Record<string, unknown>>;
}

/** Who does what in the seeded case: the lead investigator, and a reviewer independent of it. */
export interface ReferenceCaseActors {
  investigator: AuthUser;
  reviewer: AuthUser;
}

export interface ReferenceCaseResult {
  /** False when the case was already there and nothing was written. */
  seeded: boolean;
  investigationId: string;
  reference: string;
}

export const REFERENCE_CASE_FILE = new URL('../../data/reference-case.json', import.meta.url);

export function readReferenceCase(file: URL | string = REFERENCE_CASE_FILE): ReferenceCaseData {
  return JSON.parse(readFileSync(file, 'utf8')) as ReferenceCaseData;
}

/** The seed file's records as the API's DTOs; every problem is listed before anything is written. */
function validated(data: ReferenceCaseData) {
  const problems: string[] = [];
  const as = <T extends object>(type: new () => T, plain: unknown, where: string): T => {
    const dto = plainToInstance(type, plain);
    for (const error of validateSync(dto, { whitelist: true, forbidNonWhitelisted: true })) {
      problems.push(`${where}.${error.property}: ${Object.values(error.constraints ?? { invalid: 'invalid' }).join('; ')}`);
    }
    return dto;
  };
  const investigation = as(OpenInvestigationDto, data.investigation, 'investigation');
  const evidenceNotes = data.evidenceNotes.map((n, i) => as(AddEvidenceNoteDto, n, `evidenceNotes[${i}]`));
  const officers = data.officers.map((o, i) => ({
    officer: as(CreateOfficerDto, o.officer, `officers[${i}].officer`),
    subject: o.subject ?? {},
    allegations: o.allegations.map(({ finding, ...allegation }, j) => ({
      allegation: as(CreateAllegationDto, allegation, `officers[${i}].allegations[${j}]`),
      finding: finding ? as(RecordFindingDto, finding, `officers[${i}].allegations[${j}].finding`) : null,
    })),
    outcome: o.outcome ? as(RecordOutcomeDto, o.outcome, `officers[${i}].outcome`) : null,
  }));
  const recommendations = data.recommendations.map((r, i) => as(CreateRecommendationDto, r, `recommendations[${i}]`));
  if (problems.length) throw new Error(`the reference case data is not valid:\n  - ${problems.join('\n  - ')}`);
  return { investigation, evidenceNotes, officers, recommendations };
}

/** The seeded investigation (found by its title and operation), or null if it is not there. */
export function findReferenceCase(app: INestApplicationContext, data: ReferenceCaseData = readReferenceCase()): Promise<Investigation | null> {
  return app.get(DataSource).getRepository(Investigation)
    .findOneBy({ title: data.investigation.title, operation: data.investigation.operation ?? IsNull() });
}

/**
 * Loads the reference case through the real services, as the API would: every rule is
 * checked and every record gets its audit event, so the audit chain stays valid. The
 * investigator opens the case and records subjects, allegations, evidence and recommendations;
 * the reviewer records findings and outcomes. Skips (writing nothing) if the case is already there.
 * Used by `npm run seed:demo`, `npm run demo` and the reference-case e2e test.
 */
export async function loadReferenceCase(
  app: INestApplicationContext, actors: ReferenceCaseActors, data: ReferenceCaseData = readReferenceCase(),
): Promise<ReferenceCaseResult> {
  const input = validated(data);
  const existing = await findReferenceCase(app, data);
  if (existing) return { seeded: false, investigationId: existing.id, reference: existing.reference };

  const { investigator, reviewer } = actors;
  const officers = app.get(OfficersService);
  const subjects = app.get(SubjectsService);
  const allegations = app.get(AllegationsService);
  const outcomes = app.get(OutcomesService);
  const recommendations = app.get(RecommendationsService);
  const lifecycle = app.get(LifecycleService);

  const opened = await app.get(InvestigationsService).open({ ...input.investigation, leadInvestigatorId: investigator.id }, investigator);
  const id = opened.id;
  let version = opened.version;
  const moveTo = async (to: InvestigationStatus, reason: string, actor: AuthUser) => {
    version = (await lifecycle.transition(id, { to, reason }, version, actor)).version;
  };

  await moveTo(InvestigationStatus.Investigating, 'Investigation under way', investigator);
  for (const note of input.evidenceNotes) await app.get(EvidenceNotesService).add(id, note, investigator);

  const decisions: Array<() => Promise<unknown>> = [];
  for (const entry of input.officers) {
    const officer = await officers.create(entry.officer, investigator);
    const subject = await subjects.add(id, Object.assign(new AddSubjectDto(), { ...entry.subject, officerId: officer.id }), investigator);
    for (const { allegation, finding } of entry.allegations) {
      const recorded = await allegations.create(subject.id, allegation, investigator);
      if (finding) decisions.push(() => allegations.recordFinding(recorded.id, finding, recorded.version, reviewer));
    }
    const outcome = entry.outcome;
    if (outcome) decisions.push(() => outcomes.record(subject.id, outcome, reviewer));
  }
  for (const recommendation of input.recommendations) await recommendations.create(id, recommendation, investigator);

  await moveTo(InvestigationStatus.ReportSubmitted, 'Investigation report submitted', investigator);
  await moveTo(InvestigationStatus.Decision, 'Report received for decisions on findings and outcomes', reviewer);
  // Findings first (in the order pushed, each before its subject's outcome), then outcomes.
  for (const decide of decisions) await decide();
  return { seeded: true, investigationId: id, reference: opened.reference };
}
