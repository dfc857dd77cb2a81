import { Module } from '@nestjs/common';
import { CaseAccess } from './case-access.service.js';

@Module({
  providers: [CaseAccess],
  exports: [CaseAccess],
})
export class InvestigationsModule {}
