import { AuditEvent } from '../audit/audit-event.entity.js';
import { User } from '../users/user.entity.js';
import { Setting } from './setting.entity.js';

/** Every entity, listed explicitly (no globs: they break under ESM and bundling). */
export const ENTITIES = [User, Setting, AuditEvent];
