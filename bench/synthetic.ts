/**
 * A synthetic data set in the CCRB allegations format (27 columns), deterministic for a
 * seed: `investigations` complaints sharing `allegations` rows between them, 1-3 officers
 * each from a pool, every 50th row an exact duplicate of the one before (as in the real data).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { CCRB_COLUMNS } from '../src/imports/formats/ccrb.format.js';

export interface SyntheticSize {
  allegations: number;
  investigations: number;
}

/** Mulberry32: small, fast, good enough to spread synthetic values. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['John', 'Maria', 'Kevin', 'Noemi', 'Joseph', 'Ana', 'Lee', 'Daniel', 'Fatima', 'Michael', 'Grace', 'Omar'];
const FAMILY = ['Ruiz', 'Sears', 'Sierra', 'Sweeney', 'Kruck', 'Lopez', 'Chang', 'Murphy', 'Okafor', 'Rossi', 'Nguyen', 'Cohen'];
const RANKS = [['Police Officer', 'POM'], ['Detective', 'DT3'], ['Sergeant', 'SGT'], ['Lieutenant', 'LT']];
const ETHNICITIES = ['White', 'Black', 'Hispanic', 'Asian', 'American Indian'];
const FADO: Record<string, string[]> = {
  'Force': ['Physical force', 'Gun Pointed', 'Chokehold', 'Nightstick as club (incl asp & baton)'],
  'Abuse of Authority': ['Frisk', 'Stop', 'Search (of person)', 'Threat of arrest, summons', 'Refusal to provide name/shield number'],
  'Discourtesy': ['Word', 'Curse', 'Action'],
  'Offensive Language': ['Race', 'Gender', 'Sexual orientation'],
};
const FADO_TYPES = Object.keys(FADO);
const DISPOSITIONS = [
  'Unsubstantiated', 'Unsubstantiated', 'Unsubstantiated', 'Exonerated', 'Exonerated', 'Unfounded',
  'Substantiated (Charges)', 'Substantiated (Command Discipline A)', 'Substantiated (Formalized Training)',
  'Miscellaneous - Subject Retired', 'Closed - Pending Litigation',
];
const CONTACTS = ['Report-domestic dispute', 'Moving violation', 'PD suspected C/V of violation/crime - street', 'Other'];
const RESULTS = ['No arrest made or summons issued', 'Arrest - other violation/crime', 'Summons - moving violation'];

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Writes the file; returns the number of data rows (= size.allegations). */
export async function writeSyntheticCcrb(path: string, size: SyntheticSize, seed = 5): Promise<number> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const officerPool = Math.max(10, Math.round(size.investigations / 3));
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${CCRB_COLUMNS.join(',')}\n`);
  let buffer = '';
  let written = 0;
  let previous = '';
  for (let c = 0; c < size.investigations; c += 1) {
    const rows = Math.floor(size.allegations / size.investigations) + (c < size.allegations % size.investigations ? 1 : 0);
    const year = 2000 + Math.floor(next() * 25);
    const month = 1 + Math.floor(next() * 12);
    const closed = next() < 0.9;
    const precinct = String(1 + Math.floor(next() * 123));
    const complainant = [pick(ETHNICITIES), pick(['Male', 'Female']), String(16 + Math.floor(next() * 60))];
    const contact = [pick(CONTACTS), pick(RESULTS)];
    const officers = Array.from({ length: 1 + Math.floor(next() * 3) }, () => Math.floor(next() * officerPool));
    for (let r = 0; r < rows; r += 1) {
      let line: string;
      if (r > 0 && written % 50 === 49) {
        line = previous; // an exact duplicate: still an allegation of its own
      } else {
        const officer = officers[r % officers.length];
        const [rank, abbrev] = RANKS[officer % RANKS.length];
        const fado = pick(FADO_TYPES);
        line = [
          String(10000 + officer), GIVEN[officer % GIVEN.length], FAMILY[(officer >> 3) % FAMILY.length], `${String(officer % 123).padStart(3, '0')} PCT`,
          officer % 10 === 0 ? '0' : String(1000 + (officer % 30000)), String(100000 + c), String(month), String(year),
          closed ? String(month) : '', closed ? String(Math.min(year + 1, 2025)) : '', `${precinct.padStart(3, '0')} PCT`, abbrev, abbrev, rank, rank,
          ETHNICITIES[officer % ETHNICITIES.length], officer % 4 === 0 ? 'F' : 'M', String(25 + (officer % 30)),
          ...complainant, fado, pick(FADO[fado]), precinct, ...contact, pick(DISPOSITIONS),
        ].map(quote).join(',');
      }
      previous = line;
      buffer += `${line}\n`;
      written += 1;
      if (buffer.length > 1 << 20) {
        await write(buffer);
        buffer = '';
      }
    }
  }
  await write(buffer);
  out.end();
  await once(out, 'finish');
  return written;
}
