import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { Role } from '../common/auth/role.js';
import { DeadlinesService } from './deadlines.service.js';
import { DeadlinesResponse } from './dto/deadlines.response.js';
import { EarlyInterventionResponse } from './dto/officer-patterns.response.js';
import { DeadlinesQuery, EarlyInterventionQuery, SummaryQuery, type ReportFormat } from './dto/report-query.dto.js';
import { SummaryResponse } from './dto/summary.response.js';
import { OfficerPatternsService } from './officer-patterns.service.js';
import { summaryCsv } from './summary-csv.js';
import { ReportSummaryService } from './report-summary.service.js';

/** CSV when asked for by `format=csv`, or by `Accept: text/csv` unless `format=json` says otherwise. */
export const wantsCsv = (format: ReportFormat | undefined, accept: string | undefined): boolean =>
  format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(accept ?? ''));

@ApiTags('reports')
@Controller('reports')
@Roles(Role.Analyst, Role.Reviewer, Role.Investigator)
export class ReportsController {
  constructor(
    private readonly summaries: ReportSummaryService,
    private readonly patterns: OfficerPatternsService,
    private readonly deadlineReport: DeadlinesService,
  ) {}

  @Get('summary')
  @ApiOperation({ summary: 'Counts over the filtered records (investigators: their own cases), computed in the database' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SummaryResponse, description: 'JSON; or CSV in long format (section,key,value) with format=csv or Accept: text/csv' })
  async summary(
    @Query() query: SummaryQuery, @CurrentUser() viewer: AuthUser,
    @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SummaryResponse | string> {
    const summary = await this.summaries.summary(query, viewer);
    if (!wantsCsv(query.format, accept)) return summary;
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="summary.csv"');
    return summaryCsv(summary);
  }

  @Get('officers')
  @ApiOperation({ summary: 'Early-intervention list: officers with at least minAllegations allegations in the rolling window ending asOf' })
  @ApiOkResponse({ type: EarlyInterventionResponse })
  earlyIntervention(@Query() query: EarlyInterventionQuery, @CurrentUser() viewer: AuthUser): Promise<EarlyInterventionResponse> {
    return this.patterns.earlyIntervention(query, viewer);
  }

  @Get('deadlines')
  @ApiOperation({ summary: 'Overdue and due-soon recommendations, long-open investigations, warnings about to expire' })
  @ApiOkResponse({ type: DeadlinesResponse })
  deadlines(@Query() query: DeadlinesQuery, @CurrentUser() viewer: AuthUser): Promise<DeadlinesResponse> {
    return this.deadlineReport.deadlines(query, viewer);
  }
}
