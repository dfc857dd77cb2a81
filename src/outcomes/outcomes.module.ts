import { Module } from '@nestjs/common';
import { AllegationsModule } from '../allegations/allegations.module.js';
import { BarredListModule } from '../barred-list/barred-list.module.js';
import { InvestigationsModule } from '../investigations/investigations.module.js';
import { OutcomesController } from './outcomes.controller.js';
import { OutcomesService } from './outcomes.service.js';

@Module({
  imports: [InvestigationsModule, AllegationsModule, BarredListModule],
  controllers: [OutcomesController],
  providers: [OutcomesService],
})
export class OutcomesModule {}
