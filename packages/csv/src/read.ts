import { restoreFormula } from './index.js';

/**
 * Reading back a CSV file someone edited: spreadsheet software in France saves
 * `;`-separated Windows-1252 (Excel's « CSV (séparateur : point-virgule) »), or
 * UTF-8 with or without a BOM, LibreOffice often `,`. The imports read all of them.
 */

export type CsvEncoding = 'utf-8' | 'windows-1252';

/** The file's text: UTF-8 when its bytes are valid UTF-8 (BOM removed), Windows-1252 otherwise. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Windows-1252's characters at 0x80–0x9F (€, ‚, ƒ, „, …, œ, Ÿ…): undefined bytes stay as their code point. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Decoded by hand: Node's TextDecoder reads the 'windows-1252' label as
 * ISO-8859-1, which turns « œ » and « – » into control characters.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  }
  return text;
}

/** The separator of a file: the one of `;`, `,` and tab its first line holds most often outside quotes (`;` on a tie). */
export function detectSeparator(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as keyof typeof counts] += 1;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[','] > counts[';'] ? ',' : ';';
}

/** A record of the file, with its row number as a spreadsheet shows it (1 = the first). */
export interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * The records of a CSV text (RFC 4180 quoting, a line break inside quotes kept
 * in its cell, CRLF or LF, BOM), cells as they were before `toCsv` neutralised
 * them. Empty records are left out but counted, so that `line` is the row a
 * spreadsheet shows.
 */
export function readCsv(text: string, separator: string = detectSeparator(text)): CsvRow[] {
  const input = text.replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  let line = 1;
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  const endRecord = () => {
    cells.push(field);
    if (cells.some((cell) => cell !== '')) rows.push({ line, cells: cells.map(restoreFormula) });
    line += 1;
    cells = [];
    field = '';
  };
  for (let i = 0; i < input.length; i += 1) {
    const char = input[i];
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char === '\r' && input[i + 1] === '\n' ? '' : char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      cells.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i += 1;
      endRecord();
    } else field += char;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return rows;
}
