import Papa from 'papaparse';

/**
 * Text cells a spreadsheet would run as a formula: starting with =, +, -, @, tab or CR.
 * Papa's own pattern for this (`escapeFormulae: true`) misses such a cell when it holds a
 * line break further on.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const UNPARSE: Papa.UnparseConfig = { header: false, newline: '\r\n', escapeFormulae: FORMULA_START };

/**
 * Rows as RFC 4180 CSV lines, each ended by CRLF: cells holding a comma, quote or line break
 * quoted (quotes doubled), null and undefined empty. Formula-like text gets a leading single
 * quote, so a spreadsheet shows it as text; numbers and booleans are written as they are
 * (-3 stays -3).
 */
export function csvLines(rows: readonly unknown[][]): string {
  return rows.length ? `${Papa.unparse(rows as unknown[][], UNPARSE)}\r\n` : '';
}
