import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { searchKey } from '../communes.js';

/** A commune of `@etalab/decoupage-administratif` (data/communes.json), the fields read here. */
interface EtalabCommune {
  code: string;
  nom: string;
  departement?: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  codesPostaux?: string[];
  anciensCodes?: string[];
  /** An arrondissement's commune (`75056`). */
  commune?: string;
  /** A delegated or associated commune's current commune. */
  chefLieu?: string;
}

/** A commune of France (every department, overseas included), without its position. */
export interface FrenchCommune {
  insee: string;
  name: string;
  departement: string;
  postcodes: readonly string[];
  /** Paris, Lyon and Marseille's arrondissements: their commune (`75056`), whose centre stands for theirs when they have none. */
  parent?: string;
}

/** Where a site is, as the Annuaire Santé writes it. */
export interface CommuneQuery {
  communeCode?: string | undefined;
  communeName?: string | undefined;
  postcode?: string | undefined;
  /** « Bureau cedex »: `34700 LODEVE`, `34702 LODEVE CEDEX`. */
  cedex?: string | undefined;
}

export type CommuneAnswer = { commune: FrenchCommune } | { problem: string };

/** The department of a postcode: `34700` → 34, `20000` → 2A or 2B, `97411` → 974. */
function departementsOfPostcode(postcode: string): string[] {
  if (postcode.startsWith('97') || postcode.startsWith('98')) return [postcode.slice(0, 3)];
  if (postcode.startsWith('20')) return ['2A', '2B'];
  return [postcode.slice(0, 2)];
}

/**
 * The communes of all France from `@etalab/decoupage-administratif` (npm, kept by Etalab: INSEE's
 * official geographic code and La Poste's postcodes): by INSEE code (old codes of merged communes,
 * delegated and associated communes lead to today's commune), by postcode, and by name in a
 * department. No positions: see CommuneCentres.
 */
export class FrenchCommunes {
  readonly #byCode = new Map<string, FrenchCommune>();
  readonly #byPostcode = new Map<string, FrenchCommune[]>();
  readonly #byName = new Map<string, FrenchCommune[]>();

