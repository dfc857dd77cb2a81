import { CaseToAnswer, Finding } from './allegation.enums.js';

/** Rules a recorded finding must satisfy; each entry is the rule in words (the 422 message). */
export function brokenFindingRules(caseToAnswer: CaseToAnswer, finding: Finding): string[] {
  const broken: string[] = [];
  if (caseToAnswer === CaseToAnswer.Pending && finding !== Finding.Pending) {
    broken.push('a finding can only be recorded once it has been decided whether there is a case to answer');
  }
  if (finding === Finding.Proven && caseToAnswer !== CaseToAnswer.Yes) {
    broken.push('an allegation can only be found proven when there is a case to answer');
  }
  return broken;
}
