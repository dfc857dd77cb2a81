/**
 * Case records for the service tier, made through the real services with the same request
 * bodies the e2e factories send (factories.ts, case-decisions.ts), validated as the API would.
 *
 *   const { investigation, officer, subject } = await subjectOnNewCase(ctx, lead);
 *   await provenAllegation(ctx, { investigator: lead, reviewer }, subject.id, Severity.GrossMisconduct);
 *   await ctx.services.outcomes.record(subject.id, await ctx.dto(RecordOutcomeDto, dismissal()), reviewer);
 */
import { CreateAllegationDto, RecordFindingDto, type AllegationResponse } from '../../src/allegations/dto/allegation.dto.js';
import { AddSubjectDto, type SubjectResponse } from '../../src/allegations/dto/subject.dto.js';
import type { Severity } from '../../src/allegations/allegation.enums.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import type { InvestigationDetailResponse } from '../../src/investigations/dto/investigation.response.js';
import { OpenInvestigationDto } from '../../src/investigations/dto/open-investigation.dto.js';
import { TransitionDto } from '../../src/investigations/dto/transition.dto.js';
import type { InvestigationStatus } from '../../src/investigations/investigation.enums.js';
import { CreateOfficerDto } from '../../src/officers/dto/officer.dto.js';
import type { OfficerResponse } from '../../src/officers/dto/officer.response.js';
import { allegationInput } from './case-decisions.js';
import { investigationInput, officerInput } from './factories.js';
import type { ServiceContext } from './service-context.js';

export interface CaseActors {
  investigator: AuthUser;
  reviewer: AuthUser;
}

/** A case opened by `lead` (who leads it unless `leadInvestigatorId` is given). */
export async function openCase(ctx: ServiceContext, lead: AuthUser, overrides: Record<string, unknown> = {}): Promise<InvestigationDetailResponse> {
  return ctx.services.investigations.open(await ctx.dto(OpenInvestigationDto, investigationInput(overrides)), lead);
}

export async function newOfficer(ctx: ServiceContext, actor: AuthUser, overrides: Record<string, unknown> = {}): Promise<OfficerResponse> {
  return ctx.services.officers.create(await ctx.dto(CreateOfficerDto, officerInput(overrides)), actor);
}

/** A new officer made a subject of a new case led by `lead`. */
export async function subjectOnNewCase(
  ctx: ServiceContext, lead: AuthUser, options: { officer?: Record<string, unknown>; investigation?: Record<string, unknown> } = {},
): Promise<{ investigation: InvestigationDetailResponse; officer: OfficerResponse; subject: SubjectResponse }> {
  const investigation = await openCase(ctx, lead, options.investigation);
  const officer = await newOfficer(ctx, lead, options.officer);
  const subject = await ctx.services.subjects.add(investigation.id, await ctx.dto(AddSubjectDto, { officerId: officer.id }), lead);
  return { investigation, officer, subject };
}

export async function addAllegation(
  ctx: ServiceContext, investigator: AuthUser, subjectId: string, overrides: Record<string, unknown> = {},
): Promise<AllegationResponse> {
  return ctx.services.allegations.create(subjectId, await ctx.dto(CreateAllegationDto, allegationInput(overrides)), investigator);
}

/** The reviewer's finding on an allegation, at its current version. */
export async function recordFinding(
  ctx: ServiceContext, reviewer: AuthUser, allegation: AllegationResponse, finding: { caseToAnswer: string; finding: string },
): Promise<AllegationResponse> {
  return ctx.services.allegations.recordFinding(allegation.id, await ctx.dto(RecordFindingDto, finding), allegation.version, reviewer);
}

/** An allegation of `severity`, found proven by the reviewer. */
export async function provenAllegation(ctx: ServiceContext, actors: CaseActors, subjectId: string, severity: Severity): Promise<AllegationResponse> {
  const allegation = await addAllegation(ctx, actors.investigator, subjectId, { severity });
  return recordFinding(ctx, actors.reviewer, allegation, { caseToAnswer: 'yes', finding: 'proven' });
}

/** One lifecycle move by `actor`, at the case's current version. */
export async function transition(
  ctx: ServiceContext, actor: AuthUser, investigationId: string, to: InvestigationStatus, reason = 'test transition',
): Promise<InvestigationDetailResponse> {
  const { version } = await ctx.services.investigations.get(investigationId, actor);
  return ctx.services.lifecycle.transition(investigationId, await ctx.dto(TransitionDto, { to, reason }), version, actor);
}
