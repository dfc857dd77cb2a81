import type { ImportFormatName } from './import-row.js';

export interface ImportRejection {
  line: number;
  reason: string;
}

/** Records created by an import, by kind. */
export interface ImportCounts {
  officers: number;
  investigations: number;
  complaints: number;
  subjects: number;
  allegations: number;
  outcomes: number;
  barredListEntries: number;
}

export const zeroCounts = (): ImportCounts => ({
  officers: 0, investigations: 0, complaints: 0, subjects: 0, allegations: 0, outcomes: 0, barredListEntries: 0,
});

/** Only the first rejections are listed (a wholly wrong file would otherwise list every line). */
export const MAX_LISTED_REJECTIONS = 1000;

export interface ImportReport {
  format: ImportFormatName;
  file: string;
  dryRun: boolean;
  skipInvalid: boolean;
  /** Data rows in the file (the header not counted). */
  rows: number;
  valid: number;
  rejected: number;
  /** By line, the first MAX_LISTED_REJECTIONS of them. */
  rejections: ImportRejection[];
  rejectionsTruncated: boolean;
  /** The file as a whole could not be read (bad header, broken CSV): nothing is written, even with skipInvalid. */
  fileError: string | null;
  /** False for a dry run, and when bad rows stopped the import (no skipInvalid). */
  written: boolean;
  created: ImportCounts;
  /** Valid rows whose allegation an earlier import already brought in (re-runs add nothing). */
  alreadyPresent: number;
  seconds: number;
}
