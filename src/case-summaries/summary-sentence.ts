import { OutcomeType } from '../outcomes/outcome.enums.js';

/** The figures the plain-English sentence is built from. */
export interface SentenceFigures {
  officersInvestigated: number;
  outcomes: Record<OutcomeType | 'pending', number>;
  dismissedForGrossMisconduct: number;
  /** Barred-list entries (current ones) from dismissals and from would-have-been dismissals. */
  barredDismissed: number;
  barredWouldHaveBeenDismissed: number;
  recommendations: number;
}

const was = (n: number) => (n === 1 ? 'was' : 'were');

/** "a", "a and b", "a, b and c". */
function listInWords(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function dismissals(f: SentenceFigures): string | null {
  const n = f.outcomes[OutcomeType.Dismissed];
  if (!n) return null;
  const gross = f.dismissedForGrossMisconduct === n ? ' for gross misconduct'
    : f.dismissedForGrossMisconduct > 0 ? ` (${f.dismissedForGrossMisconduct} for gross misconduct)` : '';
  const barred = f.barredDismissed === n ? ' and barred' : '';
  return `${n} ${was(n)} dismissed${gross}${barred}`;
}

function wouldHaveBeenDismissed(f: SentenceFigures): string | null {
  const n = f.outcomes[OutcomeType.WouldHaveBeenDismissed];
  if (!n) return null;
  return `${n} would have been dismissed${f.barredWouldHaveBeenDismissed === n ? ` and ${was(n)} barred` : ''}`;
}

/**
 * One sentence in the style of a published summary, e.g. "Of 14 officers investigated, 2 were
 * dismissed for gross misconduct and barred, 2 resigned and 2 were disciplined; 15
 * recommendations were made." It names the outcomes that ended or marked a career (dismissal,
 * would-have-been dismissal, resignation, retirement, discipline); the full counts, learning
 * outcomes, no further action and pending ones included, are in the figures beside it.
 */
export function summarySentence(f: SentenceFigures): string {
  const recommendations = f.recommendations === 0 ? 'no recommendations were made'
    : `${f.recommendations} recommendation${f.recommendations === 1 ? ' was' : 's were'} made`;
  if (f.officersInvestigated === 0) return `No officers were investigated; ${recommendations}.`;

  const resigned = f.outcomes[OutcomeType.Resigned];
  const retired = f.outcomes[OutcomeType.Retired];
  const disciplined = f.outcomes[OutcomeType.Disciplined];
  const clauses = [
    dismissals(f),
    wouldHaveBeenDismissed(f),
    resigned ? `${resigned} resigned` : null,
    retired ? `${retired} retired` : null,
    disciplined ? `${disciplined} ${was(disciplined)} disciplined` : null,
  ].filter((c): c is string => c !== null);

  const decided = Object.entries(f.outcomes).some(([type, n]) => type !== 'pending' && n > 0);
  const what = clauses.length ? listInWords(clauses)
    : decided ? 'none was dismissed, resigned, retired or disciplined' : 'none has an outcome yet';
  const officers = `${f.officersInvestigated} officer${f.officersInvestigated === 1 ? '' : 's'}`;
  return `Of ${officers} investigated, ${what}; ${recommendations}.`;
}
