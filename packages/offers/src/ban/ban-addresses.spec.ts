import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BanAddressIndex, readBanAddresses, streetKey } from './ban-addresses.js';
import { loadBanAddresses } from './ban-file.js';

/**
 * fixtures/adresses-sample.csv: the header and real lines of the BAN's department files
 * (https://adresse.data.gouv.fr/data/ban/adresses/latest/csv/, Licence Ouverte 2.0), quoted as
 * published — lines 2-3 from `adresses-01.csv` (L'Abergement-de-Varey), as quoted in public GitHub
 * documentation of that file; line 4 from `adresses-38.csv` (Agnin), as quoted in a public test of
 * a BAN reader. Variants made here from those lines (a `bis`, a truncated line) say so.
 */
const SAMPLE = readFileSync(new URL('./fixtures/adresses-sample.csv', import.meta.url), 'utf8');
const [HEADER = '', PESE_LAIT = ''] = SAMPLE.split('\n');

async function* linesOf(text: string): AsyncGenerator<{ line: number; text: string }> {
  let line = 0;
  for (const row of text.split(/\r?\n/)) {
    line += 1;
    yield { line, text: row };
  }
}

async function indexOf(text: string, communes: string[]) {
  const index = new BanAddressIndex(communes);
  const summary = await readBanAddresses('adresses-test.csv', linesOf(text), index);
  return { index, summary };
}

describe('streetKey', () => {
  it('spells out the type, folds accents and case, drops articles', () => {
    expect(streetKey('AV', 'DE LA GARE')).toBe('avenue gare');
    expect(streetKey(undefined, 'Avenue de la Gare')).toBe('avenue gare');
    expect(streetKey(undefined, 'Av. de la Gare')).toBe('avenue gare');
    expect(streetKey('PL', 'PESE LAIT')).toBe(streetKey(undefined, 'Place du Pèse-Lait'));
    expect(streetKey('R', "D'ITALIE")).toBe(streetKey(undefined, "Rue d'Italie"));
    expect(streetKey('Rue', 'ST JEAN')).toBe('rue saint jean');
  });

  it('counts a type given apart and repeated in the name once', () => {
    expect(streetKey('AV', 'AVENUE DE LA GARE')).toBe('avenue gare');
  });
});

