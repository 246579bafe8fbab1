import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../test/shared-data.js';
import type { FinessEstablishment } from './establishment.js';
import { decodeEtalab, parseFinessEtalab } from './parse-etalab.js';
import { parseFinessExtract } from './parse-extract.js';

const SAMPLE = readFileSync(new URL('./fixtures/etalab-sample.csv', import.meta.url));
const result = parseFinessEtalab(SAMPLE);
const byFiness = (finess: string): FinessEstablishment => {
  const found = result.establishments.find((e) => e.finess === finess);
  if (!found) throw new Error(`${finess} absent`);
  return found;
};

describe('parseFinessEtalab on the sample in the national layout', () => {
  it('dates the extract by its first line', () => {
    expect(result.format).toBe('etalab');
    expect(result.extractDate).toBe('2021-01-08');
  });

  it('keeps the establishments with coordinates, in file order', () => {
    expect(result.establishments.map((e) => [e.finess, e.line])).toEqual([
      ['340785161', 2],
      ['340015163', 3],
      ['340020072', 4],
      ['340099991', 5],
      ['2A0099992', 6],
      ['970499993', 7],
      ['970199994', 8],
      ['980599995', 9],
    ]);
  });

  it('refuses, by line, the establishments without coordinates and the malformed line', () => {
    expect(result.rejected).toEqual([
      { line: 10, reason: 'établissement sans géolocalisation' },
      { line: 11, reason: 'établissement sans géolocalisation' },
      { line: 12, reason: 'ligne structureet de 9 champs au lieu de 32' },
    ]);
  });

  it('decodes Latin-1 names', () => {
    expect(byFiness('340015163').longName).toBe('CENTRE MÉDICO-PSYCHOLOGIQUE CATTP LA PALANCA');
    expect(byFiness('340785161').longName).toBe('HÔPITAL LAPEYRONIE - CHU DE MONTPELLIER');
  });

  it('reads every field of a structureet line', () => {
    expect(byFiness('340785161')).toEqual({
      line: 2,
      finess: '340785161',
      legalEntity: '340780477',
      name: 'HOPITAL LAPEYRONIE CHU MONTPELLIER',
      longName: 'HÔPITAL LAPEYRONIE - CHU DE MONTPELLIER',
      categoryCode: '101',
      categoryLabel: 'Centre Hospitalier Régional (C.H.R.)',
      aggregateCode: '1101',
      aggregateLabel: 'Centres Hospitaliers Régionaux',
      streetNumber: '371',
      streetType: 'AV',
      street: 'DU DOYEN GASTON GIRAUD',
      streetComplement: '',
      locality: '',
      communeInsee: '34172',
      postcode: '34295',
      city: 'MONTPELLIER CEDEX 5',
      phone: '0467336733',
      siret: '26340016000010',
      openedOn: '1983-11-01',
      lon: expect.any(Number),
      lat: expect.any(Number),
      geoSource: '1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93',
    });
  });

  it('reads a quoted name holding quotes and a semicolon, and the "unknown" date as none', () => {
    const e = byFiness('340099991');
    expect(e.name).toBe('CMP "LES TILLEULS" ; ADULTES');
    expect(e.locality).toBe('BP 12');
    expect(e.openedOn).toBe('');
    expect([e.communeInsee, e.postcode, e.city]).toEqual(['34079', '34800', "CLERMONT L'HERAULT"]);
  });

  it('gives INSEE codes in Corsica and overseas', () => {
    expect(['2A0099992', '970499993', '970199994', '980599995'].map((f) => byFiness(f).communeInsee)).toEqual(
      ['2A004', '97411', '97101', '97611'],
    );
  });

  // The WGS84 of these rows in the project's extract; the sample holds their Lambert-93.
  it.each([
    ['340785161', 3.903973, 43.62027],
    ['340015163', 3.668704, 43.410551],
    ['340020072', 3.169101, 43.690126],
  ])('gives back the lon/lat of %s from its Lambert-93', (finess, lon, lat) => {
    const e = byFiness(finess);
    expect(Math.abs(e.lon - lon)).toBeLessThan(1e-6);
    expect(Math.abs(e.lat - lat)).toBeLessThan(1e-6);
  });

  it('projects each overseas department with its own UTM zone (PROJ control values)', () => {
    const positions = ['970499993', '970199994', '980599995'].map((f) => byFiness(f));
    const expected = [
      [55.29821, -20.97571],
      [-61.52874, 16.234],
      [45.22868, -12.77989],
    ];
    positions.forEach((e, i) => {
      expect(Math.abs(e.lon - (expected[i]?.[0] ?? 0))).toBeLessThan(1e-5);
      expect(Math.abs(e.lat - (expected[i]?.[1] ?? 0))).toBeLessThan(1e-5);
    });
  });

  it('reads the same file saved as UTF-8 with or without a BOM, or with CRLF line ends', () => {
    const text = new TextDecoder('latin1').decode(SAMPLE);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(parseFinessEtalab(utf8)).toEqual(result);
    expect(parseFinessEtalab(Buffer.from(text, 'utf8'))).toEqual(result);
    expect(parseFinessEtalab(Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1'))).toEqual(result);
  });

  it('keeps a quote inside an unquoted value as text', () => {
    const text = new TextDecoder('latin1')
      .decode(SAMPLE)
      .replace('CMP CATTP LA PALANCA;', 'CMP CATTP "LA PALANCA";')
      .replace('MSP BOUSQUET', 'MSP "LE" BOUSQUET');
    const read = parseFinessEtalab(Buffer.from(text, 'latin1'));
    expect(read.rejected).toEqual(result.rejected);
    expect(read.establishments.map((e) => e.name).slice(1, 3)).toEqual([
      'CMP CATTP "LA PALANCA"',
      'MSP "LE" BOUSQUET D\'ORB',
    ]);
  });

  it('refuses a file that does not open with the finess;etalab line', () => {
    const text = new TextDecoder('latin1').decode(SAMPLE).split('\n').slice(1).join('\n');
    expect(() => parseFinessEtalab(Buffer.from(text, 'latin1'))).toThrow(
      /première ligne inattendue \(ligne 1\)/,
    );
  });

  it('reports unknown line types and coordinates of establishments not in the file', () => {
    const text = [
      'finess;etalab;97;2021-01-08',
      'equipementsocial;340785161;;',
      'geolocalisation;340000000;700000.0;6600000.0;1,ATLASANTE;2020-12-01',
      'geolocalisation;34;1;2;3;4',
      'structureet;340099996;340011295;CMPP SANS COORDONNEES;;;;;;;;;172;34;HERAULT;34000 MONTPELLIER;;;189;CMPP;4106;Services;;;03;ARS;1;Etablissement public de santé;2003-04-01;2003-04-01;2020-12-01;',
      '',
    ].join('\n');
    expect(parseFinessEtalab(Buffer.from(text, 'latin1')).rejected).toEqual([
      { line: 2, reason: 'type de ligne inconnu : « equipementsocial »' },
      { line: 3, reason: 'géolocalisation d’un FINESS absent du fichier : 340000000' },
      { line: 4, reason: 'géolocalisation : numéro FINESS invalide « 34 »' },
      { line: 5, reason: 'établissement sans géolocalisation' },
    ]);
  });

  it('refuses a file of the national series that lists no establishment, saying which one to take', () => {
    // The first lines of the legal entities' file (etalab-cs1100501): same first line, structureej records.
    const text = ['finess;etalab;97;2021-01-08', 'structureej;010000024;CH DE FLEYRIAT;', ''].join('\n');
    expect(() => parseFinessEtalab(Buffer.from(text, 'latin1'))).toThrow(
      /sans établissement : ses lignes « structureej » décrivent des entités juridiques\. Importez le fichier des établissements géolocalisés « etalab-cs1100507-stock-\*\.csv »/,
    );
  });

  it('reads the first line’s date and opening dates written DD/MM/YYYY', () => {
    const text = new TextDecoder('latin1')
      .decode(SAMPLE)
      .replace('finess;etalab;97;2021-01-08', 'finess;etalab;97;08/01/2021')
      .replace(';1983-11-01;1983-11-01;2020-12-01;', ';01/11/1983;01/11/1983;01/12/2020;');
    const read = parseFinessEtalab(Buffer.from(text, 'latin1'));
    expect(read.extractDate).toBe('2021-01-08');
    expect(read.establishments.find((e) => e.finess === '340785161')?.openedOn).toBe('1983-11-01');
  });
});

describe('decodeEtalab', () => {
  it('reads Latin-1 bytes, and UTF-8 with or without a BOM (never « SANTÃ‰ »)', () => {
    expect(decodeEtalab(Buffer.from('SANTÉ', 'latin1'))).toBe('SANTÉ');
    expect(decodeEtalab(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('SANTÉ', 'utf8')]))).toBe(
      'SANTÉ',
    );
    expect(decodeEtalab(Buffer.from('SANTÉ', 'utf8'))).toBe('SANTÉ');
    expect(decodeEtalab(Buffer.from('MÉDICO œ', 'utf8'))).toBe('MÉDICO œ');
  });
});

const extract = sharedDataFile('finess/etablissements.csv');

describe.skipIf(!extract)('the sample against the project’s extract', () => {
  it('holds the real rows’ positions, to 1e-6 degree', () => {
    const rows = new Map(parseFinessExtract(extract as Buffer).establishments.map((e) => [e.finess, e]));
    for (const finess of ['340785161', '340015163', '340020072']) {
      const row = rows.get(finess);
      const parsed = byFiness(finess);
      expect(Math.abs(parsed.lon - (row?.lon ?? 0))).toBeLessThan(1e-6);
      expect(Math.abs(parsed.lat - (row?.lat ?? 0))).toBeLessThan(1e-6);
      expect([parsed.name, parsed.postcode, parsed.communeInsee]).toEqual([
        row?.name,
        row?.postcode,
        row?.communeInsee,
      ]);
    }
  });
});
