import { CreateAccounts1764000000000 } from './1764000000000-CreateAccounts.js';
import { CreateAuditEvents1764000000001 } from './1764000000001-CreateAuditEvents.js';

/** Every migration in order. Merged migrations are never edited: add a new one. */
export const MIGRATIONS = [CreateAccounts1764000000000, CreateAuditEvents1764000000001];
