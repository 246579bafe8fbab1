import { type DelimitedRead, decodeText, delimitedRecordsOfText, isRecord } from '../files/delimited.js';
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

/** The header of the project's extract (see ../shared/data/README.md), in its order. */
export const EXTRACT_COLUMNS = [
  'nofinesset',
  'nofinessej',
  'rs',
  'rslongue',
  'categorie_code',
  'categorie_libelle',
  'categorie_agregat_code',
  'categorie_agregat_libelle',
  'numvoie',
  'typvoie',
  'voie',
  'compvoie',
  'lieuditbp',
  'commune_insee',
  'departement',
  'ligneacheminement',
  'telephone',
  'siret',
  'date_ouverture',
  'lon',
  'lat',
  'geo_source',
] as const;

type ExtractRow = Record<(typeof EXTRACT_COLUMNS)[number], string>;

const INSEE_CODE = /^(\d{5}|2[AB]\d{3})$/;

/**
 * Reads the project's comma-separated extract (`finess/etablissements.csv`).
 * A malformed row is left out whole and reported with its line number; a file
 * that does not open with the expected header is refused.
 * For a file on disk, readFinessFile reads the same records as a stream.
 */
export function parseFinessExtract(input: string | Uint8Array): FinessParseResult {
  const text = typeof input === 'string' ? input : decodeText(input).text;
  const reader = new ExtractReader();
  for (const read of delimitedRecordsOfText(text, EXTRACT_RECORDS)) reader.accept(read);
  return reader.finish();
}

/** How the extract's records are read: `,`, RFC 4180 quoting, a stray quote refused. */
export const EXTRACT_RECORDS = { delimiter: ',' } as const;

/** The extract's records, one at a time (`accept`), then the establishments (`finish`). */
export class ExtractReader {
  private header = false;
  private readonly establishments: FinessEstablishment[] = [];
  private readonly rejected: FinessRejection[] = [];
  private readonly seen = new Map<string, number>();

  accept(read: DelimitedRead): void {
    if (!this.header) {
      if (!isRecord(read) || read.fields.join(',') !== EXTRACT_COLUMNS.join(',')) {
        throw new Error(
          `Extraction FINESS : en-tête inattendu (ligne 1). Colonnes attendues : ${EXTRACT_COLUMNS.join(',')}`,
        );
      }
      this.header = true;
      return;
    }
    if (!isRecord(read)) {
      this.rejected.push(read);
      return;
    }
    const { line, fields } = read;
    if (fields.length !== EXTRACT_COLUMNS.length) {
      this.rejected.push({ line, reason: `${fields.length} colonnes au lieu de ${EXTRACT_COLUMNS.length}` });
      return;
    }
    const row = Object.fromEntries(
      EXTRACT_COLUMNS.map((column, i) => [column, fields[i]?.trim() ?? '']),
    ) as ExtractRow;
    const result = establishmentOfRow(row, line);
    if (typeof result === 'string') {
      this.rejected.push({ line, reason: result });
      return;
    }
    const firstLine = this.seen.get(result.finess);
    if (firstLine !== undefined) {
      this.rejected.push({ line, reason: `numéro FINESS ${result.finess} déjà lu ligne ${firstLine}` });
      return;
    }
    this.seen.set(result.finess, line);
    this.establishments.push(result);
  }

  finish(): FinessParseResult {
    if (!this.header) {
      throw new Error(
        `Extraction FINESS : en-tête inattendu (ligne 1). Colonnes attendues : ${EXTRACT_COLUMNS.join(',')}`,
      );
    }
    const rejected = [...this.rejected].sort((a, b) => a.line - b.line);
    return { establishments: this.establishments, rejected, format: 'extract' };
  }
}

/** The establishment of a row, or why the row is refused. */
function establishmentOfRow(row: ExtractRow, line: number): FinessEstablishment | string {
  if (!FINESS_NUMBER.test(row.nofinesset)) {
    return row.nofinesset
      ? `numéro FINESS d’établissement invalide : « ${row.nofinesset} »`
      : 'numéro FINESS d’établissement manquant';
  }
  if (row.nofinessej && !FINESS_NUMBER.test(row.nofinessej)) {
    return `numéro FINESS d’entité juridique invalide : « ${row.nofinessej} »`;
  }
  if (!row.rs) return 'raison sociale manquante';
  if (!/^\d+$/.test(row.categorie_code)) return `code de catégorie invalide : « ${row.categorie_code} »`;
  if (row.commune_insee && !INSEE_CODE.test(row.commune_insee)) {
    return `code INSEE de commune invalide : « ${row.commune_insee} »`;
  }
  const openedOn = openingDate(row.date_ouverture);
  if (openedOn === undefined) return `date d’ouverture invalide : « ${row.date_ouverture} »`;
  const lon = decimal(row.lon);
  const lat = decimal(row.lat);
  if (lon === undefined) return row.lon ? `longitude invalide : « ${row.lon} »` : 'longitude manquante';
  if (lat === undefined) return row.lat ? `latitude invalide : « ${row.lat} »` : 'latitude manquante';
  if (!isLongitude(lon)) return `longitude hors limites (-180 à 180) : ${row.lon}`;
  if (!isLatitude(lat)) return `latitude hors limites (-90 à 90) : ${row.lat}`;

  return {
    line,
    finess: row.nofinesset,
    legalEntity: row.nofinessej,
    name: row.rs,
    longName: row.rslongue,
    categoryCode: row.categorie_code,
    categoryLabel: row.categorie_libelle,
    aggregateCode: row.categorie_agregat_code,
    aggregateLabel: row.categorie_agregat_libelle,
    streetNumber: row.numvoie,
    streetType: row.typvoie,
    street: row.voie,
    streetComplement: row.compvoie,
    locality: row.lieuditbp,
    communeInsee: row.commune_insee,
    ...splitRoutingLine(row.ligneacheminement),
    phone: phoneDigits(row.telephone),
    siret: row.siret,
    openedOn,
    lon,
    lat,
    geoSource: row.geo_source,
  };
}
