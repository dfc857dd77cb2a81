import { Module } from '@nestjs/common';
import { Pseudonymiser } from '../common/privacy/pseudonymiser.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

@Module({
  controllers: [ExportsController],
  providers: [ExportsService, Pseudonymiser],
})
export class ExportsModule {}
