import { Module } from '@nestjs/common';
import { InvestigationsModule } from '../investigations/investigations.module.js';
import { OfficerCasesService } from './officer-cases.service.js';
import { OfficersController } from './officers.controller.js';
import { OfficersService } from './officers.service.js';

@Module({
  imports: [InvestigationsModule],
  controllers: [OfficersController],
  providers: [OfficersService, OfficerCasesService],
  exports: [OfficersService],
})
export class OfficersModule {}
