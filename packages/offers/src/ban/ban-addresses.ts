import { searchKey } from '../communes.js';
import { STREET_TYPE_ABBREVIATIONS } from '../finess/street-types.js';
import type { LonLat } from '../geo/distance.js';

/**
 * The Base Adresse Nationale's CSV per department (`adresses-<département>.csv.gz` of
 * https://adresse.data.gouv.fr/data/ban/adresses/latest/csv/): `;`-separated, one line per
 * address number, this header (the 23 columns of the current files):
 *
 * `id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles`
 *
 * Columns are found by name, so a file that adds or moves one is still read; only those the
 * look-up needs are required.
 */
export const BAN_COLUMNS = [
  'id',
  'id_fantoir',
  'numero',
  'rep',
  'nom_voie',
  'code_postal',
  'code_insee',
  'nom_commune',
  'code_insee_ancienne_commune',
  'nom_ancienne_commune',
  'x',
  'y',
  'lon',
  'lat',
  'type_position',
  'alias',
  'nom_ld',
  'libelle_acheminement',
  'nom_afnor',
  'source_position',
  'source_nom_voie',
  'certification_commune',
  'cad_parcelles',
] as const;

const REQUIRED_COLUMNS = ['numero', 'rep', 'nom_voie', 'code_insee', 'lon', 'lat'] as const;

/** A line of a BAN file the index could not use, with why (in French) and where. */
export interface BanRejection {
  file: string;
  line: number;
  reason: string;
}

/** What one BAN file gave: lines read, addresses kept (communes asked for), lines rejected. */
export interface BanReadSummary {
  file: string;
  lines: number;
  kept: number;
  rejected: BanRejection[];
}

/** An address as a practitioner's site gives it (Annuaire Santé: numéro, indice, type de voie, libellé). */
export interface SiteAddress {
  /** INSEE code of the commune (`34142`). */
  insee: string;
  number?: string | undefined;
  /** Repetition index: `B`, `BIS`, `T`, `TER`, a letter… */
  repetition?: string | undefined;
  /** Street type, abbreviated (`AV`, `R`, `CHE`) or spelt out (`Avenue`). */
  streetType?: string | undefined;
  streetName?: string | undefined;
}

/**
 * Street-type words a BAN name or a site's address may abbreviate, folded (`av` → `avenue`):
 * FINESS's and the Annuaire Santé's codes are the same AFNOR list (street-types.ts).
 */
const TYPE_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries(STREET_TYPE_ABBREVIATIONS).map(([code, full]) => [code.toLowerCase(), searchKey(full)]),
);

/** Articles and elisions left out of a street key: `PL PESE LAIT` finds « Place du Pese Lait ». */
const ARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'a', 'au', 'aux']);

/**
 * A street as the index compares it: no accents, lower case, the type spelt out, articles
 * dropped (`AV DE LA GARE`, « Avenue de la Gare » → `avenue gare`).
 */
export function streetKey(streetType: string | undefined, streetName: string): string {
  const words = searchKey(`${streetType ?? ''} ${streetName}`)
    .split(' ')
    .filter(Boolean);
  const [first, ...rest] = words;
  if (first === undefined) return '';
  const type = TYPE_WORDS.get(first) ?? first;
  // A type given apart and repeated in the name (`AV` + `AVENUE DE LA GARE`) counts once.
  const body = rest[0] !== undefined && (TYPE_WORDS.get(rest[0]) ?? rest[0]) === type ? rest.slice(1) : rest;
  return [type, ...body.filter((word) => !ARTICLES.has(word))].join(' ');
}

/** Repetition indexes as the BAN writes them: `B` → `bis`, `T` → `ter`, `Q` → `quater`, `C` → `quinquies`. */
const REPETITIONS: Readonly<Record<string, string>> = {
  b: 'bis',
  t: 'ter',
  q: 'quater',
  c: 'quinquies',
};

function numberKey(number: string | undefined): string | undefined {
  const digits = number?.trim().match(/^0*(\d+)/)?.[1];
  return digits === undefined ? undefined : digits === '' ? '0' : digits;
}

function repetitionKey(repetition: string | undefined): string {
  return searchKey(repetition ?? '').replace(/ /g, '');
}

function addressKey(number: string, repetition: string, street: string): string {
  return `${number}|${repetition}|${street}`;
}

/**
 * The positions of the BAN's addresses, for the communes an import needs only (a department's
 * file holds hundreds of thousands of lines: the others are read and dropped, so memory follows
 * the communes asked for, not the file).
 */
export class BanAddressIndex {
  readonly #communes: ReadonlySet<string>;
  readonly #byCommune = new Map<string, Map<string, LonLat>>();
  #size = 0;

  constructor(communes: Iterable<string>) {
    this.#communes = new Set(communes);
  }

  /** Whether addresses of this commune are kept. */
  wants(insee: string): boolean {
    return this.#communes.has(insee);
  }

  /** Addresses held. */
  get size(): number {
    return this.#size;
  }

