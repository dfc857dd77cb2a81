/** The outcome form's fields a conduct rule can be about. */
export type OutcomeField = 'type' | 'sanction' | 'learningOutcome' | 'hearingType' | 'decidedOn';

/**
 * Which fields a broken conduct rule (422) is about. The API names the rules only in words
 * (details.rules), so the words decide; a rule about none of them belongs to the outcome itself.
 * src/outcomes/outcome-rules-in-the-app.spec.ts checks this against every rule the server has.
 */
export function fieldsOfRule(rule: string): OutcomeField[] {
  if (/day still in the future/.test(rule)) return ['decidedOn'];
  const fields: OutcomeField[] = [];
  if (/learning outcome/.test(rule)) fields.push('learningOutcome');
  if (/sanction|warning|reduction in rank/.test(rule)) fields.push('sanction');
  if (/hearing/.test(rule)) fields.push('hearingType');
  return fields.length ? fields : ['type'];
}
