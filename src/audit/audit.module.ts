import { Global, Module } from '@nestjs/common';
import { InvestigationsModule } from '../investigations/investigations.module.js';
import { AuditChain } from './audit-chain.service.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { HistoryController } from './history.controller.js';
import { HistoryService } from './history.service.js';

@Global()
@Module({
  imports: [InvestigationsModule],
  controllers: [AuditController, HistoryController],
  providers: [AuditService, AuditChain, AuditLogService, HistoryService],
  exports: [AuditService],
})
export class AuditModule {}
