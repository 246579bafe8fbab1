import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_DATA_DIR, sharedDataFile } from '../../test/shared-data.js';
import { delimitedRecordsOfText } from '../files/delimited.js';
import { parseFinessEtalab } from './parse-etalab.js';
import { EXTRACT_COLUMNS, parseFinessExtract } from './parse-extract.js';
import { readFinessFile } from './read-file.js';

const SAMPLE = readFileSync(new URL('./fixtures/etalab-sample.csv', import.meta.url));
const SAMPLE_TEXT = new TextDecoder('windows-1252').decode(SAMPLE);
const expected = parseFinessEtalab(SAMPLE);

const dir = mkdtempSync(join(tmpdir(), 'cls-finess-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
const fileOf = (content: Uint8Array | string): string => {
  count += 1;
  const path = join(dir, `finess-${count}.csv`);
  writeFileSync(path, content);
  return path;
};
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('readFinessFile: the national file as a stream, in every encoding', () => {
  it.each([
    ['Latin-1 as published', SAMPLE, 'latin1'],
    ['UTF-8 without BOM', utf8(SAMPLE_TEXT), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([BOM, utf8(SAMPLE_TEXT)]), 'utf-8'],
    ['UTF-8 with CRLF', utf8(SAMPLE_TEXT.replace(/\n/g, '\r\n')), 'utf-8'],
    ['Latin-1 with CRLF', Buffer.from(SAMPLE_TEXT.replace(/\n/g, '\r\n'), 'latin1'), 'latin1'],
  ] as const)('reads %s as the bytes in memory are read, accents intact', async (_, bytes, encoding) => {
    const read = await readFinessFile(fileOf(bytes));
    expect(read.encoding).toBe(encoding);
    expect({ ...read, encoding: undefined }).toEqual({ ...expected, encoding: undefined });
    const palanca = read.establishments.find((e) => e.finess === '340015163');
    expect(palanca?.longName).toBe('CENTRE MÉDICO-PSYCHOLOGIQUE CATTP LA PALANCA');
    expect(JSON.stringify(read)).not.toMatch(/Ã|�/);
  });

  it('counts the lines it reads, for the progress bar', async () => {
    const seen: number[] = [];
    await readFinessFile(fileOf(SAMPLE), { onLine: (line) => seen.push(line) });
    expect(seen.at(-1)).toBe(SAMPLE_TEXT.trimEnd().split('\n').length);
  });

  it('refuses an Annuaire Santé extraction and an unrecognised file', async () => {
    const rpps = fileOf("Type d'identifiant PP|Identifiant PP|Identification nationale PP|\n");
    await expect(readFinessFile(rpps)).rejects.toThrow(
      /extraction Annuaire Santé \(RPPS\), pas un fichier FINESS/,
    );
    await expect(readFinessFile(fileOf('a;b\n'))).rejects.toThrow(/^Fichier non reconnu/);
  });
});

// Real rows of the project's extract (../shared/data/finess/etablissements.csv, Lodève), with accents.
const EXTRACT_ROWS = [
  EXTRACT_COLUMNS.join(','),
  '340000215,340780519,CH LODEVE,,106,"Centre hospitalier, ex Hôpital local",1106,Hôpitaux Locaux,13,BD,PASTEUR,,BP 70,34142,34,34702 LODEVE CEDEX,0467883000,26340014500011,1901-01-01,3.316196,43.731098,finess_lambert93',
  "340028000,340027994,MSP DU LODEVOIS,,603,Maison de santé (L.6223-3),2103,Autres structures d'exercice libéral,,ESP,DU FER A CHEVAL,,,34142,34,34700 LODEVE,0767616381,87903729900010,2019-12-06,3.317829,43.733981,finess_lambert93",
  '',
].join('\n');

describe('readFinessFile: the extract in every encoding', () => {
  const expectedRows = parseFinessExtract(EXTRACT_ROWS);
  it.each([
    ['UTF-8', utf8(EXTRACT_ROWS), 'utf-8'],
    ['UTF-8 with BOM and CRLF', Buffer.concat([BOM, utf8(EXTRACT_ROWS.replace(/\n/g, '\r\n'))]), 'utf-8'],
    ['Latin-1', Buffer.from(EXTRACT_ROWS, 'latin1'), 'latin1'],
  ] as const)('reads %s with its accents', async (_, bytes, encoding) => {
    const read = await readFinessFile(fileOf(bytes));
    expect(read.encoding).toBe(encoding);
    expect(read.establishments).toEqual(expectedRows.establishments);
    expect(read.establishments[0]?.categoryLabel).toBe('Centre hospitalier, ex Hôpital local');
  });
});

const extract = sharedDataFile('finess/etablissements.csv');

describe.skipIf(!extract)('readFinessFile on ../shared/data/finess/etablissements.csv', () => {
  it('gives what the whole file read at once gives', async () => {
    const streamed = await readFinessFile(join(SHARED_DATA_DIR, 'finess/etablissements.csv'));
    expect(streamed.encoding).toBe('utf-8');
    expect({ ...streamed, encoding: undefined }).toEqual({
      ...parseFinessExtract(extract as Buffer),
      encoding: undefined,
    });
  });
});

describe('delimited records', () => {
  it('reports a quote never closed on its first line and reads the lines after it on their own', () => {
    const text = ['a;"b;c', ...Array.from({ length: 25 }, (_, i) => `l${i + 2};x`)].join('\n');
    const reads = delimitedRecordsOfText(text, { delimiter: ';', maxRecordLines: 20 });
    expect(reads[0]).toEqual({ line: 1, reason: 'guillemet ouvert jamais fermé' });
    expect(reads.slice(1)).toEqual(
      Array.from({ length: 25 }, (_, i) => ({ line: i + 2, fields: [`l${i + 2}`, 'x'] })),
    );
  });

  it('at the end of the file too', () => {
    expect(delimitedRecordsOfText('a;b\n"c;d\ne;f\n', { delimiter: ';' })).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, reason: 'guillemet ouvert jamais fermé' },
      { line: 3, fields: ['e', 'f'] },
    ]);
  });

  it('reads a quoted value over two lines as one record numbered by its first line', () => {
    expect(delimitedRecordsOfText('"a\nb";c\nd;e', { delimiter: ';' })).toEqual([
      { line: 1, fields: ['a\nb', 'c'] },
      { line: 3, fields: ['d', 'e'] },
    ]);
  });

  it('refuses a closing quote followed by text', () => {
    expect(delimitedRecordsOfText('"a"b;c', { delimiter: ';' })).toEqual([
      { line: 1, reason: 'guillemet fermant suivi d’autres caractères' },
    ]);
  });
});

describe('readFinessFile progress', () => {
  it('tells the bytes read against the file size', async () => {
    const seen: Array<[number, number]> = [];
    await readFinessFile(fileOf(SAMPLE), { onBytes: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)).toEqual([SAMPLE.length, SAMPLE.length]);
  });
});
