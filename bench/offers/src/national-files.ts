/**
 * Files of national size in the real layouts, generated from France's communes
 * (`@etalab/decoupage-administratif`: INSEE codes, names, postcodes, departments — the same data the
 * Annuaire Santé import resolves communes with):
 *
 * - the national FINESS file (`etalab-cs1100507-stock-*.csv`): Latin-1, `;`, no header, the first
 *   line `finess;etalab;<n>;<date>`, every establishment's `structureet` line, then its
 *   `geolocalisation` line in Lambert-93 (see packages/offers/src/finess/fixtures/etalab-sample.csv);
 * - the Annuaire Santé extraction (rpps-file.ts) over every metropolitan commune;
 * - the communes' centres as the API Découpage administratif serves them (`--communes`).
 *
 * The package gives no positions: each department is given a made-up centre inside metropolitan
 * France and its communes are spread within ±0.35° of it (deterministic), so that offers cluster by
 * department as real ones do. Names, streets and numbers are made up.
 */

import { once } from 'node:events';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fromWgs84 } from '@cls/offers';
import { random, writeRppsFile } from './rpps-file.js';

interface EtalabRecord {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  zone?: string;
  codesPostaux?: string[];
}

export interface GeneratedCommune {
  insee: string;
  name: string;
  postcode: string;
  departement: string;
  departementName: string;
  lon: number;
  lat: number;
}

const requireData = createRequire(import.meta.url);
const readData = <T>(name: string): T =>
  JSON.parse(readFileSync(requireData.resolve(`@etalab/decoupage-administratif/data/${name}`), 'utf8')) as T;

let communes: GeneratedCommune[] | undefined;

/** Metropolitan France's current communes (about 34,900), each at a made-up position in its department. */
export function metropolitanCommunes(): readonly GeneratedCommune[] {
  if (communes) return communes;
  const next = random(75);
  const names = new Map(
    readData<Array<{ code: string; nom: string }>>('departements.json').map((d) => [d.code, d.nom]),
  );
  const centres = new Map<string, { lon: number; lat: number }>();
  communes = [];
  for (const record of readData<EtalabRecord[]>('communes.json')) {
    if (record.type !== 'commune-actuelle' || record.zone !== 'metro' || !record.departement) continue;
    const postcode = record.codesPostaux?.[0];
    if (!postcode) continue;
    let centre = centres.get(record.departement);
    if (!centre) {
      centre = { lon: -1.2 + next() * 8.2, lat: 43.6 + next() * 5.4 };
      centres.set(record.departement, centre);
    }
    communes.push({
      insee: record.code,
      name: record.nom,
      postcode,
      departement: record.departement,
      departementName: names.get(record.departement) ?? record.departement,
      lon: Number((centre.lon + (next() - 0.5) * 0.7).toFixed(6)),
      lat: Number((centre.lat + (next() - 0.5) * 0.7).toFixed(6)),
    });
  }
  return communes;
}

/** The communes' centres as the API Découpage administratif serves them (`/communes?fields=code,centre`). */
export function writeCommuneCentres(path: string): void {
  writeFileSync(
    path,
    JSON.stringify(
      metropolitanCommunes().map(({ insee, lon, lat }) => ({
        code: insee,
        centre: { type: 'Point', coordinates: [lon, lat] },
      })),
    ),
  );
}

/** The Annuaire Santé extraction over every metropolitan commune (rpps-file.ts's lines). */
export function writeNationalRppsFile(path: string, lines: number): Promise<number> {
  return writeRppsFile(
    path,
    lines,
    metropolitanCommunes().map(
      (c) => [c.insee, c.postcode, c.name, c.departement, c.departementName] as const,
    ),
  );
}

/**
 * Categories in the national file, with weights: about 90 % make offers (the kinds of
 * packages/offers/src/finess/kinds.ts), the others do not (pharmacies, nursing homes), as
 * the real file has many — the import reads and ignores them.
 */
