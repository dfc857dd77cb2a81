import { ApiProperty } from '@nestjs/swagger';

/** How many subjects got each outcome; `pending` have none recorded yet. */
export class OutcomeCounts {
  @ApiProperty() dismissed!: number;
  @ApiProperty() would_have_been_dismissed!: number;
  @ApiProperty() resigned!: number;
  @ApiProperty() retired!: number;
  @ApiProperty() disciplined!: number;
  @ApiProperty() learning!: number;
  @ApiProperty() no_further_action!: number;
  @ApiProperty() pending!: number;
}

export class ResponseStatusCounts {
  @ApiProperty() pending!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() partially_accepted!: number;
  @ApiProperty() not_accepted!: number;
}

export class RecommendationFigures {
  @ApiProperty() total!: number;
  @ApiProperty({ type: ResponseStatusCounts }) byResponseStatus!: ResponseStatusCounts;
  @ApiProperty({ description: 'still pending after the due date, as of today' }) overdue!: number;
}

/** The figures, counted in the database. */
export class SummaryFigures {
  @ApiProperty({ description: 'distinct officers who are (non-archived) subjects' }) officersInvestigated!: number;
  @ApiProperty({ type: OutcomeCounts, description: 'per subject' }) outcomes!: OutcomeCounts;
  @ApiProperty({ description: 'dismissals resting on a gross-misconduct allegation found proven' }) dismissedForGrossMisconduct!: number;
  @ApiProperty({ description: 'current barred-list entries from these cases' }) barred!: number;
  @ApiProperty({ type: RecommendationFigures }) recommendations!: RecommendationFigures;
  @ApiProperty({ description: 'the figures in one plain-English sentence' }) sentence!: string;
}

export class SummaryInvestigation {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) operation!: string | null;
}

export class InvestigationSummaryResponse extends SummaryFigures {
  @ApiProperty({ type: SummaryInvestigation }) investigation!: SummaryInvestigation;
}

export class OperationSummaryResponse extends SummaryFigures {
  @ApiProperty({ description: 'the operation name as recorded' }) operation!: string;
  @ApiProperty({ type: SummaryInvestigation, isArray: true, description: 'the investigations counted (those you may see)' })
  investigations!: SummaryInvestigation[];
}
