export enum ComplaintChannel {
  PublicComplaint = 'public_complaint',
  ConductMatter = 'conduct_matter',
  DeathOrSeriousInjury = 'death_or_serious_injury',
  Whistleblowing = 'whistleblowing',
}

export enum ComplaintStatus {
  Received = 'received',
  Assessed = 'assessed',
  ReferredForInvestigation = 'referred_for_investigation',
  Resolved = 'resolved',
  Withdrawn = 'withdrawn',
}
