import type { InvestigationOrigin } from '../investigations/labels';
import type { Complaint } from './useComplaints';

export const CHANNEL_LABELS: Record<Complaint['channel'], string> = {
  public_complaint: 'Complaint from the public',
  conduct_matter: 'Conduct matter',
  death_or_serious_injury: 'Death or serious injury',
  whistleblowing: 'Whistleblowing',
};

export const COMPLAINT_STATUS_LABELS: Record<Complaint['status'], string> = {
  received: 'Received', assessed: 'Assessed', referred_for_investigation: 'Referred for investigation', resolved: 'Resolved', withdrawn: 'Withdrawn',
};

export const ORIGIN_OF_CHANNEL: Record<Complaint['channel'], InvestigationOrigin> = {
  public_complaint: 'complaint', conduct_matter: 'conduct_matter', death_or_serious_injury: 'death_or_serious_injury', whistleblowing: 'whistleblowing',
};
