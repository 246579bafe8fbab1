import { type CsvRecord, readCsvRecords } from './csv-records.js';
import { inseeCommune } from './departements.js';
import type { FinessEstablishment, FinessParseResult, FinessRejection } from './establishment.js';
import {
  decimal,
  FINESS_NUMBER,
  isLatitude,
  isLongitude,
  openingDate,
  phoneDigits,
  splitRoutingLine,
} from './field-values.js';
import { projectionOfDepartement, toWgs84 } from './projections.js';

/** Fields of a `structureet` line of the national file (no header in the file: this is its layout). */
export const ETALAB_STRUCTURE_FIELDS = [
  'structureet',
  'nofinesset',
  'nofinessej',
  'rs',
  'rslongue',
  'complrs',
  'compldistrib',
  'numvoie',
  'typvoie',
  'voie',
  'compvoie',
  'lieuditbp',
  'commune',
  'departement',
  'libdepartement',
  'ligneacheminement',
  'telephone',
  'telecopie',
  'categetab',
  'libcategetab',
  'categagretab',
  'libcategagretab',
  'siret',
  'codeape',
  'codemft',
  'libmft',
  'codesph',
  'libsph',
  'dateouv',
  'dateautor',
  'datemaj',
  'numuai',
] as const;

/** Fields of a `geolocalisation` line. */
export const ETALAB_GEOLOCATION_FIELDS = [
  'geolocalisation',
  'nofinesset',
  'coordxet',
  'coordyet',
  'sourcecoordet',
  'datemaj',
] as const;

type StructureLine = Record<(typeof ETALAB_STRUCTURE_FIELDS)[number], string>;
interface Geolocation {
  line: number;
  x: string;
  y: string;
  source: string;
}

const FIRST_LINE = /^finess;etalab;[^;]*;(\d{4}-\d{2}-\d{2})\s*;*$/;

/** The text of the national file: Latin-1 as published, or UTF-8 when the bytes open with a BOM and are valid UTF-8. */
export function decodeEtalab(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      // A BOM followed by invalid UTF-8: read it as the Latin-1 it probably is.
    }
  }
  return new TextDecoder('latin1').decode(bytes);
}

/**
 * Reads the national FINESS file of data.gouv.fr (`etalab-cs1100507-stock-YYYYMMDD-HHMM.csv`):
 * `;`-separated, no header, a first line `finess;etalab;<version>;<date>`, then `structureet`
 * lines and `geolocalisation` lines joined by FINESS number. Coordinates are converted to WGS84
 * from the system of the establishment's department. A line that cannot be used (malformed,
 * no coordinates, unknown department) is left out and reported with its line number.
 */
