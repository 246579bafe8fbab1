import { foldText } from '@cls/french';
import { parse } from 'csv-parse/sync';

export interface Commune {
  insee: string;
  name: string;
  departement: string;
  epciSiren: string;
  epciName: string;
  postcodes: string[];
  population: number;
  lon: number;
  lat: number;
}

/** The header of ../shared/data/geo/communes.csv, in its order. */
const COMMUNE_COLUMNS = [
  'insee',
  'name',
  'departement',
  'epci_siren',
  'epci_name',
  'postcodes',
  'population',
  'lon',
  'lat',
] as const;

/** Reads communes.csv. The file is reference data: any malformed row refuses the whole file. */
export function parseCommunesCsv(text: string): Commune[] {
  const rows = parse(text, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  const [header, ...records] = rows;
  if (!header || header.record.join(',') !== COMMUNE_COLUMNS.join(',')) {
    throw new Error(
      `Communes : en-tête inattendu (ligne 1). Colonnes attendues : ${COMMUNE_COLUMNS.join(',')}`,
    );
  }
  return records.map(({ record, info }) => {
    const fail = (why: string): never => {
      throw new Error(`Communes, ligne ${info.lines} : ${why}`);
    };
    if (record.length !== COMMUNE_COLUMNS.length) {
      fail(`${record.length} colonnes au lieu de ${COMMUNE_COLUMNS.length}`);
    }
    const [insee = '', name = '', departement = '', epciSiren = '', epciName = '', postcodes = ''] = record;
    const [population, lon, lat] = record.slice(6).map(Number) as [number, number, number];
    if (!/^(\d{5}|2[AB]\d{3})$/.test(insee)) fail(`code INSEE invalide « ${insee} »`);
    if (!name.trim()) fail('nom manquant');
    if (!Number.isInteger(population) || population < 0) fail(`population invalide « ${record[6]} »`);
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      fail(`coordonnées invalides « ${record[7]}, ${record[8]} »`);
    }
    return {
      insee,
      name,
      departement,
      epciSiren,
      epciName,
      postcodes: postcodes.split('|').filter(Boolean),
      population,
      lon,
      lat,
    };
  });
}

/** Spelt-out forms of the abbreviations people type: `st jean` finds Saint-Jean-de-Fos. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
};

/**
 * A name as search compares it: no accents, lower case, hyphens and apostrophes as spaces,
 * abbreviations spelt out (`Clermont-l'Hérault` → `clermont l herault`).
 */
export function searchKey(text: string): string {
  return foldText(text)
    .split(' ')
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}

interface Entry {
  commune: Commune;
  key: string;
}

/** How well a commune matches: lower is better, undefined is no match. */
function matchRank(entry: Entry, query: string, isCode: boolean): number | undefined {
  if (isCode) {
    const code = query.toUpperCase();
    const { insee, postcodes } = entry.commune;
    if (insee === code || postcodes.includes(code)) return 0;
    if (insee.startsWith(code) || postcodes.some((postcode) => postcode.startsWith(code))) return 1;
    return undefined;
  }
  if (entry.key === query) return 0;
  if (entry.key.startsWith(query)) return 1;
  // A later word of the name: `jean de fos` finds Saint-Jean-de-Fos, after the names that start so.
  if (entry.key.includes(` ${query}`)) return 2;
  return undefined;
}

/** The communes of the map, found by name, INSEE code or postcode as a person types them. */
/** An EPCI of the open data (communauté de communes, d’agglomération…), with its member communes. */
export interface Epci {
  siren: string;
  name: string;
  communes: Commune[];
}

export class CommuneDirectory {
  readonly #entries: Entry[];
  readonly #byInsee: Map<string, Commune>;

  constructor(communes: readonly Commune[]) {
    this.#entries = communes.map((commune) => ({ commune, key: searchKey(commune.name) }));
    this.#byInsee = new Map(communes.map((commune) => [commune.insee, commune]));
  }

  get size(): number {
    return this.#entries.length;
  }

  /**
   * Communes matching what was typed: a name prefix (accents, case, hyphens, apostrophes and
   * `st`/`saint` do not matter; a later word of the name matches too), or the start of an INSEE
   * code or a postcode. Exact matches come first, then names that start with the query, then
   * the rest; within each, the most populated first, then by name.
   */
  search(query: string, limit = 10): Commune[] {
    const trimmed = query.trim();
    const isCode = /^\d[\dABab]?\d*$/.test(trimmed);
    const key = isCode ? trimmed : searchKey(trimmed);
    if (!key || limit <= 0) return [];
    const found: Array<{ commune: Commune; rank: number }> = [];
    for (const entry of this.#entries) {
      const rank = matchRank(entry, key, isCode);
      if (rank !== undefined) found.push({ commune: entry.commune, rank });
    }
    return found
      .sort(
        (a, b) =>
          a.rank - b.rank ||
          b.commune.population - a.commune.population ||
          a.commune.name.localeCompare(b.commune.name, 'fr'),
      )
      .slice(0, limit)
      .map(({ commune }) => commune);
  }

  get(insee: string): Commune | undefined {
    return this.#byInsee.get(insee);
  }

  /**
   * The EPCI whose names have words starting with each word typed (accents and
   * case ignored), each with its communes by name: a contract's territory is
   * often one or more EPCI, added in one click.
   */
  epcis(query: string, limit = 10): Epci[] {
    const words = searchKey(query).split(' ').filter(Boolean);
    if (words.length === 0 || limit <= 0) return [];
    const found = new Map<string, Epci>();
    for (const { commune } of this.#entries) {
      if (!commune.epciSiren) continue;
      const known = found.get(commune.epciSiren);
      if (known) known.communes.push(commune);
      else
        found.set(commune.epciSiren, {
          siren: commune.epciSiren,
          name: commune.epciName,
          communes: [commune],
        });
    }
    return [...found.values()]
      .filter((epci) => {
        const name = ` ${searchKey(epci.name)}`;
        return words.every((word) => name.includes(` ${word}`));
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .slice(0, limit)
      .map((epci) => ({
        ...epci,
        communes: epci.communes.sort((a, b) => a.name.localeCompare(b.name, 'fr')),
      }));
  }

  /** The name of each commune, in the given order; a code this directory does not know stays as it is. */
  names(insees: readonly string[]): string[] {
    return insees.map((insee) => this.#byInsee.get(insee)?.name ?? insee);
  }
}
