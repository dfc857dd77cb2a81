import { Module } from '@nestjs/common';
import { InvestigationsModule } from '../investigations/investigations.module.js';
import { BarredListController } from './barred-list.controller.js';
import { BarredListService } from './barred-list.service.js';

@Module({
  imports: [InvestigationsModule],
  controllers: [BarredListController],
  providers: [BarredListService],
  exports: [BarredListService],
})
export class BarredListModule {}
