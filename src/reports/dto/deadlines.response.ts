import { ApiProperty } from '@nestjs/swagger';
import { InvestigationMode, InvestigationStatus } from '../../investigations/investigation.enums.js';
import { ConductRegime, Sanction } from '../../outcomes/outcome.enums.js';
import { OfficerRef } from './officer-ref.response.js';

export class WarningDuration {
  @ApiProperty({ enum: ConductRegime }) regime!: string;
  @ApiProperty({ enum: [Sanction.WrittenWarning, Sanction.FinalWrittenWarning] }) sanction!: string;
  @ApiProperty() months!: number;
}

export class DeadlineRules {
  @ApiProperty({ example: 14, description: 'pending recommendations due within this many days of asOf (or already overdue)' })
  recommendationsDueWithinDays!: number;
  @ApiProperty({ example: 12, description: 'investigations not closed and opened more than this many months before asOf' })
  investigationsOpenLongerThanMonths!: number;
  @ApiProperty({ example: 90, description: 'warnings still live on asOf whose expiry falls within this many days' })
  warningsExpiringWithinDays!: number;
  @ApiProperty({ type: [WarningDuration], description: 'how long a warning stays live from the decision, by regulations' })
  warningDurations!: WarningDuration[];
}

export class RecommendationDeadline {
  @ApiProperty() id!: string;
  @ApiProperty() investigationId!: string;
  @ApiProperty() investigationReference!: string;
  @ApiProperty() number!: number;
  @ApiProperty() recipient!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() responseDueOn!: string;
  @ApiProperty({ enum: ['overdue', 'due_soon'] }) state!: 'overdue' | 'due_soon';
  @ApiProperty({ description: 'days from asOf to the due date (negative when overdue)' }) daysToDue!: number;
}

export class InvestigationDeadline {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: InvestigationStatus }) status!: string;
  @ApiProperty({ enum: InvestigationMode }) mode!: string;
  @ApiProperty() openedOn!: string;
  @ApiProperty({ description: 'days open on asOf' }) daysOpen!: number;
}

export class WarningExpiry {
  @ApiProperty() outcomeId!: string;
  @ApiProperty() investigationId!: string;
  @ApiProperty() investigationReference!: string;
  @ApiProperty() officer!: OfficerRef;
  @ApiProperty({ enum: [Sanction.WrittenWarning, Sanction.FinalWrittenWarning] }) sanction!: string;
  @ApiProperty({ enum: ConductRegime }) regime!: string;
  @ApiProperty() decidedOn!: string;
  @ApiProperty({ description: 'the first day the warning is no longer live (decision + duration)' }) expiresOn!: string;
  @ApiProperty() daysToExpiry!: number;
}

export class RecommendationDeadlines {
  @ApiProperty({ description: 'pending and past their due date' }) overdue!: number;
  @ApiProperty({ description: 'pending and due within the window' }) dueSoon!: number;
  @ApiProperty({ description: 'overdue + dueSoon' }) total!: number;
  @ApiProperty({ type: [RecommendationDeadline], description: 'earliest due first, at most `limit`' }) items!: RecommendationDeadline[];
}

export class InvestigationDeadlines {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [InvestigationDeadline], description: 'longest open first, at most `limit`' }) items!: InvestigationDeadline[];
}

export class WarningDeadlines {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [WarningExpiry], description: 'soonest expiry first, at most `limit`' }) items!: WarningExpiry[];
}

export class DeadlinesResponse {
  @ApiProperty() asOf!: string;
  @ApiProperty() rules!: DeadlineRules;
  @ApiProperty() recommendations!: RecommendationDeadlines;
  @ApiProperty() investigations!: InvestigationDeadlines;
  @ApiProperty() warnings!: WarningDeadlines;
}
