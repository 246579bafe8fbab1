import type { FinessParseResult } from './establishment.js';
import { parseFinessEtalab } from './parse-etalab.js';
import { EXTRACT_COLUMNS, parseFinessExtract } from './parse-extract.js';

/**
 * Reads a FINESS file in either format: the national file of data.gouv.fr (its first line starts
 * with `finess;`) or the project's extract (its header). Any other file is refused.
 */
export function parseFiness(buffer: Uint8Array): FinessParseResult {
  // The first line is ASCII in both formats, so its bytes can be read before the encoding is known.
  const start = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const head = new TextDecoder('latin1').decode(buffer.subarray(start, start + 400));
  if (head.startsWith('finess;')) return parseFinessEtalab(buffer);
  if (head.startsWith(EXTRACT_COLUMNS.join(','))) return parseFinessExtract(buffer);
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  throw new Error(
    `Fichier FINESS non reconnu : la première ligne « ${firstLine.slice(0, 80)} » n’est ni celle du fichier national (finess;etalab;…) ni l’en-tête de l’extraction (nofinesset,nofinessej,…)`,
  );
}
