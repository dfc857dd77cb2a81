import { Module } from '@nestjs/common';
import { TimeModule } from '../common/time/time.module.js';
import { InvestigationsModule } from '../investigations/investigations.module.js';
import { RecommendationsController } from './recommendations.controller.js';
import { RecommendationsService } from './recommendations.service.js';

@Module({
  imports: [InvestigationsModule, TimeModule],
  controllers: [RecommendationsController],
  providers: [RecommendationsService],
  exports: [RecommendationsService],
})
export class RecommendationsModule {}
