import { CaseToAnswer, Finding } from './allegation.enums.js';
import { brokenFindingRules } from './finding-rules.js';

describe('finding rules', () => {
  it.each([
    [CaseToAnswer.Pending, Finding.Proven, [
      'a finding can only be recorded once it has been decided whether there is a case to answer',
      'an allegation can only be found proven when there is a case to answer',
    ]],
    [CaseToAnswer.Pending, Finding.NotProven, ['a finding can only be recorded once it has been decided whether there is a case to answer']],
    [CaseToAnswer.No, Finding.Proven, ['an allegation can only be found proven when there is a case to answer']],
  ])('refuses case to answer %s with finding %s', (caseToAnswer, finding, expected) => {
    expect(brokenFindingRules(caseToAnswer, finding)).toEqual(expected);
  });

  it.each([
    [CaseToAnswer.Pending, Finding.Pending],
    [CaseToAnswer.Yes, Finding.Proven],
    [CaseToAnswer.Yes, Finding.NotProven],
    [CaseToAnswer.Yes, Finding.Pending],
    [CaseToAnswer.No, Finding.NotProven],
    [CaseToAnswer.No, Finding.Withdrawn],
  ])('allows case to answer %s with finding %s', (caseToAnswer, finding) => {
    expect(brokenFindingRules(caseToAnswer, finding)).toEqual([]);
  });
});
