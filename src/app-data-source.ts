import { DataSource, type DataSourceOptions } from 'typeorm';
import { Allegation } from './allegations/allegation.entity.js';
import { Subject } from './allegations/subject.entity.js';
import { Session } from './auth/session.entity.js';
import { AuditEvent } from './audit/audit-event.entity.js';
import { BarredListEntry } from './barred-list/barred-list-entry.entity.js';
import { Complaint } from './complaints/complaint.entity.js';
import { loadConfig, type DatabaseConfig } from './config/app.config.js';
import { Counter } from './database/counter.entity.js';
import { dataSourceOptions } from './database/data-source.js';
import { Setting } from './database/setting.entity.js';
import { ImportJob } from './imports/import-job.entity.js';
import { EvidenceNote } from './investigations/evidence-note.entity.js';
import { Investigation } from './investigations/investigation.entity.js';
import { TeamMember } from './investigations/team-member.entity.js';
import { Officer } from './officers/officer.entity.js';
import { Outcome } from './outcomes/outcome.entity.js';
import { Recommendation } from './recommendations/recommendation.entity.js';
import { User } from './users/user.entity.js';

/**
 * Every entity, listed explicitly (no globs: they break under ESM and bundling). The list
 * names every domain, so it is assembled here, above them, and handed down to database/.
 */
export const ENTITIES = [
  User, Session, Setting, AuditEvent, Counter,
  Officer, Complaint, Investigation, TeamMember, EvidenceNote,
  Subject, Allegation, Outcome, BarredListEntry, Recommendation,
  ImportJob,
];

/** The application's connection: every entity and every migration. */
export function appDataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  return dataSourceOptions(db, ENTITIES);
}

/** A data source outside Nest (CLI, benchmarks), configured from the environment. */
export function createDataSource(db: DatabaseConfig = loadConfig().db): DataSource {
  return new DataSource(appDataSourceOptions(db));
}
