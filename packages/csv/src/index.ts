/**
 * Every CSV file the platform writes goes through here: the public offers
 * export, the admin's plan and deliverable exports, the audit's report.
 *
 * A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
 * read by spreadsheet software as a formula (CSV injection: an offer named
 * `=HYPERLINK(…)` would become a link, or worse, on an auditor's machine). Such
 * a cell gets a leading apostrophe, which spreadsheets hide and show as text.
 * Plain numbers (`-0.57`, `+33`) are left alone: they are not formulas.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?$/;

/** The cell as a spreadsheet will show it as text, never run it. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** A cell read back from a file this module wrote: the apostrophe it added removed. */
export function restoreFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) && !PLAIN_NUMBER.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export interface CsvFormat {
  /** `,` (RFC 4180, for programs) or `;` (what French spreadsheet software expects). */
  separator: ',' | ';';
  /** A UTF-8 byte-order mark first, so that spreadsheet software reads accents right. */
  bom?: boolean;
}

/** One cell: neutralised, then quoted when it holds the separator, a quote or a line end. */
export function csvCell(value: string, separator: CsvFormat['separator']): string {
  const safe = neutraliseFormula(value);
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One line, CRLF-terminated as RFC 4180 says. */
export const csvLine = (cells: readonly string[], separator: CsvFormat['separator']) =>
  `${cells.map((cell) => csvCell(cell, separator)).join(separator)}\r\n`;

/** A whole file. */
export function toCsv(rows: ReadonlyArray<readonly string[]>, format: CsvFormat): string {
  return `${format.bom ? '\uFEFF' : ''}${rows.map((row) => csvLine(row, format.separator)).join('')}`;
}

export { type CsvEncoding, type CsvRow, decodeCsv, detectSeparator, readCsv } from './read.js';
