import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../test/shared-data.js';
import { type CmpPublic, cmpPublicOf, summarizeCmpPublics } from './cmp-public.js';
import { kindOfEstablishment } from './kinds.js';
import { parseFinessExtract } from './parse-extract.js';

const publicOf = (name: string, categoryCode = '156') => cmpPublicOf({ categoryCode, name }).public;

// Names quoted from ../shared/data/finess/etablissements.csv (line numbers of that file).
describe('cmpPublicOf on real FINESS names', () => {
  it.each([
    ['CMP ENFANTS CASTELNAUDARY', 'enfants_adolescents'], // 69
    ['CH NARBONNE CMP PSY INFANTO JUVENILE', 'enfants_adolescents'], // 50
    ['CH NARBONNE CMP PSY ENF ADO', 'enfants_adolescents'], // 418
    ['INTERSECTEUR PSY INF JUV CARCA ASM', 'enfants_adolescents'], // 380
    ['CMP ADO BERGERAC', 'enfants_adolescents'], // 781
    ['CMPEA BEDARIEUX', 'enfants_adolescents'], // 2783
    ['CMPEA HJ PIJ GIGNAC', 'enfants_adolescents'], // 2511
    ['HDJ CMP ENFANT PONTARLIER CHS NOVILLAR', 'enfants_adolescents'], // 1809
    ['CENTRE GUIDANCE INFANTILE CHS', 'enfants_adolescents'], // 1798
    ['CMP INFANTO JUVENILE PEZENAS', 'enfants_adolescents'], // 3097
    ['CH NARBONNE CMP PSY ADULTES', 'adultes'], // 48
    ['CMP ADULTE PAGNOL LUNEL', 'adultes'], // 2532
    ['CMP CATTP ADULTE LODEVE', 'adultes'], // 3092
    ['CMP PSY ADULTES PEZENAS', 'adultes'], // 3113
    ["CMP CATTP ADULTE CLERMONT L'HERAULT", 'adultes'], // 2708
    ['CMP 11 SITE PERREAL BEZIERS', 'ambigu'], // 2536
    ['CMP CATTP LA PALANCA', 'ambigu'], // 2200
    ["C.M.P. D'EXCIDEUIL", 'ambigu'], // 855
    ['CHS ST REMY ET NFC CMPA MONTBELIARD', 'ambigu'], // 1750
    ['CMP ENFANTS ADULTES BAUME CHS NOVILLAR', 'ambigu'], // 1511
    ['CMP CATTP ADULTES GUIDANCE INFANTILE', 'ambigu'], // 1430
  ] as Array<[string, CmpPublic]>)('%s → %s', (name, expected) => {
    expect(publicOf(name)).toBe(expected);
  });

  it('reads a CMPP (category 189) as for children, whatever its name', () => {
    expect(cmpPublicOf({ categoryCode: '189', name: 'CMPP LA CORNICHE' })).toEqual({
      public: 'enfants_adolescents',
      reason: 'catégorie CMPP',
    });
  });

  it('says why, for the import report', () => {
    expect(cmpPublicOf({ categoryCode: '156', name: 'CMP ADULTES AGDE' }).reason).toBe('nom : « ADULTES »');
    expect(cmpPublicOf({ categoryCode: '156', name: 'CMP VILLA RENE' }).reason).toBe(
      'le nom ne dit pas le public',
    );
  });

  it('does not read CMPP as CMP, nor a word inside another', () => {
    expect(publicOf('CMP ENFANCE ET FAMILLE')).toBe('ambigu');
    expect(publicOf('CMP ADOLPHE')).toBe('ambigu');
  });
});

const extract = sharedDataFile('finess/etablissements.csv');

describe.skipIf(!extract)('cmpPublicOf on the whole extract', () => {
  it('classes every CMP of the four departments, and lists the ambiguous ones', () => {
    const cmps = parseFinessExtract(extract as Buffer).establishments.filter(
      (e) => kindOfEstablishment(e) === 'cmp',
    );
    const classes = cmps.map((e) => ({ e, ...cmpPublicOf(e) }));
    const counts: Record<string, number> = {};
    for (const { public: who } of classes) counts[who] = (counts[who] ?? 0) + 1;
    const ambiguous = classes
      .filter((c) => c.public === 'ambigu')
      .map((c) => `ligne ${c.e.line} ${c.e.name}`);
    console.info(`CMP by public: ${JSON.stringify(counts)}\nambiguous:\n${ambiguous.join('\n')}`);
    expect(cmps).toHaveLength(72);
    // Every CMP has a class; the 23 ambiguous ones are listed by the import report.
    expect(counts).toEqual({ enfants_adolescents: 25, adultes: 24, ambigu: 23 });
    expect(ambiguous).toContain('ligne 2536 CMP 11 SITE PERREAL BEZIERS');
    expect(ambiguous).toContain('ligne 2200 CMP CATTP LA PALANCA');
  });
});

describe('summarizeCmpPublics', () => {
  it('counts the CMPs by public and lists the ambiguous ones with their line', () => {
    const cmp = (line: number, name: string) => ({
      line,
      finess: `34000000${line}`,
      categoryCode: '156',
      name,
    });
    expect(
      summarizeCmpPublics([
        cmp(2, 'CMPEA AGDE'),
        cmp(3, 'CMP ADULTES AGDE'),
        cmp(4, 'CMP 11 SITE PERREAL BEZIERS'),
        cmp(5, 'CMP INFANTO JUVENILE PEZENAS'),
      ]),
    ).toEqual({
      enfants_adolescents: 2,
      adultes: 1,
      ambiguous: [
        {
          line: 4,
          finess: '340000004',
          name: 'CMP 11 SITE PERREAL BEZIERS',
          reason: 'le nom ne dit pas le public',
        },
      ],
    });
  });
});
