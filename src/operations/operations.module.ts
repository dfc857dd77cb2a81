import { Module } from '@nestjs/common';
import { TimeModule } from '../common/time/time.module.js';
import { InvestigationsModule } from '../investigations/investigations.module.js';
import { SummaryController } from './summary.controller.js';
import { SummaryService } from './summary.service.js';

/** Summaries of a case, or of an operation (the linked investigations that share its name). */
@Module({
  imports: [InvestigationsModule, TimeModule],
  controllers: [SummaryController],
  providers: [SummaryService],
})
export class OperationsModule {}