  /** Keeps one BAN address under each of its street names (the first position of a key wins). */
  add(
    insee: string,
    number: string,
    repetition: string,
    streetNames: readonly string[],
    position: LonLat,
  ): void {
    if (!this.wants(insee)) return;
    const numberPart = numberKey(number);
    if (numberPart === undefined) return;
    let addresses = this.#byCommune.get(insee);
    if (!addresses) {
      addresses = new Map();
      this.#byCommune.set(insee, addresses);
    }
    const repetitionPart = repetitionKey(repetition);
    for (const name of streetNames) {
      const street = streetKey(undefined, name);
      if (!street) continue;
      const key = addressKey(numberPart, repetitionPart, street);
      if (!addresses.has(key)) {
        addresses.set(key, position);
        this.#size += 1;
      }
    }
  }

  /**
   * The position of a site's address, or undefined when the BAN has no such number in that
   * street of that commune. The repetition index is tried as given, spelt out (`B` → `bis`),
   * then left out (« 4 B » on the number 4: the same door or the next one).
   */
  position(address: SiteAddress): LonLat | undefined {
    const addresses = this.#byCommune.get(address.insee.trim());
    const number = numberKey(address.number);
    const street = streetKey(address.streetType, address.streetName ?? '');
    if (!addresses || number === undefined || !street) return undefined;
    const repetition = repetitionKey(address.repetition);
    const candidates = [repetition, REPETITIONS[repetition] ?? repetition, ''];
    for (const candidate of candidates) {
      const found = addresses.get(addressKey(number, candidate, street));
      if (found) return found;
    }
    return undefined;
  }
}

/** Splits a BAN line on `;`, honouring double quotes around a field (rare, but legal CSV). */
export function splitBanLine(text: string): string[] {
  if (!text.includes('"')) return text.split(';');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ';') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/**
 * Reads the lines of one BAN file into the index: the header checked (a French error naming
 * line 1 when a needed column is missing), then each line of a commune asked for kept, or
 * rejected with its line number (wrong column count, position not a number) — never fatal.
 */
export async function readBanAddresses(
  file: string,
  lines: AsyncIterable<{ line: number; text: string }>,
  index: BanAddressIndex,
): Promise<BanReadSummary> {
  const summary: BanReadSummary = { file, lines: 0, kept: 0, rejected: [] };
  let columns: Map<string, number> | undefined;
  let width = 0;
  for await (const { line, text } of lines) {
    if (columns === undefined) {
      const header = splitBanLine(text.replace(/^\uFEFF/, '').trim());
      columns = new Map(header.map((name, position) => [name, position]));
      width = header.length;
      const missing = REQUIRED_COLUMNS.filter((name) => !columns?.has(name));
      if (missing.length > 0) {
        throw new Error(
          `Fichier d’adresses BAN ${file}, ligne ${line} : en-tête inattendu, colonnes manquantes : ${missing.join(', ')} (attendu : ${BAN_COLUMNS.join(';')})`,
        );
      }
      continue;
    }
    if (text.trim() === '') continue;
    summary.lines += 1;
    const fields = splitBanLine(text);
    const at = (name: string): string => {
      const position = columns?.get(name);
      return position === undefined ? '' : (fields[position] ?? '').trim();
    };
    if (fields.length !== width) {
      summary.rejected.push({ file, line, reason: `${fields.length} colonnes au lieu de ${width}` });
      continue;
    }
    const insee = at('code_insee');
    const formerInsee = at('code_insee_ancienne_commune');
    if (!index.wants(insee) && !index.wants(formerInsee)) continue;
    if (at('lon') === '' || at('lat') === '') {
      summary.rejected.push({ file, line, reason: 'position absente' });
      continue;
    }
    const lon = Number.parseFloat(at('lon'));
    const lat = Number.parseFloat(at('lat'));
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      summary.rejected.push({ file, line, reason: `position invalide « ${at('lon')} ; ${at('lat')} »` });
      continue;
    }
    const names = [at('nom_voie'), at('nom_afnor'), at('alias')].filter(Boolean);
    if (names.length === 0 || numberKey(at('numero')) === undefined) {
      summary.rejected.push({ file, line, reason: 'numéro ou nom de voie manquant' });
      continue;
    }
    const position = { lon, lat };
    // A site may still be filed under the commune a merger absorbed (`code_insee_ancienne_commune`).
    for (const code of [insee, formerInsee]) {
      if (code) index.add(code, at('numero'), at('rep'), names, position);
    }
    summary.kept += 1;
  }
  if (columns === undefined) {
    throw new Error(`Fichier d’adresses BAN ${file} : vide (aucun en-tête à la ligne 1)`);
  }
  return summary;
}

/** « adresses trouvées : 12, non trouvées : 3 » — the import report's line on BAN placement. */
export function describeAddressMatches(found: number, notFound: number): string {
  return `adresses trouvées : ${found}, non trouvées (position approximative, commune) : ${notFound}`;
}
