import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ENTITIES } from './app-data-source.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CommonModule } from './common/common.module.js';
import { JwtAuthGuard } from './common/auth/jwt-auth.guard.js';
import { RolesGuard } from './common/auth/roles.guard.js';
import { DomainErrorFilter } from './common/errors/domain-error.filter.js';
import type { AppConfig } from './config/app.config.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { HistoryModule } from './history/history.module.js';
import { AllegationsModule } from './allegations/allegations.module.js';
import { BarredListModule } from './barred-list/barred-list.module.js';
import { CaseSummariesModule } from './case-summaries/case-summaries.module.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { InvestigationsModule } from './investigations/investigations.module.js';
import { OfficersModule } from './officers/officers.module.js';
import { OutcomesModule } from './outcomes/outcomes.module.js';
import { RecommendationsModule } from './recommendations/recommendations.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { UsersModule } from './users/users.module.js';

@Module({
  imports: [
    DatabaseModule.forRoot(ENTITIES),
    CommonModule,
    AuditModule,
    UsersModule,
    AuthModule,
    HealthModule,
    // Case records
    OfficersModule,
    ComplaintsModule,
    InvestigationsModule,
    AllegationsModule,
    OutcomesModule,
    BarredListModule,
    RecommendationsModule,
    CaseSummariesModule,
    HistoryModule,
    // Analysis and data exchange
    ReportsModule,
    ExportsModule,
    ImportsModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: DomainErrorFilter },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AppModule {
  /** `config` was validated from the environment by loadConfig (main.ts, CLI) or built by a test. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ app: config })] })],
    };
  }
}
