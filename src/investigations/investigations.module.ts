import { Module } from '@nestjs/common';
import { CaseAccess } from './case-access.service.js';
import { EvidenceNotesService } from './evidence-notes.service.js';
import { InvestigationsController } from './investigations.controller.js';
import { InvestigationsService } from './investigations.service.js';
import { LifecycleService } from './lifecycle.service.js';
import { TeamService } from './team.service.js';

@Module({
  controllers: [InvestigationsController],
  providers: [CaseAccess, InvestigationsService, LifecycleService, TeamService, EvidenceNotesService],
  exports: [CaseAccess, InvestigationsService],
})
export class InvestigationsModule {}
