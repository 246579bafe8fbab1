import {
  type DelimitedRead,
  type DelimitedRecord,
  decodeText,
  delimitedRecordsOfText,
  isRecord,
} from '../files/delimited.js';
import { inseeCommune } from './departements.js';
import type { FinessEstablishment, FinessParseResult, FinessRejection } from './establishment.js';
import {
  decimal,
  FINESS_NUMBER,
  isLatitude,
  isLongitude,
  isoDate,
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

/** Other files of the national FINESS series: same first line, other records. */
const OTHER_NATIONAL_FILES: Record<string, string> = {
  structureej: 'entités juridiques',
  equipementsocial: 'équipements sociaux',
  activiteoffresoin: 'activités de soins soumises à autorisation',
  equipementmateriellourd: 'équipements matériels lourds',
};

/**
 * The text of the national file: strict UTF-8 when its bytes are valid UTF-8 (with or without a
 * BOM), Latin-1 (Windows-1252) as published otherwise.
 */
export function decodeEtalab(bytes: Uint8Array): string {
  return decodeText(bytes).text;
}

/**
 * Reads the national FINESS file of data.gouv.fr (`etalab-cs1100507-stock-YYYYMMDD-HHMM.csv`):
 * `;`-separated, no header, a first line `finess;etalab;<version>;<date>`, then `structureet`
 * lines and `geolocalisation` lines joined by FINESS number. Coordinates are converted to WGS84
 * from the system of the establishment's department. A line that cannot be used (malformed,
 * no coordinates, unknown department) is left out and reported with its line number.
 * For a file on disk, readFinessFile reads the same records as a stream.
 */
export function parseFinessEtalab(bytes: Uint8Array): FinessParseResult {
  const reader = new EtalabReader();
  for (const read of delimitedRecordsOfText(decodeText(bytes).text, ETALAB_RECORDS)) reader.accept(read);
  return reader.finish();
}

/** How the national file's records are read: `;`, a stray quote inside a value kept as text. */
export const ETALAB_RECORDS = { delimiter: ';', relaxQuotes: true } as const;

/**
 * The national file's records, one at a time (`accept`), then the establishments (`finish`):
 * the structureet lines are kept until their geolocalisation lines are read (≈100,000 of each
 * in the national file), never the file's text.
 */
export class EtalabReader {
  private extractDate: string | undefined;
  private readonly rejected: FinessRejection[] = [];
  private readonly structures: Array<{ line: number; row: StructureLine }> = [];
  private readonly structureLines = new Map<string, number>();
  private readonly geolocations = new Map<string, Geolocation>();
  private readonly otherTypes = new Map<string, number>();

  accept(read: DelimitedRead): void {
    if (this.extractDate === undefined) {
      this.extractDate = firstLineDate(read);
      return;
    }
    if (!isRecord(read)) {
      this.rejected.push(read);
      return;
    }
    const record = read;
    const type = record.fields[0]?.trim() ?? '';
    if (type === 'structureet') {
      const structure = readStructure(record);
      if (typeof structure === 'string') {
        this.rejected.push({ line: record.line, reason: structure });
        return;
      }
      const firstSeen = this.structureLines.get(structure.nofinesset);
      if (firstSeen !== undefined) {
        this.rejected.push({
          line: record.line,
          reason: `numéro FINESS ${structure.nofinesset} déjà lu ligne ${firstSeen}`,
        });
        return;
      }
      this.structureLines.set(structure.nofinesset, record.line);
      this.structures.push({ line: record.line, row: structure });
    } else if (type === 'geolocalisation') {
      const geolocation = readGeolocation(record);
      if (typeof geolocation === 'string') this.rejected.push({ line: record.line, reason: geolocation });
      else if (this.geolocations.has(geolocation.finess)) {
        this.rejected.push({
          line: record.line,
          reason: `géolocalisation du FINESS ${geolocation.finess} en double`,
        });
      } else this.geolocations.set(geolocation.finess, geolocation.geolocation);
    } else {
      if (type in OTHER_NATIONAL_FILES) this.otherTypes.set(type, (this.otherTypes.get(type) ?? 0) + 1);
      this.rejected.push({ line: record.line, reason: `type de ligne inconnu : « ${type.slice(0, 40)} »` });
    }
  }

  finish(): FinessParseResult {
    if (this.extractDate === undefined)
      throw new Error(`Fichier FINESS national : ${FIRST_LINE_EXPECTED}, fichier vide`);
    if (this.structures.length === 0 && this.otherTypes.size > 0) {
      const [type] = [...this.otherTypes.entries()].sort((a, b) => b[1] - a[1])[0] as [string, number];
      throw new Error(
        `Fichier FINESS national sans établissement : ses lignes « ${type} » décrivent des ${OTHER_NATIONAL_FILES[type]}. ` +
          'Importez le fichier des établissements géolocalisés « etalab-cs1100507-stock-*.csv » (lignes structureet et geolocalisation).',
      );
    }
    if (this.structures.length > 0 && this.geolocations.size === 0) {
      throw new Error(
        `Fichier FINESS national sans aucune ligne geolocalisation (${this.structures.length} établissements, aucune coordonnée) : ` +
          'c’est sans doute « etalab-cs1100502-stock-*.csv », la liste des établissements sans leur position. ' +
          'Importez « etalab-cs1100507-stock-*.csv » (établissements géolocalisés) : aucune offre ne peut être placée sans coordonnées.',
      );
    }
    const establishments: FinessEstablishment[] = [];
    const rejected = [...this.rejected];
    for (const { line, row } of this.structures) {
      const result = establishmentOf(row, line, this.geolocations.get(row.nofinesset));
      if (typeof result === 'string') rejected.push({ line, reason: result });
      else establishments.push(result);
    }
    for (const [finess, geolocation] of this.geolocations) {
      if (!this.structureLines.has(finess)) {
        rejected.push({
          line: geolocation.line,
          reason: `géolocalisation d’un FINESS absent du fichier : ${finess}`,
        });
      }
    }
    rejected.sort((a, b) => a.line - b.line);
    return { establishments, rejected, format: 'etalab', extractDate: this.extractDate };
  }
}

const FIRST_LINE_EXPECTED = 'attendu en ligne 1 « finess;etalab;<version>;AAAA-MM-JJ »';

/** The extract's date, ISO, from the first line `finess;etalab;97;2021-01-08` (or `…;08/01/2021`). */
function firstLineDate(read: DelimitedRead): string {
  const text = isRecord(read) ? read.fields.join(';') : '';
  const [kind, source, , date = '', ...rest] = isRecord(read) ? read.fields.map((field) => field.trim()) : [];
  const iso = read.line === 1 && kind === 'finess' && source === 'etalab' ? isoDate(date) : undefined;
  if (iso === undefined || rest.some((field) => field !== '')) {
    throw new Error(
      `Fichier FINESS national : première ligne inattendue (ligne 1) « ${text.slice(0, 80)} » ; ${FIRST_LINE_EXPECTED}`,
    );
  }
  return iso;
}

function readStructure({ fields }: DelimitedRecord): StructureLine | string {
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

function readGeolocation({
  line,
  fields,
}: DelimitedRecord): { finess: string; geolocation: Geolocation } | string {
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
