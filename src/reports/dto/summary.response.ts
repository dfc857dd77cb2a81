import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Published } from '../publication/published.js';
import type { Count } from '../publication/suppression.js';
import type { CaseFilters } from '../report-criteria.js';

/** A count, or in publication mode the string "<k" for 1..k-1. */
export const COUNT_SCHEMA: ApiPropertyOptions = { oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', example: '<5' }] };
/** A breakdown: category → count. */
export const BREAKDOWN_SCHEMA: ApiPropertyOptions = {
  type: 'object', additionalProperties: { oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', example: '<5' }] },
  example: { proven: 12, not_proven: '<5' },
};

export type Breakdown = Record<string, number>;

/** The summary as counted, before publication rules. */
export interface SummaryFigures {
  asOf: string;
  filters: CaseFilters;
  investigations: { total: number; byStatus: Breakdown; byMode: Breakdown };
  subjects: { total: number };
  allegations: { total: number; byCategory: Breakdown; bySeverity: Breakdown; byFinding: Breakdown };
  outcomes: { total: number; byType: Breakdown; bySanction: Breakdown };
  barred: { total: number; current: number };
  daysToOutcome: { outcomes: number; median: number | null; p90: number | null };
  recommendations: { total: number; byResponseStatus: Breakdown; overdue: number };
  bySource?: { allegationsBySourceCategory: Breakdown; allegationsBySourceFinding: Breakdown; outcomesBySourceOutcome: Breakdown };
}

class InvestigationCounts {
  @ApiProperty(COUNT_SCHEMA) total!: Count;
  @ApiProperty({ ...BREAKDOWN_SCHEMA, description: 'every status, 0 included' }) byStatus!: Record<string, Count>;
  @ApiProperty({ ...BREAKDOWN_SCHEMA, description: 'every mode, 0 included' }) byMode!: Record<string, Count>;
}

class SubjectCounts {
  @ApiProperty({ ...COUNT_SCHEMA, description: 'officers under investigation, one per officer per investigation' }) total!: Count;
}

class AllegationCounts {
  @ApiProperty(COUNT_SCHEMA) total!: Count;
  @ApiProperty(BREAKDOWN_SCHEMA) byCategory!: Record<string, Count>;
  @ApiProperty(BREAKDOWN_SCHEMA) bySeverity!: Record<string, Count>;
  @ApiProperty(BREAKDOWN_SCHEMA) byFinding!: Record<string, Count>;
}

class OutcomeCounts {
  @ApiProperty(COUNT_SCHEMA) total!: Count;
  @ApiProperty(BREAKDOWN_SCHEMA) byType!: Record<string, Count>;
  @ApiProperty({ ...BREAKDOWN_SCHEMA, description: 'every sanction, and "none" for outcomes without one (sums to total)' }) bySanction!: Record<string, Count>;
}

class BarredCounts {
  @ApiProperty({ ...COUNT_SCHEMA, description: 'barred-list entries made for the counted outcomes' }) total!: Count;
  @ApiProperty({ ...COUNT_SCHEMA, description: 'of those, still on the list (not removed after review or appeal)' }) current!: Count;
}

class DaysToOutcome {
  @ApiProperty({ ...COUNT_SCHEMA, description: 'outcomes measured (the counted outcomes)' }) outcomes!: Count;
  @ApiProperty({ nullable: true, type: Number, description: 'days from the investigation opening to the outcome decision; null when none, or fewer than k in publication mode' })
  median!: number | null;
  @ApiProperty({ nullable: true, type: Number }) p90!: number | null;
  @ApiProperty({ example: 'nearest-rank' }) method!: string;
}

class RecommendationCounts {
  @ApiProperty(COUNT_SCHEMA) total!: Count;
  @ApiProperty(BREAKDOWN_SCHEMA) byResponseStatus!: Record<string, Count>;
  @ApiProperty({ ...COUNT_SCHEMA, description: 'still pending with the response due date before asOf' }) overdue!: Count;
}

export class SummaryResponse {
  @ApiProperty({ description: 'the day "overdue" was judged on' }) asOf!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'the filters applied' }) filters!: CaseFilters;
  @ApiProperty({ nullable: true, type: Number, description: 'k in publication mode, else null' }) suppress!: number | null;
  @ApiProperty() investigations!: InvestigationCounts;
  @ApiProperty() subjects!: SubjectCounts;
  @ApiProperty() allegations!: AllegationCounts;
  @ApiProperty() outcomes!: OutcomeCounts;
  @ApiProperty() barred!: BarredCounts;
  @ApiProperty() daysToOutcome!: DaysToOutcome;
  @ApiProperty() recommendations!: RecommendationCounts;
  @ApiPropertyOptional({ ...BREAKDOWN_SCHEMA, description: 'with groupBySource: allegations that carry a source category, by it' })
  allegationsBySourceCategory?: Record<string, Count>;
  @ApiPropertyOptional({ ...BREAKDOWN_SCHEMA, description: 'with groupBySource: allegations that carry a source finding, by it' })
  allegationsBySourceFinding?: Record<string, Count>;
  @ApiPropertyOptional({ ...BREAKDOWN_SCHEMA, description: 'with groupBySource: outcomes that carry a source outcome, by it' })
  outcomesBySourceOutcome?: Record<string, Count>;

  /** The figures as published: unchanged, or with `suppress` = k applied to every count. */
  static from(figures: SummaryFigures, suppress: number | null): SummaryResponse {
    const published = new Published(suppress);
    const cell = (n: number) => published.count(n);
    const group = (cells: Breakdown) => published.breakdown(cells);
    const { investigations: inv, allegations: all, outcomes: out, recommendations: rec, daysToOutcome: days } = figures;
    return {
      asOf: figures.asOf,
      filters: figures.filters,
      suppress,
      investigations: { total: cell(inv.total), byStatus: group(inv.byStatus), byMode: group(inv.byMode) },
      subjects: { total: cell(figures.subjects.total) },
      allegations: { total: cell(all.total), byCategory: group(all.byCategory), bySeverity: group(all.bySeverity), byFinding: group(all.byFinding) },
      outcomes: { total: cell(out.total), byType: group(out.byType), bySanction: group(out.bySanction) },
      barred: { total: cell(figures.barred.total), current: cell(figures.barred.current) },
      daysToOutcome: {
        outcomes: cell(days.outcomes),
        median: published.statistic(days.median, days.outcomes),
        p90: published.statistic(days.p90, days.outcomes),
        method: 'nearest-rank',
      },
      recommendations: { total: cell(rec.total), byResponseStatus: group(rec.byResponseStatus), overdue: cell(rec.overdue) },
      ...(figures.bySource ? {
        allegationsBySourceCategory: group(figures.bySource.allegationsBySourceCategory),
        allegationsBySourceFinding: group(figures.bySource.allegationsBySourceFinding),
        outcomesBySourceOutcome: group(figures.bySource.outcomesBySourceOutcome),
      } : {}),
    };
  }
}
