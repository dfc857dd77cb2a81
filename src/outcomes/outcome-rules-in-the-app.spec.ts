import { fieldsOfRule } from '../../web/src/features/outcomes/ruleFields.js';
import { OUTCOME_RULES } from './outcome-rules.js';

// The web app puts each broken rule (a 422 names them only in words) next to the field it is about.
const FIELD_OF_RULE: Record<string, string[]> = {
  'a disciplined outcome needs a sanction (written warning, final written warning or reduction in rank)': ['sanction'],
  'only a disciplined outcome carries a sanction': ['sanction'],
  'a learning outcome needs its kind (management action, reflective practice review or practice requiring improvement)': ['learningOutcome'],
  'only a learning outcome has a learning outcome kind': ['learningOutcome'],
  'dismissal, or a finding that the officer would have been dismissed, needs an allegation of gross misconduct found proven': ['type'],
  'dismissal, or a finding that the officer would have been dismissed, needs a gross misconduct hearing or an accelerated hearing': ['hearingType'],
  'a serving or suspended officer cannot be found "would have been dismissed": only a former officer who resigned or retired can': ['type'],
  'only a serving or suspended officer can be dismissed; a former officer who resigned or retired can be found "would have been dismissed"': ['type'],
  'reduction in rank can only follow a gross misconduct hearing or an accelerated hearing': ['sanction', 'hearingType'],
  'a final written warning needs an allegation of misconduct or gross misconduct found proven; it cannot follow on misconduct never found': ['sanction'],
  'a disciplinary sanction needs at least one allegation found proven': ['sanction'],
  'an accelerated hearing is only for gross misconduct: the subject needs an allegation assessed as gross misconduct': ['hearingType'],
};

describe('the web app shows each broken conduct rule at its field', () => {
  it.each(OUTCOME_RULES.map((r) => r.rule))('%s', (rule) => {
    if (!(rule in FIELD_OF_RULE)) {
      throw new Error(`a new or reworded conduct rule: say here which outcome field it is about, and check fieldsOfRule in web/src/features/outcomes/ruleFields.ts`);
    }
    expect(fieldsOfRule(rule)).toEqual(FIELD_OF_RULE[rule]);
  });

  it('puts a decision dated in the future at "Decided on"', () => {
    expect(fieldsOfRule('an outcome cannot be decided on a day still in the future')).toEqual(['decidedOn']);
  });
});