describe('BAN addresses of the communes asked for', () => {
  it('keeps the lines of those communes only', async () => {
    const { index, summary } = await indexOf(SAMPLE, ['01002']);
    expect(summary).toMatchObject({ lines: 3, kept: 2, rejected: [] });
    expect(index.position({ insee: '38003', number: '1', streetName: 'Le Sorbier Sud' })).toBeUndefined();
  });

  it('finds a site written as the Annuaire Santé writes it (type code, upper case, no article)', async () => {
    const { index } = await indexOf(SAMPLE, ['01002', '38003']);
    expect(
      index.position({ insee: '01002', number: '6', streetType: 'PL', streetName: 'PESE LAIT' }),
    ).toEqual({
      lon: 5.425179,
      lat: 46.005447,
    });
    expect(
      index.position({
        insee: '01002',
        number: '1082',
        streetType: 'CHE',
        streetName: 'DE LA FERM DE LA MONTAGNE',
      }),
    ).toEqual({ lon: 5.431677, lat: 45.996182 });
    expect(index.position({ insee: '38003', number: '001', streetName: 'LE SORBIER SUD' })).toEqual({
      lon: 4.854581,
      lat: 45.342886,
    });
  });

  it('says nothing of a number, street or commune the BAN does not have', async () => {
    const { index } = await indexOf(SAMPLE, ['01002']);
    expect(
      index.position({ insee: '01002', number: '8', streetType: 'PL', streetName: 'PESE LAIT' }),
    ).toBeUndefined();
    expect(
      index.position({ insee: '01002', number: '6', streetType: 'R', streetName: 'PESE LAIT' }),
    ).toBeUndefined();
    expect(
      index.position({ insee: '01003', number: '6', streetType: 'PL', streetName: 'PESE LAIT' }),
    ).toBeUndefined();
    expect(index.position({ insee: '01002', streetType: 'PL', streetName: 'PESE LAIT' })).toBeUndefined();
  });

  it('reads the repetition index as the BAN writes it (B → bis), or falls back to the number', async () => {
    // Variant of line 2: the same place with a « 6 bis » a few metres away (not a real line).
    const bis = PESE_LAIT.replace('_00006;;6;;', '_00006_bis;;6;bis;').replace(
      '5.425179;46.005447',
      '5.4253;46.0055',
    );
    const { index } = await indexOf(`${SAMPLE.trimEnd()}\n${bis}\n`, ['01002']);
    const site = { insee: '01002', number: '6', streetType: 'PL', streetName: 'PESE LAIT' };
    expect(index.position({ ...site, repetition: 'B' })).toEqual({ lon: 5.4253, lat: 46.0055 });
    expect(index.position({ ...site, repetition: 'bis' })).toEqual({ lon: 5.4253, lat: 46.0055 });
    expect(index.position({ ...site, repetition: 'T' })).toEqual({ lon: 5.425179, lat: 46.005447 });
  });

  it('finds a site still filed under the commune a merger absorbed', async () => {
    // Variant of line 4 filed under a former commune code (not a real line).
    const merged = `${HEADER}\n38003_b030_00001;38003_B030;1;;Le Sorbier Sud;38150;38999;Nouvelle;38003;Agnin;845232.07;6473205.58;4.854581;45.342886;entrée;;;AGNIN;LE SORBIER SUD;commune;commune;0;\n`;
    const { index } = await indexOf(merged, ['38003']);
    expect(index.position({ insee: '38003', number: '1', streetName: 'LE SORBIER SUD' })).toEqual({
      lon: 4.854581,
      lat: 45.342886,
    });
  });

  it('reports a malformed line with its number and reads on', async () => {
    // Line 2 truncated after its commune (not a real line), then a line without a position.
    const broken = PESE_LAIT.split(';').slice(0, 8).join(';');
    const noPosition = PESE_LAIT.replace('5.425179;46.005447', ';');
    const text = `${HEADER}\n${broken}\n${noPosition}\n${SAMPLE.split('\n').slice(1).join('\n')}`;
    const { index, summary } = await indexOf(text, ['01002']);
    expect(summary.rejected).toEqual([
      { file: 'adresses-test.csv', line: 2, reason: '8 colonnes au lieu de 23' },
      { file: 'adresses-test.csv', line: 3, reason: 'position absente' },
    ]);
    expect(summary.kept).toBe(2);
    expect(
      index.position({ insee: '01002', number: '6', streetType: 'PL', streetName: 'PESE LAIT' }),
    ).toBeDefined();
  });

  it('rejects a line whose position is not a number, naming the line', async () => {
    const text = `${HEADER}\n${PESE_LAIT.replace('5.425179;46.005447', 'abc;46.005447')}\n`;
    const { summary } = await indexOf(text, ['01002']);
    expect(summary.rejected).toEqual([
      { file: 'adresses-test.csv', line: 2, reason: 'position invalide « abc ; 46.005447 »' },
    ]);
  });

  it('refuses a file that is not a BAN file, naming line 1', async () => {
    await expect(indexOf('nofinesset;rs;lon;lat\n', ['01002'])).rejects.toThrow(
      /Fichier d’adresses BAN adresses-test\.csv, ligne 1 : en-tête inattendu, colonnes manquantes : numero, rep, nom_voie, code_insee/,
    );
  });
});

describe('loadBanAddresses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ban-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('streams a gzip file as downloaded, and a plain one', async () => {
    const gz = join(dir, 'adresses-01.csv.gz');
    writeFileSync(gz, gzipSync(SAMPLE.replace(/\n/g, '\r\n')));
    const plain = join(dir, 'adresses-38.csv');
    writeFileSync(plain, SAMPLE);
    const { index, files } = await loadBanAddresses([gz, plain], ['01002', '38003']);
    expect(files.map(({ kept, lines }) => ({ kept, lines }))).toEqual([
      { kept: 3, lines: 3 },
      { kept: 3, lines: 3 },
    ]);
    expect(
      index.position({ insee: '01002', number: '6', streetType: 'PL', streetName: 'PESE LAIT' }),
    ).toEqual({
      lon: 5.425179,
      lat: 46.005447,
    });
  });

  it('says which file is missing', async () => {
    await expect(loadBanAddresses([join(dir, 'adresses-99.csv.gz')], ['01002'])).rejects.toThrow(
      /Fichier d’adresses BAN .*adresses-99\.csv\.gz illisible/,
    );
  });
});