  constructor(records: readonly EtalabCommune[]) {
    const current = records.filter(
      (record) => record.type === 'commune-actuelle' || record.type === 'arrondissement-municipal',
    );
    for (const record of current) {
      const commune: FrenchCommune = {
        insee: record.code,
        name: record.nom,
        departement: record.departement ?? '',
        postcodes: record.codesPostaux ?? [],
        ...(record.type === 'arrondissement-municipal' && record.commune ? { parent: record.commune } : {}),
      };
      this.#byCode.set(commune.insee, commune);
      for (const postcode of commune.postcodes) this.#add(this.#byPostcode, postcode, commune);
      this.#add(this.#byName, `${commune.departement}:${searchKey(commune.name)}`, commune);
    }
    for (const record of current) {
      const commune = this.#byCode.get(record.code) as FrenchCommune;
      for (const old of record.anciensCodes ?? []) if (!this.#byCode.has(old)) this.#byCode.set(old, commune);
    }
    for (const record of records) {
      if (this.#byCode.has(record.code) || !record.chefLieu) continue;
      const commune = this.#byCode.get(record.chefLieu);
      if (commune) this.#byCode.set(record.code, commune);
    }
  }

  /** Read from the package's data (8 MB of JSON, about 37,000 communes): once per import. */
  static load(): FrenchCommunes {
    const path = createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/data/communes.json');
    return new FrenchCommunes(JSON.parse(readFileSync(path, 'utf8')) as EtalabCommune[]);
  }

  #add(map: Map<string, FrenchCommune[]>, key: string, commune: FrenchCommune) {
    const list = map.get(key);
    if (list) {
      if (!list.includes(commune)) list.push(commune);
    } else map.set(key, [commune]);
  }

  /** Today's commune of an INSEE code, old or current. */
  byCode(code: string): FrenchCommune | undefined {
    return this.#byCode.get(code.trim().toUpperCase());
  }

  byPostcode(postcode: string): readonly FrenchCommune[] {
    return this.#byPostcode.get(postcode.trim()) ?? [];
  }

  /**
   * The site's commune: its INSEE code when the file gives one; otherwise the postcode of its
   * « Bureau cedex » (or « Code postal »), the office's name choosing among the communes that
   * share a postcode — and, for a CEDEX code no commune has, the name in the postcode's
   * department. What cannot be told for sure is a problem, never a guess.
   */
  resolve(query: CommuneQuery): CommuneAnswer {
    const code = query.communeCode?.trim();
    if (code) {
      const commune = this.byCode(code);
      return commune
        ? { commune }
        : { problem: `code commune « ${code} » inconnu du code officiel géographique` };
    }
    const cedex = /^(\d{5})\s+(.+)$/.exec(query.cedex?.trim() ?? '');
    const postcode = cedex?.[1] ?? query.postcode?.trim();
    if (!postcode || !/^\d{5}$/.test(postcode)) {
      return { problem: 'commune introuvable : ni code commune, ni bureau cedex, ni code postal' };
    }
    const office = (cedex?.[2] ?? '').replace(/\s+CEDEX(\s+\d+)?$/i, '').trim();
    const names = [office, query.communeName?.trim() ?? ''].filter(Boolean).map((name) => searchKey(name));
    const named = (communes: readonly FrenchCommune[]) =>
      communes.filter((commune) => names.includes(searchKey(commune.name)));
    const sharing = this.byPostcode(postcode);
    if (sharing.length === 1) return { commune: sharing[0] as FrenchCommune };
    if (sharing.length > 1) {
      const chosen = named(sharing);
      if (chosen.length === 1) {
        // `75015 PARIS`: Paris and its 15th arrondissement share the postcode; the arrondissement is closer.
        const parent = chosen[0] as FrenchCommune;
        const arrondissements = sharing.filter((commune) => commune.parent === parent.insee);
        return { commune: arrondissements.length === 1 ? (arrondissements[0] as FrenchCommune) : parent };
      }
      return {
        problem: `code postal ${postcode} commun à ${sharing.length} communes, dont aucune ne s’appelle « ${office || query.communeName || ''} »`,
      };
    }
    // A CEDEX code belongs to an office, not a commune: the office's name in its department.
    const inDepartement = departementsOfPostcode(postcode).flatMap((departement) =>
      names.flatMap((name) => this.#byName.get(`${departement}:${name}`) ?? []),
    );
    const found = [...new Set(inDepartement)];
    if (found.length === 1) return { commune: found[0] as FrenchCommune };
    return {
      problem: `code postal ${postcode} (« ${office || query.communeName || ''} ») : commune introuvable`,
    };
  }
}

/**
 * Where communes' centres are: the open data's communes.csv (4 departments) and, for all France,
 * a national file given to the import (see parseCommuneCentres). A commune without a known
 * centre has none: the import reports the site, it never guesses.
 */
export class CommuneCentres {
  readonly #centres = new Map<string, { lon: number; lat: number }>();

  constructor(
    entries: Iterable<{ insee: string; lon: number; lat: number }> = [],
    /** Where else to look (the open data's communes.csv, through the host's look-up). */
    private readonly fallback: (insee: string) => { lon: number; lat: number } | undefined = () => undefined,
  ) {
    for (const entry of entries) this.set(entry.insee, entry);
  }

  set(insee: string, position: { lon: number; lat: number }) {
    this.#centres.set(insee, { lon: position.lon, lat: position.lat });
  }

  /** The commune's centre; an arrondissement without one takes its commune's. */
  of(commune: FrenchCommune): { lon: number; lat: number } | undefined {
    const at = (insee: string) => this.#centres.get(insee) ?? this.fallback(insee);
    const centre = at(commune.insee) ?? (commune.parent ? at(commune.parent) : undefined);
    return centre && { lon: centre.lon, lat: centre.lat };
  }

  get size(): number {
    return this.#centres.size;
  }
}

/**
 * The centres of a national file of communes, in the format of the API Découpage administratif
 * (geo.api.gouv.fr, kept by Etalab), which serves every commune of France with its centre:
 * `/communes?fields=code,nom,centre&format=json` (a JSON array of
 * `{ "code": "34032", "nom": "Béziers", "centre": { "type": "Point", "coordinates": [lon, lat] } }`)
 * or `/communes?fields=code,nom&format=geojson&geometry=centre` (a FeatureCollection of points
 * with `properties.code`). An entry without a code or a valid point is refused with its index.
 */
export function parseCommuneCentres(text: string): Array<{ insee: string; lon: number; lat: number }> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`Centres des communes : JSON illisible (${(error as Error).message})`);
  }
  const features = (data as { type?: string; features?: unknown[] })?.features;
  const items: unknown[] | undefined = Array.isArray(data)
    ? data
    : Array.isArray(features)
      ? features
      : undefined;
  if (!items) {
    throw new Error(
      'Centres des communes : un tableau de communes (API Découpage administratif, fields=code,centre) ou une FeatureCollection est attendu',
    );
  }
  return items.map((item, index) => {
    const entry = item as {
      code?: unknown;
      centre?: { coordinates?: unknown };
      properties?: { code?: unknown };
      geometry?: { coordinates?: unknown };
    };
    const code = entry.code ?? entry.properties?.code;
    const coordinates = entry.centre?.coordinates ?? entry.geometry?.coordinates;
    const [lon, lat] = Array.isArray(coordinates) ? (coordinates as unknown[]) : [];
    if (typeof code !== 'string' || !/^(\d{5}|2[AB]\d{3})$/.test(code)) {
      throw new Error(`Centres des communes, entrée ${index + 1} : code INSEE manquant ou invalide`);
    }
    if (typeof lon !== 'number' || typeof lat !== 'number' || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      throw new Error(`Centres des communes, entrée ${index + 1} (${code}) : centre manquant ou invalide`);
    }
    return { insee: code, lon, lat };
  });
}