const CATEGORIES: ReadonlyArray<{ weight: number; code: string; label: string; name: string }> = [
  {
    weight: 16,
    code: '603',
    label: 'Maison de santé (L.6223-3)',
    name: 'MAISON DE SANTE PLURIPROFESSIONNELLE',
  },
  { weight: 12, code: '124', label: 'Centre de Santé', name: 'CENTRE DE SANTE' },
  { weight: 12, code: '156', label: 'Centre Médico-Psychologique (C.M.P.)', name: 'CMP' },
  {
    weight: 6,
    code: '425',
    label: 'Centre Accueil Thérapeutique à temps partiel (C.A.T.T.P.)',
    name: 'CATTP',
  },
  { weight: 6, code: '189', label: 'Centre Médico-Psycho-Pédagogique (C.M.P.P.)', name: 'CMPP' },
  {
    weight: 6,
    code: '197',
    label: 'Centre soins accompagnement prévention addictologie (CSAPA)',
    name: 'CSAPA',
  },
  { weight: 12, code: '223', label: 'Protection Maternelle et Infantile (P.M.I.)', name: 'PMI' },
  {
    weight: 8,
    code: '228',
    label: "Centre de planification ou d'éducation familiale",
    name: 'CENTRE DE PLANIFICATION',
  },
  { weight: 6, code: '190', label: 'Centre Action Médico-Sociale Précoce (C.A.M.S.P.)', name: 'CAMSP' },
  { weight: 4, code: '355', label: 'Centre Hospitalier (C.H.)', name: 'CENTRE HOSPITALIER' },
  { weight: 2, code: '365', label: 'Etablissement de Soins Pluridisciplinaire', name: 'CLINIQUE' },
  { weight: 6, code: '620', label: "Pharmacie d'Officine", name: 'PHARMACIE' },
  {
    weight: 4,
    code: '500',
    label: "Etablissement d'hébergement pour personnes âgées dépendantes",
    name: 'EHPAD',
  },
];
const TOTAL_WEIGHT = CATEGORIES.reduce((sum, category) => sum + category.weight, 0);
const STREETS: ReadonlyArray<[string, string]> = [
  ['R', 'DE LA REPUBLIQUE'],
  ['AV', 'DU MARECHAL FOCH'],
  ['BD', 'VICTOR HUGO'],
  ['PL', 'DE L EGLISE'],
  ['RTE', 'DE PARIS'],
];

/** The FINESS number of the `index`-th establishment of a department (9 characters, department first). */
const finessOf = (departement: string, index: number) =>
  `${departement}${String(index % 10_000_000).padStart(7, '0')}`.slice(0, 9);

/**
 * The `structureet` and `geolocalisation` lines of establishment `index`. `variant` changes what a
 * re-import would see (the phone number), for the establishments `changed` says.
 */
function establishmentLines(
  index: number,
  next: () => number,
  changed: boolean,
): [structure: string, geolocation: string] {
  const all = metropolitanCommunes();
  const commune = all[Math.floor(next() * all.length)] as GeneratedCommune;
  let draw = next() * TOTAL_WEIGHT;
  let category = CATEGORIES[0] as (typeof CATEGORIES)[number];
  for (const candidate of CATEGORIES) {
    draw -= candidate.weight;
    if (draw < 0) {
      category = candidate;
      break;
    }
  }
  const [streetType, street] = STREETS[Math.floor(next() * STREETS.length)] as [string, string];
  const finess = finessOf(commune.departement, index);
  const legal = finessOf(commune.departement, index + 5_000_000);
  const place = commune.name.toUpperCase();
  const phone = changed
    ? `09${String(10_000_000 + index).slice(-8)}`
    : `04${String(60_000_000 + index).slice(-8)}`;
  const structure = [
    'structureet',
    finess,
    legal,
    `${category.name} ${place} ${index}`.slice(0, 38),
    `${category.name} DE ${place} N° ${index}`,
    '',
    '',
    String(1 + Math.floor(next() * 120)),
    streetType,
    street,
    '',
    '',
    commune.insee.slice(2),
    commune.departement,
    commune.departementName.toUpperCase(),
    `${commune.postcode} ${place}`,
    phone,
    '',
    category.code,
    category.label,
    '',
    '',
    String(30_000_000_000_000 + index),
    '',
    '03',
    'ARS établissements Publics de santé dotation globale',
    '',
    '',
    '2001-01-01',
    '2001-01-01',
    '2026-11-02',
    '',
  ].join(';');
  const { x, y } = fromWgs84(
    'EPSG:2154',
    commune.lon + (next() - 0.5) * 0.02,
    commune.lat + (next() - 0.5) * 0.02,
  );
  const geolocation = [
    'geolocalisation',
    finess,
    x.toFixed(1),
    y.toFixed(1),
    '1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93',
    '2026-11-02',
  ].join(';');
  return [structure, geolocation];
}

/**
 * Writes a national FINESS file of `count` establishments (Latin-1, LF, as published): the
 * `structureet` lines, then the `geolocalisation` lines. With `changedEvery`, one establishment in
 * that many has another phone number (a re-import's 1 %). Resolves with the file's size in bytes.
 */
export async function writeNationalFinessFile(
  path: string,
  count: number,
  options: { changedEvery?: number } = {},
): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string) => {
    const buffer = Buffer.from(text, 'latin1');
    bytes += buffer.length;
    if (!out.write(buffer)) await once(out, 'drain');
  };
  const generate = async (part: 0 | 1) => {
    // The same draws for both passes: a geolocation line matches its structure line.
    const next = random(1_100_507);
    let batch = '';
    for (let index = 0; index < count; index += 1) {
      const changed = options.changedEvery !== undefined && index % options.changedEvery === 0;
      batch += `${establishmentLines(index, next, changed)[part]}\n`;
      if (batch.length > 1 << 20) {
        await write(batch);
        batch = '';
      }
    }
    await write(batch);
  };
  await write('finess;etalab;111;2026-11-02\n');
  await generate(0);
  await generate(1);
  out.end();
  await once(out, 'finish');
  return bytes;
}
