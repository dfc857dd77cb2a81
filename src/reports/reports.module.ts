import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app.config.js';
import { InvestigationsModule } from '../investigations/investigations.module.js';
import { DeadlinesService } from './deadlines.service.js';
import { OfficerPatternsController } from './officer-patterns.controller.js';
import { EARLY_INTERVENTION_THRESHOLD, OfficerPatternsService } from './officer-patterns.service.js';
import { ReportQueries } from './report-queries.js';
import { ReportsController } from './reports.controller.js';
import { ReportSummaryService } from './report-summary.service.js';

@Module({
  imports: [InvestigationsModule],
  controllers: [ReportsController, OfficerPatternsController],
  providers: [
    ReportQueries, ReportSummaryService, OfficerPatternsService, DeadlinesService,
    {
      provide: EARLY_INTERVENTION_THRESHOLD,
      inject: [ConfigService],
      useFactory: (config: ConfigService<{ app: AppConfig }, true>) => config.get('app', { infer: true }).earlyInterventionThreshold,
    },
  ],
})
export class ReportsModule {}
