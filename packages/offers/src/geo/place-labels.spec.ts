import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../test/shared-data.js';
import { type Commune, parseCommunesCsv } from '../communes.js';
import {
  COMMUNE_LABEL_ZOOMS,
  communeLabelMinZoom,
  communeLabels,
  type DepartementFeature,
  departementLabels,
  labelPoint,
} from './place-labels.js';

const commune = (name: string, population: number, insee = '34000'): Commune => ({
  insee,
  name,
  departement: insee.slice(0, 2),
  epciSiren: '',
  epciName: '',
  postcodes: [],
  population,
  lon: 3,
  lat: 43,
});

describe('communeLabelMinZoom', () => {
  it('shows big towns from afar and villages only close up', () => {
    expect(communeLabelMinZoom(310_240)).toBe(6); // Montpellier
    expect(communeLabelMinZoom(29_055)).toBe(7); // Périgueux
    expect(communeLabelMinZoom(7_251)).toBe(8); // Lodève
    expect(communeLabelMinZoom(1_500)).toBe(9);
    expect(communeLabelMinZoom(1_499)).toBe(10);
    expect(communeLabelMinZoom(300)).toBe(10);
    expect(communeLabelMinZoom(120)).toBe(11);
    expect(communeLabelMinZoom(0)).toBe(11);
  });

  it('never shows a smaller commune earlier than a bigger one', () => {
    const zooms = [0, 10, 299, 300, 1_499, 1_500, 5_000, 15_000, 40_000, 400_000].map(communeLabelMinZoom);
    expect(zooms).toEqual([...zooms].sort((a, b) => b - a));
    expect(COMMUNE_LABEL_ZOOMS.at(-1)?.minPopulation).toBe(0);
  });
});

describe('communeLabels', () => {
  it('ranks communes by population, ties by name, with the zoom each is named from', () => {
    const labels = communeLabels([
      commune('Lodève', 7_251, '34142'),
      commune('Montpellier', 310_240, '34172'),
      commune('Soubès', 893, '34305'),
      commune('Aspiran', 893, '34013'),
    ]);
    expect(labels.map(({ name, rank, minzoom }) => [name, rank, minzoom])).toEqual([
      ['Montpellier', 1, 6],
      ['Lodève', 2, 8],
      ['Aspiran', 3, 10],
      ['Soubès', 4, 10],
    ]);
  });
});

const square = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('labelPoint', () => {
  it('is the middle of a square', () => {
    const [x, y] = labelPoint([square(0, 0, 2)]);
    expect(x).toBeCloseTo(1, 1);
    expect(y).toBeCloseTo(1, 1);
  });

  it('stays inside a C-shaped area, where its centroid would not', () => {
    // A ring around a notch open on the right: the bounding box's centre is in the notch.
    const shape = [
      [0, 0],
      [10, 0],
      [10, 3],
      [3, 3],
      [3, 7],
      [10, 7],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const [x, y] = labelPoint([shape]);
    expect(x).toBeLessThan(3);
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(10);
  });
});

describe('departementLabels', () => {
  it('names each department at a point of its largest part, and skips what has no name or shape', () => {
    const features: DepartementFeature[] = [
      {
        properties: { code: '34', nom: 'Hérault' },
        geometry: { type: 'MultiPolygon', coordinates: [[square(0, 0, 0.1)], [square(3, 43, 1)]] },
      },
      { properties: { code: '11' }, geometry: { type: 'Polygon', coordinates: [square(2, 43, 1)] } },
      { properties: { code: '24', nom: 'Dordogne' }, geometry: null },
    ];
    const labels = departementLabels(features);
    expect(labels).toHaveLength(1);
    expect(labels[0]).toMatchObject({ kind: 'departement', code: '34', name: 'Hérault' });
    expect(labels[0]?.lon).toBeCloseTo(3.5, 1);
    expect(labels[0]?.lat).toBeCloseTo(43.5, 1);
  });
});

const communesCsv = sharedDataFile('geo/communes.csv');

describe.skipIf(!communesCsv)('the labels of ../shared/data/geo/communes.csv', () => {
  const labels = communeLabels(communesCsv ? parseCommunesCsv(communesCsv.toString('utf8')) : []);
  const named = (zoom: number) => labels.filter((label) => label.minzoom <= zoom).map((label) => label.name);

  it("names the prefectures from the region's zoom, and the Cœur d'Hérault's towns from zoom 8", () => {
    expect(labels[0]?.name).toBe('Montpellier');
    expect(named(6)).toEqual(expect.arrayContaining(['Montpellier', 'Besançon', 'Béziers', 'Carcassonne']));
    expect(named(7)).toContain('Périgueux');
    expect(named(7)).not.toContain('Lodève');
    expect(named(8)).toEqual(expect.arrayContaining(["Clermont-l'Hérault", 'Pézenas', 'Lodève']));
  });

  it('keeps the region readable: a handful of names from afar, every commune only close up', () => {
    expect(named(6).length).toBeLessThanOrEqual(10);
    expect(named(8).length).toBeLessThanOrEqual(150);
    expect(named(11)).toHaveLength(1840);
  });
});

const departements = sharedDataFile('geo/departements.geojson');

describe.skipIf(!departements)('the labels of ../shared/data/geo/departements.geojson', () => {
  const labels = departementLabels(
    departements
      ? (JSON.parse(departements.toString('utf8')) as { features: DepartementFeature[] }).features
      : [],
  );

  it('names the 96 departments, Hérault inside Hérault', () => {
    expect(labels).toHaveLength(96);
    const herault = labels.find((label) => label.code === '34');
    expect(herault?.name).toBe('Hérault');
    // Between Lodève and the sea, west of Montpellier.
    expect(herault?.lon).toBeGreaterThan(3.0);
    expect(herault?.lon).toBeLessThan(3.9);
    expect(herault?.lat).toBeGreaterThan(43.3);
    expect(herault?.lat).toBeLessThan(43.9);
  });
});
