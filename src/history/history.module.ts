import { Module } from '@nestjs/common';
import { InvestigationsModule } from '../investigations/investigations.module.js';
import { HistoryController } from './history.controller.js';
import { HistoryService } from './history.service.js';

/** A record's audit events, shown under the record's own access rules (the audit log itself is AuditModule's). */
@Module({
  imports: [InvestigationsModule],
  controllers: [HistoryController],
  providers: [HistoryService],
})
export class HistoryModule {}
