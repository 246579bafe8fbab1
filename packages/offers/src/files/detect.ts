import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { EXTRACT_COLUMNS } from '../finess/parse-extract.js';
import { startsWithBom, type TextEncoding } from './text-lines.js';
import { unreadableFile } from './unreadable.js';

/**
 * What an offers file is: `finess-extract` the comma-separated extract of ../shared/data,
 * `finess-national` the national FINESS file of data.gouv.fr (`finess;etalab;…`), `rpps` the
 * Annuaire Santé extraction `PS_LibreAcces_Personne_activite_*.txt` (pipe-separated, header line).
 */
export type OfferFileFormat = 'finess-extract' | 'finess-national' | 'rpps';

export interface DetectedOfferFile {
  format: OfferFileFormat;
  encoding: TextEncoding;
  /** Whether the file opens with a UTF-8 byte order mark. */
  bom: boolean;
}

/** How the Annuaire Santé extraction's header line opens (its first two columns). */
export const RPPS_HEADER_START = "Type d'identifiant PP|Identifiant PP|";

/** How many bytes are read to find the first line. */
const HEAD_BYTES = 16 * 1024;

/**
 * Recognises an offers file by its first line, and finds its encoding: strict UTF-8 when every
 * byte of the file is valid UTF-8, Windows-1252 (Latin-1) otherwise — never a UTF-8 file read as
 * Latin-1 (« MÃ©dico ») nor the reverse. The whole file is scanned as a stream, so that a Latin-1
 * byte far down the file is seen without holding the file. An unrecognised file is refused with
 * a French message that quotes its first line.
 */
export async function detectOfferFile(path: string): Promise<DetectedOfferFile> {
  const head = await readHead(path);
  if (head.length === 0) throw new Error(`Fichier vide : ${path}`);
  const bom = startsWithBom(head);
  const body = bom ? head.subarray(3) : head;
  const firstLine = firstLineOf(new TextDecoder('utf-8').decode(body));
  const format = formatOfFirstLine(firstLine);
  const packed = packedFormat(head);
  if (packed) {
    throw new Error(
      `Fichier non reconnu : ${basename(path)} est une archive ${packed} — décompressez-la et importez le fichier qu’elle contient (etalab-cs1100507-stock-*.csv, PS_LibreAcces_Personne_activite_*.txt)`,
    );
  }
  if (!format) {
    throw new Error(
      `Fichier non reconnu : ${basename(path)} — sa première ligne « ${printable(firstLine)} » n’est ni celle du fichier FINESS national (finess;etalab;…), ni l’en-tête de l’extraction FINESS (${EXTRACT_COLUMNS.slice(0, 3).join(',')},…), ni celui de l’extraction Annuaire Santé (${RPPS_HEADER_START}…)`,
    );
  }
  return { format, encoding: (await isUtf8File(path)) ? 'utf-8' : 'latin1', bom };
}

/** The format a first line announces, or undefined. */
export function formatOfFirstLine(firstLine: string): OfferFileFormat | undefined {
  if (firstLine.startsWith('finess;')) return 'finess-national';
  if (firstLine.startsWith(EXTRACT_COLUMNS.join(','))) return 'finess-extract';
  if (firstLine.startsWith(RPPS_HEADER_START)) return 'rpps';
  return undefined;
}

/** Whether the whole file decodes as UTF-8 (read as a stream, chunk by chunk). */
export async function isUtf8File(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, {
      highWaterMark: 256 * 1024,
    }) as AsyncIterable<Buffer>) {
      decoder.decode(chunk, { stream: true });
    }
    decoder.decode();
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = new Uint8Array(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new Error(unreadableFile(path, error), { cause: error });
  }
}

/** A compressed archive, by its magic bytes: the Annuaire Santé publishes a zip, BAN files are gzip. */
const packedFormat = (head: Uint8Array): string | undefined => {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  return undefined;
};

const firstLineOf = (text: string): string => {
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
};

/** The first line as it can be shown in a message: short, without control characters. */
const printable = (line: string): string => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const shown = line.replace(/[\u0000-\u001f\u007f\ufffd]/g, '?');
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
};
