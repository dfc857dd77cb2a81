import { Allegation } from '../allegations/allegation.entity.js';
import { Subject } from '../allegations/subject.entity.js';
import { Session } from '../auth/session.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { BarredListEntry } from '../barred-list/barred-list-entry.entity.js';
import { Complaint } from '../complaints/complaint.entity.js';
import { ImportJob } from '../imports/import-job.entity.js';
import { EvidenceNote } from '../investigations/evidence-note.entity.js';
import { Investigation } from '../investigations/investigation.entity.js';
import { TeamMember } from '../investigations/team-member.entity.js';
import { Officer } from '../officers/officer.entity.js';
import { Outcome } from '../outcomes/outcome.entity.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { User } from '../users/user.entity.js';
import { Counter } from './counter.entity.js';
import { Setting } from './setting.entity.js';

/** Every entity, listed explicitly (no globs: they break under ESM and bundling). */
export const ENTITIES = [
  User, Session, Setting, AuditEvent, Counter,
  Officer, Complaint, Investigation, TeamMember, EvidenceNote,
  Subject, Allegation, Outcome, BarredListEntry, Recommendation,
  ImportJob,
];
