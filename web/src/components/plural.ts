/** A noun's two English forms: [one, other], e.g. ['case', 'cases']. */
export type Noun = readonly [one: string, other: string];

const rules = new Intl.PluralRules('en-GB');

/** The form of the noun that goes with the count. */
export function nounFor(count: number, [one, other]: Noun): string {
  return rules.select(count) === 'one' ? one : other;
}

/** The count with its noun: "1 case", "14 cases". */
export function countOf(count: number, noun: Noun): string {
  return `${count} ${nounFor(count, noun)}`;
}
