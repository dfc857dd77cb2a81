import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { AuditService } from './audit.service.js';

/** Actions of access events: consultation and disclosure of data, not changes to it. */
export const AccessAction = {
  /** Data left the system: an export (CSV, JSON Lines) or a bulk download. */
  ExportDisclosed: 'export.disclosed',
  /** Someone was shown a complainant's personal data (name, contact, attributes). */
  PersonalDataRead: 'complaint.personal_data_read',
} as const;

export interface Disclosure {
  /** What was exported, e.g. 'complaints'. */
  dataset: string;
  /** e.g. 'csv', 'jsonl'. */
  format: string;
  /** The filters and options the caller gave (so the disclosure can be reproduced). */
  filters?: Record<string, unknown>;
  /** Publication options that changed the content, e.g. { suppress: 5, pseudonymise: true }. */
  options?: Record<string, unknown>;
}

/**
 * UK data-protection law requires consultation and disclosure of personal data to be logged
 * (who, what, when). Reads change nothing, so these events get a transaction of their own.
 * Record them BEFORE the data is sent: if the audit write fails, the read or export must fail.
 *
 *   await this.accessLog.disclosed(actor, { dataset: 'complaints', format: 'csv', filters: query });
 *   await this.accessLog.personalDataRead(actor, complaint.id, ['complainantName', 'complainantContact']);
 *
 * Inside a transaction that already writes, call AuditService.record with the same actions.
 */
@Injectable()
export class AccessLog {
  constructor(private readonly uow: UnitOfWork, private readonly audit: AuditService) {}

  async disclosed(actor: AuthUser, disclosure: Disclosure): Promise<void> {
    await this.uow.run((em) => this.audit.record(em, {
      actor,
      action: AccessAction.ExportDisclosed,
      entityType: 'export',
      entityId: `${disclosure.dataset}.${disclosure.format}`,
      detail: { ...disclosure },
    }));
  }

  async personalDataRead(actor: AuthUser, complaintId: string, fields: string[]): Promise<void> {
    await this.uow.run((em) => this.audit.record(em, {
      actor,
      action: AccessAction.PersonalDataRead,
      entityType: 'complaint',
      entityId: complaintId,
      detail: { fields },
    }));
  }
}
