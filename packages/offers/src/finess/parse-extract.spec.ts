import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../test/shared-data.js';
import { describeRejection } from './establishment.js';
import { EXTRACT_COLUMNS, parseFinessExtract } from './parse-extract.js';

const HEADER = EXTRACT_COLUMNS.join(',');
const GOOD =
  '340016971,340000264,CDS AIDER CHU LAPEYRONIE,,124,Centre de Santé,2206,Centres de Santé,191,AV,DU DOYEN GASTON GITAUD,,,34172,34,34090 MONTPELLIER,0430781868,,2007-07-05,3.876269,43.610578,finess_lambert93';
/** GOOD with one column replaced. */
const withColumn = (column: (typeof EXTRACT_COLUMNS)[number], value: string) => {
  const fields = GOOD.split(',');
  fields[EXTRACT_COLUMNS.indexOf(column)] = value;
  return fields.join(',');
};

describe('parseFinessExtract', () => {
  it('reads every column of a row', () => {
    const result = parseFinessExtract(`${HEADER}\n${GOOD}\n`);
    expect(result).toEqual({
      format: 'extract',
      rejected: [],
      establishments: [
        {
          line: 2,
          finess: '340016971',
          legalEntity: '340000264',
          name: 'CDS AIDER CHU LAPEYRONIE',
          longName: '',
          categoryCode: '124',
          categoryLabel: 'Centre de Santé',
          aggregateCode: '2206',
          aggregateLabel: 'Centres de Santé',
          streetNumber: '191',
          streetType: 'AV',
          street: 'DU DOYEN GASTON GITAUD',
          streetComplement: '',
          locality: '',
          communeInsee: '34172',
          postcode: '34090',
          city: 'MONTPELLIER',
          phone: '0430781868',
          siret: '',
          openedOn: '2007-07-05',
          lon: 3.876269,
          lat: 43.610578,
          geoSource: 'finess_lambert93',
        },
      ],
    });
  });

  it('leaves out each malformed row whole, with its line and a French reason, and reads on', () => {
    const lines = [
      HEADER,
      GOOD, // 2
      withColumn('nofinesset', ''), // 3
      withColumn('nofinesset', '34001697'), // 4
      withColumn('lon', 'trois'), // 5
      withColumn('lat', '143.6'), // 6
      withColumn('date_ouverture', '2007-02-30'), // 7
      GOOD.split(',').slice(0, 20).join(','), // 8
      withColumn('rs', ''), // 9
      GOOD, // 10: the same establishment again
      withColumn('nofinesset', '340000001').replace('CDS AIDER', 'CDS "AIDER'), // 11: a quote inside a value
      withColumn('nofinesset', '340000002'), // 12
      withColumn('commune_insee', '3417'), // 13
    ];
    const result = parseFinessExtract(lines.join('\n'));
    expect(result.establishments.map((e) => [e.line, e.finess])).toEqual([
      [2, '340016971'],
      [12, '340000002'],
    ]);
    expect(result.rejected).toEqual([
      { line: 3, reason: 'numéro FINESS d’établissement manquant' },
      { line: 4, reason: 'numéro FINESS d’établissement invalide : « 34001697 »' },
      { line: 5, reason: 'longitude invalide : « trois »' },
      { line: 6, reason: 'latitude hors limites (-90 à 90) : 143.6' },
      { line: 7, reason: 'date d’ouverture invalide : « 2007-02-30 »' },
      { line: 8, reason: '20 colonnes au lieu de 22' },
      { line: 9, reason: 'raison sociale manquante' },
      { line: 10, reason: 'numéro FINESS 340016971 déjà lu ligne 2' },
      { line: 11, reason: 'guillemet au milieu d’une valeur non entourée de guillemets' },
      { line: 13, reason: 'code INSEE de commune invalide : « 3417 »' },
    ]);
    expect(describeRejection(result.rejected[0] as { line: number; reason: string })).toBe(
      'ligne 3 : numéro FINESS d’établissement manquant',
    );
  });

  it('reads RFC 4180 quoting: commas and doubled quotes inside a value', () => {
    const quoted = withColumn('rs', '"""CENTRE ""LES PINS"", ADULTES"""');
    const [establishment] = parseFinessExtract(`${HEADER}\r\n${quoted}\r\n`).establishments;
    expect(establishment?.name).toBe('"CENTRE "LES PINS", ADULTES"');
  });

  it('numbers each row by the line it starts on, when a quoted value spans two lines', () => {
    const twoLines = withColumn('rs', '"CDS AIDER\nCHU LAPEYRONIE"');
    const result = parseFinessExtract([HEADER, twoLines, withColumn('nofinesset', '340000002')].join('\n'));
    expect(result.establishments.map((e) => [e.line, e.finess])).toEqual([
      [2, '340016971'],
      [4, '340000002'],
    ]);
  });

  it('turns the FINESS placeholder dates into no date, and keeps a CEDEX in the city', () => {
    const row = withColumn('date_ouverture', '1904-04-04').replace(
      '34090 MONTPELLIER',
      '34295 MONTPELLIER CEDEX 5',
    );
    const [establishment] = parseFinessExtract(`${HEADER}\n${row}`).establishments;
    expect(establishment).toMatchObject({ openedOn: '', postcode: '34295', city: 'MONTPELLIER CEDEX 5' });
  });

  it('refuses a file without the expected header', () => {
    expect(() => parseFinessExtract(GOOD)).toThrow(/en-tête inattendu \(ligne 1\)/);
  });
});

const extract = sharedDataFile('finess/etablissements.csv');

describe.skipIf(!extract)('parseFinessExtract on ../shared/data/finess/etablissements.csv', () => {
  // How long it takes is bench/offers' business: absolute times never gate the suite.
  it('reads its 3,581 rows, rejects none', () => {
    const result = parseFinessExtract(extract as Buffer);
    expect(result.rejected).toEqual([]);
    expect(result.establishments).toHaveLength(3581);
    expect(result.establishments.at(-1)?.line).toBe(3582);
  });

  it('reads a CEDEX routing line and an unknown opening date', () => {
    const carcassonne = parseFinessExtract(extract as Buffer).establishments.find(
      (e) => e.finess === '110000023',
    );
    expect(carcassonne).toMatchObject({
      postcode: '11010',
      city: 'CARCASSONNE CEDEX 9',
      openedOn: '',
      locality: 'CS 40001',
      phone: '0468242010',
    });
  });
});
