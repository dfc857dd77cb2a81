import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app.config.js';
import { dataSourceOptions } from './data-source.js';
import { ReadQueries } from './read-queries.js';
import { UnitOfWork } from './unit-of-work.js';
import { SettingsService } from './settings.service.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<{ app: AppConfig }, true>) => ({
        ...dataSourceOptions(config.get('app', { infer: true }).db),
        // The schema is brought up to date at every start.
        migrationsRun: true,
        migrationsTransactionMode: 'each',
      }),
    }),
  ],
  providers: [UnitOfWork, SettingsService, ReadQueries],
  exports: [UnitOfWork, SettingsService, ReadQueries],
})
export class DatabaseModule {}
