import { decodeCsv } from '@cls/csv';
import type { TextEncoding, TextLine } from './text-lines.js';

/** A record of a delimited file: its fields, and the line it starts on (1-based). */
export interface DelimitedRecord {
  line: number;
  fields: string[];
}

/** A line the reader could not make a record of, with a French reason. */
export interface UnreadableLine {
  line: number;
  reason: string;
}

export type DelimitedRead = DelimitedRecord | UnreadableLine;
export const isRecord = (read: DelimitedRead): read is DelimitedRecord => 'fields' in read;

export interface DelimitedOptions {
  delimiter: string;
  /**
   * Keep a quote inside an unquoted value as text (`CMP "LES PINS"`) instead of refusing the line:
   * the national FINESS file is read leniently, as one stray quote would otherwise lose an establishment.
   */
  relaxQuotes?: boolean;
  /**
   * A quoted value may span lines (RFC 4180); one still open after this many lines is taken for a
   * stray quote: its first line is reported and the lines after it are read again on their own,
   * so that one quote never swallows the rest of the file. 20 by default.
   */
  maxRecordLines?: number;
}

const OPEN = Symbol('open quote');

export const UNREADABLE = {
  quoteNotClosed: 'guillemet ouvert jamais fermé',
  closingQuote: 'guillemet fermant suivi d’autres caractères',
  openingQuote: 'guillemet au milieu d’une valeur non entourée de guillemets',
  tooLong: 'ligne trop longue, lue en partie seulement',
} as const;

/** The fields of one record's text (RFC 4180 quoting: `"a;b"`, `""` for a quote), or why it cannot be read. */
function fieldsOf(text: string, delimiter: string, relaxQuotes: boolean): string[] | string | typeof OPEN {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return OPEN;
        value += text.slice(from, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === text.length) return fields;
      if (!text.startsWith(delimiter, i)) return UNREADABLE.closingQuote;
      i += delimiter.length;
    } else {
      const next = text.indexOf(delimiter, i);
      const value = text.slice(i, next === -1 ? text.length : next);
      if (!relaxQuotes && value.includes('"')) return UNREADABLE.openingQuote;
      fields.push(value);
      if (next === -1) return fields;
      i = next + delimiter.length;
    }
    if (i === text.length) {
      fields.push('');
      return fields;
    }
  }
}

/**
 * Turns lines into records, one line at a time (`push`, then `end`): only the lines of a record
 * whose quoted value is still open are held. Empty lines are skipped.
 */
export class DelimitedRecordReader {
  private held: TextLine[] = [];
  private readonly delimiter: string;
  private readonly relaxQuotes: boolean;
  private readonly maxRecordLines: number;

  constructor(options: DelimitedOptions) {
    this.delimiter = options.delimiter;
    this.relaxQuotes = options.relaxQuotes ?? false;
    this.maxRecordLines = options.maxRecordLines ?? 20;
  }

  push(line: TextLine): DelimitedRead[] {
    const out: DelimitedRead[] = [];
    this.take(line, out);
    return out;
  }

  end(): DelimitedRead[] {
    const out: DelimitedRead[] = [];
    while (this.held.length > 0) this.giveUp(out);
    return out;
  }

  private take(line: TextLine, out: DelimitedRead[]): void {
    if (this.held.length === 0) {
      if (line.text === '') return;
      if (line.truncated) {
        out.push({ line: line.line, reason: UNREADABLE.tooLong });
        return;
      }
    }
    this.held.push(line);
    const start = this.held[0] as TextLine;
    const text = this.held.length === 1 ? line.text : this.held.map((held) => held.text).join('\n');
    const read = fieldsOf(text, this.delimiter, this.relaxQuotes);
    if (read === OPEN) {
      if (this.held.length >= this.maxRecordLines || line.truncated) this.giveUp(out);
      return;
    }
    this.held = [];
    out.push(
      typeof read === 'string' ? { line: start.line, reason: read } : { line: start.line, fields: read },
    );
  }

  /** The held record's quote is never closed: its first line is reported, the others read again. */
  private giveUp(out: DelimitedRead[]): void {
    const [first, ...rest] = this.held;
    this.held = [];
    if (first) out.push({ line: first.line, reason: UNREADABLE.quoteNotClosed });
    for (const line of rest) this.take(line, out);
  }
}

/** The records of lines read as a stream. */
export async function* delimitedRecords(
  lines: AsyncIterable<TextLine>,
  options: DelimitedOptions,
): AsyncIterable<DelimitedRead> {
  const reader = new DelimitedRecordReader(options);
  for await (const line of lines) yield* reader.push(line);
  yield* reader.end();
}

/** The records of a text already in memory (tests, small files). */
export function delimitedRecordsOfText(text: string, options: DelimitedOptions): DelimitedRead[] {
  const reader = new DelimitedRecordReader(options);
  const out: DelimitedRead[] = [];
  for (const line of linesOfText(text)) out.push(...reader.push(line));
  out.push(...reader.end());
  return out;
}

/** The lines of a text, numbered as readTextLines numbers a file's (BOM dropped, `\r\n` or `\n`). */
export function linesOfText(text: string): TextLine[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = body.split('\n').map((raw, index) => ({
    line: index + 1,
    text: raw.endsWith('\r') ? raw.slice(0, -1) : raw,
  }));
  if (lines.length > 0 && lines[lines.length - 1]?.text === '' && body.endsWith('\n')) lines.pop();
  return body === '' ? [] : lines;
}

/**
 * Bytes decoded the way detectOfferFile reads a file: strict UTF-8 when they are valid UTF-8
 * (with or without BOM), Windows-1252 (Latin-1) otherwise — never mojibake either way. The rule
 * is @cls/csv's `decodeCsv` (Node's TextDecoder reads a whole buffer labelled windows-1252 as
 * ISO-8859-1, which turns « œ » and « – » into control characters).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const { text, encoding } = decodeCsv(bytes);
  return { text, encoding: encoding === 'utf-8' ? 'utf-8' : 'latin1' };
}
