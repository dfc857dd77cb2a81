import { Module } from '@nestjs/common';
import { InvestigationsModule } from '../investigations/investigations.module.js';
import { CaseSummaryController } from './case-summary.controller.js';
import { CaseSummaryService } from './case-summary.service.js';

/** Summaries of a case, or of an operation (the linked investigations that share its name). */
@Module({
  imports: [InvestigationsModule],
  controllers: [CaseSummaryController],
  providers: [CaseSummaryService],
})
export class CaseSummariesModule {}
