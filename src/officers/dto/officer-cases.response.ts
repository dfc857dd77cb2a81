import { ApiProperty } from '@nestjs/swagger';
import type { Allegation } from '../../allegations/allegation.entity.js';
import { AllegationCategory, CaseToAnswer, Finding, ProfessionalStandard, Severity } from '../../allegations/allegation.enums.js';
import type { Subject } from '../../allegations/subject.entity.js';
import type { BarredListEntry } from '../../barred-list/barred-list-entry.entity.js';
import type { Investigation } from '../../investigations/investigation.entity.js';
import { InvestigationMode, InvestigationStatus } from '../../investigations/investigation.enums.js';
import type { Outcome } from '../../outcomes/outcome.entity.js';
import { HearingType, LearningOutcome, OutcomeType, Sanction } from '../../outcomes/outcome.enums.js';
import { EmploymentStatus } from '../officer.enums.js';
import type { Officer } from '../officer.entity.js';

export class CaseInvestigationView {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: InvestigationStatus }) status!: InvestigationStatus;
  @ApiProperty({ enum: InvestigationMode }) mode!: InvestigationMode;
  @ApiProperty({ nullable: true, type: String }) operation!: string | null;
  @ApiProperty() openedOn!: string;
  @ApiProperty({ nullable: true, type: String }) closedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) archivedAt!: string | null;

  static from(i: Investigation): CaseInvestigationView {
    const { id, reference, title, status, mode, operation, openedOn, closedOn, archivedAt } = i;
    return { id, reference, title, status, mode, operation, openedOn, closedOn, archivedAt };
  }
}

export class CaseAllegationView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: AllegationCategory }) category!: AllegationCategory;
  @ApiProperty({ enum: ProfessionalStandard, nullable: true }) standard!: ProfessionalStandard | null;
  @ApiProperty({ enum: Severity }) severity!: Severity;
  @ApiProperty({ enum: CaseToAnswer }) caseToAnswer!: CaseToAnswer;
  @ApiProperty({ enum: Finding }) finding!: Finding;
  @ApiProperty({ nullable: true, type: String }) allegedOn!: string | null;

  static from(a: Allegation): CaseAllegationView {
    const { id, category, standard, severity, caseToAnswer, finding, allegedOn } = a;
    return { id, category, standard, severity, caseToAnswer, finding, allegedOn };
  }
}

export class CaseOutcomeView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: OutcomeType }) type!: OutcomeType;
  @ApiProperty({ enum: Sanction, nullable: true }) sanction!: Sanction | null;
  @ApiProperty({ enum: LearningOutcome, nullable: true }) learningOutcome!: LearningOutcome | null;
  @ApiProperty({ enum: HearingType, nullable: true }) hearingType!: HearingType | null;
  @ApiProperty() decidedOn!: string;

  static from(o: Outcome): CaseOutcomeView {
    const { id, type, sanction, learningOutcome, hearingType, decidedOn } = o;
    return { id, type, sanction, learningOutcome, hearingType, decidedOn };
  }
}

export class CaseBarringView {
  @ApiProperty() id!: string;
  @ApiProperty() addedOn!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true, type: String }) reviewEligibleOn!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'set if the entry was later removed' }) removedOn!: string | null;

  static from(b: BarredListEntry): CaseBarringView {
    const { id, addedOn, reason, reviewEligibleOn, removedOn } = b;
    return { id, addedOn, reason, reviewEligibleOn, removedOn };
  }
}

/** One investigation the officer was a subject of, with what was alleged and decided. */
export class OfficerCaseView {
  @ApiProperty() subjectId!: string;
  @ApiProperty({ nullable: true, type: String }) rankAtTime!: string | null;
  @ApiProperty({ nullable: true, type: String }) unitAtTime!: string | null;
  @ApiProperty({ type: CaseInvestigationView }) investigation!: CaseInvestigationView;
  @ApiProperty({ type: [CaseAllegationView] }) allegations!: CaseAllegationView[];
  @ApiProperty({ type: CaseOutcomeView, nullable: true }) outcome!: CaseOutcomeView | null;
  @ApiProperty({ type: CaseBarringView, nullable: true, description: 'the barred-list entry this case led to' }) barredListEntry!: CaseBarringView | null;

  static from(subject: Subject, investigation: Investigation, allegations: Allegation[], outcome: Outcome | null,
    barring: BarredListEntry | null): OfficerCaseView {
    return {
      subjectId: subject.id, rankAtTime: subject.rankAtTime, unitAtTime: subject.unitAtTime,
      investigation: CaseInvestigationView.from(investigation),
      allegations: allegations.map((a) => CaseAllegationView.from(a)),
      outcome: outcome ? CaseOutcomeView.from(outcome) : null,
      barredListEntry: barring ? CaseBarringView.from(barring) : null,
    };
  }
}

export class CaseOfficerView {
  @ApiProperty() id!: string;
  @ApiProperty() force!: string;
  @ApiProperty() serviceNumber!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ nullable: true, type: String }) rank!: string | null;
  @ApiProperty({ enum: EmploymentStatus }) employmentStatus!: EmploymentStatus;

  static from(o: Officer): CaseOfficerView {
    const { id, force, serviceNumber, givenName, familyName, rank, employmentStatus } = o;
    return { id, force, serviceNumber, givenName, familyName, rank, employmentStatus };
  }
}

/** A page of the officer's cases (those the caller may see), newest first. */
export class OfficerCasesResponse {
  @ApiProperty({ type: CaseOfficerView }) officer!: CaseOfficerView;
  @ApiProperty({ description: 'on the barred list now (an entry not removed); the barred list is a public register' }) barred!: boolean;
  @ApiProperty({ type: [OfficerCaseView] }) items!: OfficerCaseView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
