import proj4 from 'proj4';
import { inseeDepartement } from './departements.js';

/**
 * The projected systems of FINESS's geolocalisation lines, as proj4 strings (EPSG definitions).
 * All these frames are ITRF-based, as WGS84 is at FINESS's metre precision: no datum shift.
 */
export const FINESS_PROJECTIONS = {
  'EPSG:2154':
    '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:5490': '+proj=utm +zone=20 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:2972': '+proj=utm +zone=22 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:2975': '+proj=utm +zone=40 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:4471': '+proj=utm +zone=38 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:4467': '+proj=utm +zone=21 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
} as const;
export type FinessProjection = keyof typeof FINESS_PROJECTIONS;

/** Overseas departments and their UTM system; every metropolitan department is in Lambert-93. */
const OVERSEAS_PROJECTIONS: Record<string, FinessProjection> = {
  '971': 'EPSG:5490', // Guadeloupe: RGAF09 / UTM 20N
  '972': 'EPSG:5490', // Martinique: RGAF09 / UTM 20N
  '973': 'EPSG:2972', // Guyane: RGFG95 / UTM 22N
  '974': 'EPSG:2975', // La Réunion: RGR92 / UTM 40S
  '975': 'EPSG:4467', // Saint-Pierre-et-Miquelon: RGSPM06 / UTM 21N
  '976': 'EPSG:4471', // Mayotte: RGM04 / UTM 38S
};

/**
 * The system of an establishment's coordinates, chosen by its FINESS `departement` field
 * (`34`, `2A`, `9D`…): the department is always filled in, while sourcecoordet's wording varies
 * between files. Undefined for a department with no known system (Wallis-et-Futuna…).
 */
export function projectionOfDepartement(finessDepartement: string): FinessProjection | undefined {
  const departement = inseeDepartement(finessDepartement);
  if (!departement) return undefined;
  return departement.length === 3 ? OVERSEAS_PROJECTIONS[departement] : 'EPSG:2154';
}

const converters = new Map<FinessProjection, proj4.Converter>();

/** WGS84 `{ lon, lat }` of projected coordinates in metres. */
export function toWgs84(projection: FinessProjection, x: number, y: number): { lon: number; lat: number } {
  let converter = converters.get(projection);
  if (!converter) {
    converter = proj4(FINESS_PROJECTIONS[projection], 'WGS84');
    converters.set(projection, converter);
  }
  const [lon, lat] = converter.forward([x, y]) as [number, number];
  return { lon, lat };
}

/** Projected coordinates in metres of a WGS84 point (to write test files and check round trips). */
export function fromWgs84(projection: FinessProjection, lon: number, lat: number): { x: number; y: number } {
  const [x, y] = proj4('WGS84', FINESS_PROJECTIONS[projection], [lon, lat]) as [number, number];
  return { x, y };
}
