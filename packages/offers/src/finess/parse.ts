import { decodeText } from '../files/delimited.js';
import { formatOfFirstLine } from '../files/detect.js';
import type { FinessParseResult } from './establishment.js';
import { parseFinessEtalab } from './parse-etalab.js';
import { parseFinessExtract } from './parse-extract.js';

/**
 * Reads a FINESS file held in memory, in either format: the national file of data.gouv.fr (its
 * first line starts with `finess;`) or the project's extract (its header), recognised as
 * detectOfferFile recognises a file on disk. Any other file is refused. For a file on disk,
 * readFinessFile reads it as a stream.
 */
export function parseFiness(buffer: Uint8Array): FinessParseResult {
  const { text } = decodeText(buffer);
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const format = formatOfFirstLine(firstLine);
  if (format === 'finess-national') return parseFinessEtalab(buffer);
  if (format === 'finess-extract') return parseFinessExtract(text.replace(/^\uFEFF/, ''));
  throw new Error(
    `Fichier FINESS non reconnu : la première ligne « ${firstLine.slice(0, 80)} » n’est ni celle du fichier national (finess;etalab;…) ni l’en-tête de l’extraction (nofinesset,nofinessej,…)`,
  );
}
