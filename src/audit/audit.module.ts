import { Global, Module } from '@nestjs/common';
import { AuditChain } from './audit-chain.service.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

/** Recording, the hash chain and its checkpoints, verification, and the audit log routes. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditChain, AuditLogService],
  exports: [AuditService, AuditLogService],
})
export class AuditModule {}
