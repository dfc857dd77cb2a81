import type { Schema } from '../../api/client';

export type InvestigationStatus = Schema<'InvestigationResponse'>['status'];
export type InvestigationMode = Schema<'InvestigationResponse'>['mode'];
export type InvestigationOrigin = Schema<'InvestigationResponse'>['origin'];

export const STATUS_LABELS: Record<InvestigationStatus, string> = {
  open: 'Open',
  investigating: 'Investigating',
  report_submitted: 'Report submitted',
  decision: 'Awaiting decision',
  closed: 'Closed',
  suspended: 'Suspended',
  reopened: 'Reopened',
};

export const MODE_LABELS: Record<InvestigationMode, string> = {
  local: 'Local',
  directed: 'Directed',
  independent: 'Independent',
  supervised: 'Supervised (before 2020)',
  managed: 'Managed (before 2020)',
};

export const ORIGIN_LABELS: Record<InvestigationOrigin, string> = {
  complaint: 'Complaint',
  conduct_matter: 'Conduct matter',
  death_or_serious_injury: 'Death or serious injury',
  whistleblowing: 'Whistleblowing',
  referral: 'Referral',
};

export const STATUSES = Object.keys(STATUS_LABELS) as InvestigationStatus[];
