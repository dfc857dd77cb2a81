import { ApiProperty } from '@nestjs/swagger';
import { Published } from '../publication/published.js';
import type { Count } from '../publication/suppression.js';
import { BREAKDOWN_SCHEMA, COUNT_SCHEMA, type Breakdown } from './summary.response.js';
import { OfficerRef } from './officer-ref.response.js';

export interface OfficerProfileFigures {
  investigations: number;
  complaints: number;
  allegations: { total: number; byCategory: Breakdown; byFinding: Breakdown };
  byYear: Array<{ year: number; allegations: number; findings: Breakdown; outcomes: number; outcomeTypes: Breakdown }>;
  barred: { current: boolean; entries: BarredEntryView[] };
}

export class BarredEntryView {
  @ApiProperty() addedOn!: string;
  @ApiProperty({ nullable: true, type: String }) reviewEligibleOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) removedOn!: string | null;
}

class BarredStatus {
  @ApiProperty({ description: 'on the barred list now (an entry not removed)' }) current!: boolean;
  @ApiProperty({ type: [BarredEntryView] }) entries!: BarredEntryView[];
}

class AllegationProfile {
  @ApiProperty(COUNT_SCHEMA) total!: Count;
  @ApiProperty(BREAKDOWN_SCHEMA) byCategory!: Record<string, Count>;
  @ApiProperty(BREAKDOWN_SCHEMA) byFinding!: Record<string, Count>;
}

class ProfileYear {
  @ApiProperty({ example: 2024 }) year!: number;
  @ApiProperty({ ...COUNT_SCHEMA, description: 'allegations dated that year (alleged on, else the investigation opening)' }) allegations!: Count;
  @ApiProperty({ ...BREAKDOWN_SCHEMA, description: 'those allegations by finding' }) findings!: Record<string, Count>;
  @ApiProperty({ ...COUNT_SCHEMA, description: 'outcomes decided that year' }) outcomes!: Count;
  @ApiProperty({ ...BREAKDOWN_SCHEMA, description: 'those outcomes by type' }) outcomeTypes!: Record<string, Count>;
}

export class OfficerProfileResponse {
  @ApiProperty() officer!: OfficerRef;
  @ApiProperty({ enum: ['all_cases', 'own_cases'], description: "own_cases: an investigator's profile counts only the cases they lead or are on the team of" })
  scope!: 'all_cases' | 'own_cases';
  @ApiProperty({ nullable: true, type: Number }) suppress!: number | null;
  @ApiProperty({ ...COUNT_SCHEMA, description: 'investigations the officer was a subject of' }) investigations!: Count;
  @ApiProperty({ ...COUNT_SCHEMA, description: 'complaints linked to those investigations' }) complaints!: Count;
  @ApiProperty() allegations!: AllegationProfile;
  @ApiProperty({ type: [ProfileYear], description: 'findings and outcomes over time, oldest year first' }) byYear!: ProfileYear[];
  @ApiProperty({ description: 'the barred list is a published list: shown whole, whoever asks' }) barred!: BarredStatus;

  static from(officer: OfficerRef, scope: OfficerProfileResponse['scope'], figures: OfficerProfileFigures, k: number | null): OfficerProfileResponse {
    const p = new Published(k);
    return {
      officer,
      scope,
      suppress: k,
      investigations: p.count(figures.investigations),
      complaints: p.count(figures.complaints),
      allegations: {
        total: p.count(figures.allegations.total),
        byCategory: p.breakdown(figures.allegations.byCategory),
        byFinding: p.breakdown(figures.allegations.byFinding),
      },
      byYear: figures.byYear.map((y) => ({
        year: y.year,
        allegations: p.count(y.allegations),
        findings: p.breakdown(y.findings),
        outcomes: p.count(y.outcomes),
        outcomeTypes: p.breakdown(y.outcomeTypes),
      })),
      barred: figures.barred,
    };
  }
}

export class EarlyInterventionItem {
  @ApiProperty() officer!: OfficerRef;
  @ApiProperty({ ...COUNT_SCHEMA, description: 'allegations in the window' }) allegations!: Count;
}

export class EarlyInterventionResponse {
  @ApiProperty() asOf!: string;
  @ApiProperty({ example: '12m' }) within!: string;
  @ApiProperty({ description: 'first day of the window (inclusive)' }) from!: string;
  @ApiProperty({ description: 'last day of the window (inclusive) = asOf' }) to!: string;
  @ApiProperty() minAllegations!: number;
  @ApiProperty({ nullable: true, type: Number }) suppress!: number | null;
  @ApiProperty({ type: [EarlyInterventionItem], description: 'most allegations first' }) items!: EarlyInterventionItem[];
  @ApiProperty({ description: 'officers at or above the threshold' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class CoaccusedItem {
  @ApiProperty() officer!: OfficerRef;
  @ApiProperty({ ...COUNT_SCHEMA, description: 'investigations in which both were subjects' }) investigations!: Count;
  @ApiProperty({ ...COUNT_SCHEMA, description: 'complaints linked to those investigations' }) complaints!: Count;
}

export class CoaccusedResponse {
  @ApiProperty() officer!: OfficerRef;
  @ApiProperty({ enum: ['all_cases', 'own_cases'] }) scope!: 'all_cases' | 'own_cases';
  @ApiProperty({ nullable: true, type: Number }) suppress!: number | null;
  @ApiProperty({ type: [CoaccusedItem], description: 'most shared investigations first' }) items!: CoaccusedItem[];
  @ApiProperty({ description: 'co-accused officers' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
