import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FinessEstablishment } from './establishment.js';
import { parseFinessEtalab } from './parse-etalab.js';

// Real lines of the national file of 2026-05-12, in Latin-1 as published (see fixtures/README.md).
const FILE = readFileSync(new URL('./fixtures/etalab-2026-overseas.csv', import.meta.url));
const TEXT = new TextDecoder('windows-1252').decode(FILE);
const result = parseFinessEtalab(FILE);
const byFiness = (finess: string): FinessEstablishment => {
  const found = result.establishments.find((e) => e.finess === finess);
  if (!found) throw new Error(`${finess} absent`);
  return found;
};

describe('parseFinessEtalab on real lines of the 2026 national file, overseas included', () => {
  it('dates the extract and keeps every establishment it can place', () => {
    expect(result.extractDate).toBe('2026-05-12');
    expect(result.establishments.map((e) => [e.finess, e.line, e.communeInsee])).toEqual([
      ['010000024', 2, '01451'],
      ['970100400', 3, '97127'],
      ['970210126', 4, '97207'],
      ['970300026', 5, '97302'],
      ['970400024', 6, '97411'],
      ['980501506', 7, '97606'],
    ]);
  });

  it('rejects Wallis-et-Futuna, which has no INSEE department nor projection, by its line', () => {
    expect(result.rejected).toEqual([
      { line: 8, reason: 'commune inconnue : département « 9J », commune « 613 »' },
    ]);
  });

  it('reads the quoted name with doubled quotes, the accents, CEDEX and the placeholder date', () => {
    expect(byFiness('980501506')).toMatchObject({
      name: 'LIEU DE VIE "MAVOUNA MEMA 1"',
      longName: 'LIEU DE VIE ET D\'ACCUEIL "MAVOUNA MEMA 1"',
      postcode: '97620',
      city: 'CHIRONGUI',
    });
    expect(byFiness('970210126').categoryLabel).toBe('Centre Médico-Psycho-Pédagogique (C.M.P.P.)');
    expect(byFiness('970300026')).toMatchObject({ openedOn: '', postcode: '97306', city: 'CAYENNE CEDEX' });
  });

  // Reference values: PROJ 9.1.1's inverse conversion (cs2cs EPSG:<zone> EPSG:4326) of each line's
  // coordinates (the metropolitan one is the line quoted for Fleyriat).
  it.each([
    ['010000024', 'Lambert-93', 5.2091811, 46.2222857],
    ['970100400', 'UTM 20N (Saint-Martin)', -63.0866998, 18.0708004],
    ['970210126', 'UTM 20N (Martinique)', -60.9739997, 14.5749999],
    ['970300026', 'UTM 22N (Guyane)', -52.326, 4.9339999],
    ['970400024', 'UTM 40S (La Réunion)', 55.4504, -20.8919996],
    ['980501506', 'UTM 38S (Mayotte)', 45.1480001, -12.9290004],
  ] as const)('places %s from %s as PROJ does, within 10 cm', (finess, _, lon, lat) => {
    const e = byFiness(finess);
    expect(Math.abs(e.lon - lon)).toBeLessThan(1e-6);
    expect(Math.abs(e.lat - lat)).toBeLessThan(1e-6);
  });

  it('reads the same lines in UTF-8 with or without BOM, with CRLF, and with DD/MM/YYYY dates', () => {
    const utf8 = Buffer.from(TEXT, 'utf8');
    expect(parseFinessEtalab(utf8)).toEqual(result);
    expect(parseFinessEtalab(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toEqual(result);
    expect(parseFinessEtalab(Buffer.from(TEXT.replace(/\n/g, '\r\n'), 'latin1'))).toEqual(result);
    const french = TEXT.replace(/(\d{4})-(\d{2})-(\d{2})/g, '$3/$2/$1');
    expect(parseFinessEtalab(Buffer.from(french, 'latin1'))).toEqual(result);
  });

  it('reads the lines without the last field (numuai), as older files have them', () => {
    const without = TEXT.replace(/;\n/g, '\n');
    expect(parseFinessEtalab(Buffer.from(without, 'latin1')).establishments).toEqual(result.establishments);
  });

  it('refuses the establishments file without geolocation lines (etalab-cs1100502), naming the one to take', () => {
    const withoutPositions = TEXT.split('\n')
      .filter((line) => !line.startsWith('geolocalisation;'))
      .join('\n');
    expect(() => parseFinessEtalab(Buffer.from(withoutPositions, 'latin1'))).toThrow(
      /sans aucune ligne geolocalisation \(7 établissements, aucune coordonnée\) : c’est sans doute « etalab-cs1100502-stock-\*\.csv ».*Importez « etalab-cs1100507-stock-\*\.csv »/,
    );
  });
});