export function parseFinessEtalab(bytes: Uint8Array): FinessParseResult {
  const text = decodeEtalab(bytes).replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const dated = FIRST_LINE.exec(firstLine);
  if (!dated) {
    throw new Error(
      `Fichier FINESS national : première ligne inattendue (ligne 1) « ${firstLine.slice(0, 80)} » ; attendu « finess;etalab;<version>;AAAA-MM-JJ »`,
    );
  }
  const extractDate = dated[1] as string;

  const { records, unreadable } = readCsvRecords(text, ';', true);
  const rejected: FinessRejection[] = [...unreadable];
  const structures: Array<{ line: number; row: StructureLine }> = [];
  const structureLines = new Map<string, number>();
  const geolocations = new Map<string, Geolocation>();

  for (const record of records.slice(1)) {
    const type = record.fields[0]?.trim() ?? '';
    if (type === 'structureet') {
      const read = readStructure(record);
      if (typeof read === 'string') {
        rejected.push({ line: record.line, reason: read });
        continue;
      }
      const firstSeen = structureLines.get(read.nofinesset);
      if (firstSeen !== undefined) {
        rejected.push({
          line: record.line,
          reason: `numéro FINESS ${read.nofinesset} déjà lu ligne ${firstSeen}`,
        });
        continue;
      }
      structureLines.set(read.nofinesset, record.line);
      structures.push({ line: record.line, row: read });
    } else if (type === 'geolocalisation') {
      const read = readGeolocation(record);
      if (typeof read === 'string') rejected.push({ line: record.line, reason: read });
      else if (geolocations.has(read.finess)) {
        rejected.push({ line: record.line, reason: `géolocalisation du FINESS ${read.finess} en double` });
      } else geolocations.set(read.finess, read.geolocation);
    } else {
      rejected.push({ line: record.line, reason: `type de ligne inconnu : « ${type.slice(0, 40)} »` });
    }
  }

  const establishments: FinessEstablishment[] = [];
  for (const { line, row } of structures) {
    const result = establishmentOf(row, line, geolocations.get(row.nofinesset));
    if (typeof result === 'string') rejected.push({ line, reason: result });
    else establishments.push(result);
  }
  for (const [finess, geolocation] of geolocations) {
    if (!structureLines.has(finess)) {
      rejected.push({
        line: geolocation.line,
        reason: `géolocalisation d’un FINESS absent du fichier : ${finess}`,
      });
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  return { establishments, rejected, format: 'etalab', extractDate };
}

function readStructure({ fields }: CsvRecord): StructureLine | string {
  // numuai came last, in later files: a line without it is still complete.
  const expected = ETALAB_STRUCTURE_FIELDS.length;
  if (fields.length !== expected && fields.length !== expected - 1) {
    return `ligne structureet de ${fields.length} champs au lieu de ${expected}`;
  }
  const row = Object.fromEntries(
    ETALAB_STRUCTURE_FIELDS.map((field, i) => [field, fields[i]?.trim() ?? '']),
  ) as StructureLine;
  if (!FINESS_NUMBER.test(row.nofinesset)) {
    return row.nofinesset
      ? `numéro FINESS d’établissement invalide : « ${row.nofinesset} »`
      : 'numéro FINESS d’établissement manquant';
  }
  return row;
}

function readGeolocation({ line, fields }: CsvRecord): { finess: string; geolocation: Geolocation } | string {
  if (fields.length !== ETALAB_GEOLOCATION_FIELDS.length) {
    return `ligne geolocalisation de ${fields.length} champs au lieu de ${ETALAB_GEOLOCATION_FIELDS.length}`;
  }
  const [, finess = '', x = '', y = '', source = ''] = fields.map((field) => field.trim());
  if (!FINESS_NUMBER.test(finess)) return `géolocalisation : numéro FINESS invalide « ${finess} »`;
  return { finess, geolocation: { line, x, y, source } };
}

function establishmentOf(
  row: StructureLine,
  line: number,
  geolocation: Geolocation | undefined,
): FinessEstablishment | string {
  if (row.nofinessej && !FINESS_NUMBER.test(row.nofinessej)) {
    return `numéro FINESS d’entité juridique invalide : « ${row.nofinessej} »`;
  }
  if (!row.rs) return 'raison sociale manquante';
  if (!/^\d+$/.test(row.categetab)) return `code de catégorie invalide : « ${row.categetab} »`;
  const communeInsee = inseeCommune(row.departement, row.commune);
  if (!communeInsee) {
    return `commune inconnue : département « ${row.departement} », commune « ${row.commune} »`;
  }
  const openedOn = openingDate(row.dateouv);
  if (openedOn === undefined) return `date d’ouverture invalide : « ${row.dateouv} »`;
  if (!geolocation || (!geolocation.x && !geolocation.y)) return 'établissement sans géolocalisation';
  const x = decimal(geolocation.x);
  const y = decimal(geolocation.y);
  if (x === undefined || y === undefined) {
    return `coordonnées invalides : « ${geolocation.x} ; ${geolocation.y} » (ligne ${geolocation.line})`;
  }
  const projection = projectionOfDepartement(row.departement);
  if (!projection) return `aucun système de coordonnées connu pour le département « ${row.departement} »`;
  const { lon, lat } = toWgs84(projection, x, y);
  if (!isLongitude(lon) || !isLatitude(lat)) {
    return `coordonnées hors limites en ${projection} : « ${geolocation.x} ; ${geolocation.y} » (ligne ${geolocation.line})`;
  }

  return {
    line,
    finess: row.nofinesset,
    legalEntity: row.nofinessej,
    name: row.rs,
    longName: row.rslongue,
    categoryCode: row.categetab,
    categoryLabel: row.libcategetab,
    aggregateCode: row.categagretab,
    aggregateLabel: row.libcategagretab,
    streetNumber: row.numvoie,
    streetType: row.typvoie,
    street: row.voie,
    streetComplement: row.compvoie,
    locality: row.lieuditbp,
    communeInsee,
    ...splitRoutingLine(row.ligneacheminement),
    phone: phoneDigits(row.telephone),
    siret: row.siret,
    openedOn,
    lon,
    lat,
    geoSource: geolocation.source,
  };
}
