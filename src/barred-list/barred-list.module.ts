import { Module } from '@nestjs/common';
import { TimeModule } from '../common/time/time.module.js';
import { InvestigationsModule } from '../investigations/investigations.module.js';
import { BarredListController } from './barred-list.controller.js';
import { BarredListService } from './barred-list.service.js';

@Module({
  imports: [InvestigationsModule, TimeModule],
  controllers: [BarredListController],
  providers: [BarredListService],
  exports: [BarredListService],
})
export class BarredListModule {}
