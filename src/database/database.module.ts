import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app.config.js';
import { dataSourceOptions, type EntityList } from './data-source.js';
import { ReadQueries } from './read-queries.js';
import { UnitOfWork } from './unit-of-work.js';
import { SettingsService } from './settings.service.js';

@Module({})
export class DatabaseModule {
  /** `entities` is the application's list (src/app-data-source.ts): database/ names no domain. */
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<{ app: AppConfig }, true>) => ({
            ...dataSourceOptions(config.get('app', { infer: true }).db, entities),
            // The schema is brought up to date at every start.
            migrationsRun: true,
            migrationsTransactionMode: 'each',
          }),
        }),
      ],
      providers: [UnitOfWork, SettingsService, ReadQueries],
      exports: [UnitOfWork, SettingsService, ReadQueries],
    };
  }
}
