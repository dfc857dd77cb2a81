import { CreateAccounts1764000000000 } from './1764000000000-CreateAccounts.js';
import { CreateAuditEvents1764000000001 } from './1764000000001-CreateAuditEvents.js';
import { CreateCaseRecords1764000000002 } from './1764000000002-CreateCaseRecords.js';
import { AddInvestigationSuspendedFrom1764000000100 } from './1764000000100-AddInvestigationSuspendedFrom.js';
import { AddReportIndexes1764000000400 } from './1764000000400-AddReportIndexes.js';
import { CoverEarlyInterventionIndex1764000000401 } from './1764000000401-CoverEarlyInterventionIndex.js';
import { CreateImportJobs1764000000450 } from './1764000000450-CreateImportJobs.js';
import { CreateSessions1764000000500 } from './1764000000500-CreateSessions.js';

/** Every migration in order. Merged migrations are never edited: add a new one. */
export const MIGRATIONS = [CreateAccounts1764000000000, CreateAuditEvents1764000000001, CreateCaseRecords1764000000002,
  AddInvestigationSuspendedFrom1764000000100, AddReportIndexes1764000000400, CoverEarlyInterventionIndex1764000000401, CreateImportJobs1764000000450,
  CreateSessions1764000000500];
