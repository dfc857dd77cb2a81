import { Module } from '@nestjs/common';
import { Importer } from './importer.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

@Module({
  controllers: [ImportsController],
  providers: [Importer, ImportsService],
  exports: [Importer],
})
export class ImportsModule {}
