import { describe, expect, it } from 'vitest';
import { departementOfFiness, inseeCommune, inseeDepartement } from './departements.js';
import { fromWgs84, projectionOfDepartement, toWgs84 } from './projections.js';

describe('toWgs84', () => {
  it('puts the origin of Lambert-93 at lon 3°, lat 46.5°', () => {
    const { lon, lat } = toWgs84('EPSG:2154', 700_000, 6_600_000);
    expect(lon).toBeCloseTo(3, 9);
    expect(lat).toBeCloseTo(46.5, 9);
  });

  // Control values computed with PROJ (pyproj), given to 5 decimals (about 1 m).
  it.each([
    ['EPSG:2154', 870262.2, 6571540.8, 5.20918, 46.22229],
    ['EPSG:5490', 657242.9, 1795384.4, -61.52874, 16.234],
    ['EPSG:2972', 353672.8, 544349.1, -52.31973, 4.92347],
    ['EPSG:2975', 323086.6, 7679599.8, 55.29821, -20.97571],
    ['EPSG:4471', 524819.9, 8587194.7, 45.22868, -12.77989],
    // PROJ's value for WGS84 / UTM 21N: RGSPM06 differs from WGS84 by far less than a metre.
    ['EPSG:4467', 563213.8, 5180306.8, -56.17201, 46.77332],
  ] as const)('converts %s (%d, %d) within a metre of PROJ', (projection, x, y, lon, lat) => {
    const position = toWgs84(projection, x, y);
    expect(Math.abs(position.lon - lon)).toBeLessThan(1e-5);
    expect(Math.abs(position.lat - lat)).toBeLessThan(1e-5);
  });

  it('is the inverse of fromWgs84 to the millimetre', () => {
    const { x, y } = fromWgs84('EPSG:2154', 3.876269, 43.610578);
    const back = toWgs84('EPSG:2154', x, y);
    expect(back.lon).toBeCloseTo(3.876269, 8);
    expect(back.lat).toBeCloseTo(43.610578, 8);
  });
});

describe('projectionOfDepartement', () => {
  it('is Lambert-93 for every metropolitan department, Corsica included', () => {
    expect(['01', '34', '95', '2A', '2B'].map(projectionOfDepartement)).toEqual(Array(5).fill('EPSG:2154'));
  });

  it('is the UTM zone of each overseas department', () => {
    expect(['9A', '9B', '9C', '9D', '9E', '9F'].map(projectionOfDepartement)).toEqual([
      'EPSG:5490',
      'EPSG:5490',
      'EPSG:2972',
      'EPSG:2975',
      'EPSG:4467',
      'EPSG:4471',
    ]);
  });

  it('knows none for Wallis-et-Futuna or a code that is no department', () => {
    expect(['9J', '20', '96', '', 'XX'].map(projectionOfDepartement)).toEqual(Array(5).fill(undefined));
  });
});

describe('FINESS department and commune codes', () => {
  it('maps overseas letters to INSEE departments', () => {
    expect(['34', '2a', '9A', '9F'].map(inseeDepartement)).toEqual(['34', '2A', '971', '976']);
  });

  it('builds the commune INSEE code from the department and the 3-digit commune', () => {
    expect(inseeCommune('34', '172')).toBe('34172');
    expect(inseeCommune('2A', '004')).toBe('2A004');
    expect(inseeCommune('9A', '101')).toBe('97101');
    expect(inseeCommune('9D', '411')).toBe('97411');
    expect(inseeCommune('9F', '611')).toBe('97611');
    expect(inseeCommune('34', '17')).toBeUndefined();
    expect(inseeCommune('9J', '613')).toBeUndefined();
  });

  it('reads the department of a FINESS number', () => {
    expect(
      ['340785161', '2A0099992', '110000023', '970499993', '980599995', '980600027'].map(departementOfFiness),
    ).toEqual(['34', '2A', '11', '974', '976', '9806']);
  });
});
