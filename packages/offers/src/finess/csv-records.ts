import { type CsvError, parse } from 'csv-parse/sync';
import type { FinessRejection } from './establishment.js';

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvRecords {
  records: CsvRecord[];
  /** Lines the CSV reader could not read (bad quoting), with a French reason. */
  unreadable: FinessRejection[];
}

const READER_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'guillemet ouvert jamais fermé : la fin du fichier n’a pas pu être lue',
  CSV_INVALID_CLOSING_QUOTE: 'guillemet fermant suivi d’autres caractères',
  INVALID_OPENING_QUOTE: 'guillemet au milieu d’une valeur non entourée de guillemets',
};

/**
 * The records of a delimited text, each with its line number. A record the reader
 * cannot read is reported in `unreadable` and the reading goes on with the next one.
 * `relaxQuotes` keeps a quote inside an unquoted value as text instead of refusing the line:
 * the national file is read leniently, as one stray quote would otherwise lose an establishment.
 */
export function readCsvRecords(text: string, delimiter: ',' | ';', relaxQuotes = false): CsvRecords {
  const unreadable: FinessRejection[] = [];
  const rows = parse(text, {
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: relaxQuotes,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (!error) return undefined;
      const reason = READER_ERRORS[error.code] ?? 'ligne illisible';
      unreadable.push({ line: typeof error.lines === 'number' ? error.lines : 0, reason });
      return undefined;
    },
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const records = rows.map(({ record, info }) => {
    // The reader counts lines up to the end of the record; a quoted value can span lines.
    let inner = 0;
    for (const field of record) if (field.includes('\n')) inner += field.split('\n').length - 1;
    return { line: info.lines - inner, fields: record };
  });
  return { records, unreadable };
}
