import { Module } from '@nestjs/common';
import { InvestigationsModule } from '../investigations/investigations.module.js';
import { AllegationsController } from './allegations.controller.js';
import { AllegationsService } from './allegations.service.js';
import { SubjectsController } from './subjects.controller.js';
import { SubjectsService } from './subjects.service.js';

/** Subjects (officers under investigation in one case) and the allegations against them. */
@Module({
  imports: [InvestigationsModule],
  controllers: [SubjectsController, AllegationsController],
  providers: [SubjectsService, AllegationsService],
  exports: [SubjectsService, AllegationsService],
})
export class AllegationsModule {}
