import { stat } from 'node:fs/promises';
import { delimitedRecords } from '../files/delimited.js';
import { type DetectedOfferFile, detectOfferFile } from '../files/detect.js';
import { readTextLines, type TextEncoding } from '../files/text-lines.js';
import type { FinessParseResult } from './establishment.js';
import { ETALAB_RECORDS, EtalabReader } from './parse-etalab.js';
import { EXTRACT_RECORDS, ExtractReader } from './parse-extract.js';

export interface ReadFinessFileOptions {
  /** What detectOfferFile said of the file, when it was asked already (the file is then not scanned again). */
  detected?: DetectedOfferFile;
  /** Called every few thousand lines with the lines read so far. */
  onLine?: (line: number) => void;
  /** Called as the file is read, with the bytes read and the file's size. */
  onBytes?: (bytesRead: number, totalBytes: number) => void;
}

export type FinessFileResult = FinessParseResult & { encoding: TextEncoding };

/**
 * Reads a FINESS file from disk as a stream, in either format (the national file or the project's
 * extract), in the encoding detectOfferFile found: its text is never held whole, only the
 * establishments are kept. A file of another format is refused.
 */
export async function readFinessFile(
  path: string,
  options: ReadFinessFileOptions = {},
): Promise<FinessFileResult> {
  const detected = options.detected ?? (await detectOfferFile(path));
  if (detected.format === 'rpps') {
    throw new Error(`${path} est une extraction Annuaire Santé (RPPS), pas un fichier FINESS`);
  }
  const national = detected.format === 'finess-national';
  const reader = national ? new EtalabReader() : new ExtractReader();
  const { onBytes } = options;
  const totalBytes = onBytes ? (await stat(path)).size : 0;
  const lines = readTextLines(path, detected.encoding, {
    ...(onBytes ? { onBytes: (bytesRead: number) => onBytes(bytesRead, totalBytes) } : {}),
  });
  const counted = options.onLine ? countLines(lines, options.onLine) : lines;
  for await (const read of delimitedRecords(counted, national ? ETALAB_RECORDS : EXTRACT_RECORDS)) {
    reader.accept(read);
  }
  return { ...reader.finish(), encoding: detected.encoding };
}

async function* countLines<T extends { line: number }>(
  lines: AsyncIterable<T>,
  onLine: (line: number) => void,
) {
  let shown = 0;
  let seen = 0;
  for await (const line of lines) {
    seen = line.line;
    if (seen - shown >= 5000) {
      shown = seen;
      onLine(seen);
    }
    yield line;
  }
  onLine(seen);
}
