/**
 * A generated Annuaire Santé extraction (`PS_LibreAcces_Personne_activite_*.txt`) of national
 * size, in the real layout: the file's header (RPPS_HEADER of packages/offers, quoted from a
 * public reader of the file), pipe-separated with a trailing `|`, UTF-8. The lines are made up
 * (names, sites, numbers), shaped like the real ones (~380 bytes, a practitioner's lines
 * together, one in four practitioners with a second activity), and 1 in `MALFORMED_EVERY` is
 * broken on purpose (a line cut short, a number that is not one), as files in the wild are.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { RPPS_HEADER } from '@cls/offers';

export const MALFORMED_EVERY = 50_000;

/** Deterministic pseudo-random numbers (mulberry32): the same file every run. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Professions in about the proportions of the real file (code, label, savoir-faire). */
const PROFESSIONS: ReadonlyArray<{
  weight: number;
  code: string;
  label: string;
  savoirFaire?: [string, string, string, string];
}> = [
  {
    weight: 22,
    code: '10',
    label: 'Médecin',
    savoirFaire: ['S', 'Spécialité ordinale', 'SM54', 'Médecine générale'],
  },
  {
    weight: 8,
    code: '10',
    label: 'Médecin',
    savoirFaire: ['S', 'Spécialité ordinale', 'SM26', 'Qualifié en Médecine Générale'],
  },
  {
    weight: 10,
    code: '10',
    label: 'Médecin',
    savoirFaire: ['S', 'Spécialité ordinale', 'SM53', 'Spécialiste en Médecine Générale'],
  },
  {
    weight: 6,
    code: '10',
    label: 'Médecin',
    savoirFaire: ['S', 'Spécialité ordinale', 'SM04', 'Cardiologie et maladies vasculaires'],
  },
  { weight: 30, code: '60', label: 'Infirmier' },
  { weight: 5, code: '50', label: 'Sage-Femme' },
  {
    weight: 9,
    code: '40',
    label: 'Chirurgien-Dentiste',
    savoirFaire: ['S', 'Spécialité ordinale', 'SCD01', 'Orthopédie dento-faciale'],
  },
  { weight: 10, code: '70', label: 'Masseur-Kinésithérapeute' },
  { weight: 8, code: '21', label: 'Pharmacien' },
  { weight: 2, code: '91', label: 'Orthophoniste' },
];
const TOTAL_WEIGHT = PROFESSIONS.reduce((sum, profession) => sum + profession.weight, 0);

/** The profession at a point of the weights' cumulated range. */
function professionAt(draw: number): (typeof PROFESSIONS)[number] | undefined {
  let left = draw;
  for (const profession of PROFESSIONS) {
    left -= profession.weight;
    if (left < 0) return profession;
  }
  return PROFESSIONS[0];
}

const NAMES = [
  'MARTIN',
  'BERNARD',
  'DUBOIS',
  'THOMAS',
  'ROBERT',
  'RICHARD',
  'PETIT',
  'DURAND',
  'LEROY',
  'MOREAU',
];
const FIRST_NAMES = [
  'MARIE',
  'JEAN',
  'NATHALIE',
  'PIERRE',
  'ISABELLE',
  'MICHEL',
  'SOPHIE',
  'ÉLODIE',
  'FRANÇOIS',
  'HÉLÈNE',
];
const STREETS: ReadonlyArray<[string, string, string]> = [
  ['R', 'Rue', 'DE LA RÉPUBLIQUE'],
  ['AV', 'Avenue', 'DU MARÉCHAL FOCH'],
  ['BD', 'Boulevard', 'VICTOR HUGO'],
  ['PL', 'Place', 'DE L’ÉGLISE'],
  ['CHE', 'Chemin', 'DES ÉCOLIERS'],
  ['RTE', 'Route', 'DE BESANCON'],
];
/**
 * The centres of the communes the lines use (../shared/data/geo/communes.csv, Licence Ouverte):
 * what the import reads from that file or a national one, given here so the bench needs neither.
 */
export const COMMUNE_CENTRES: ReadonlyArray<{ insee: string; lon: number; lat: number }> = [
  { insee: '11069', lon: 2.343539, lat: 43.209308 },
  { insee: '24322', lon: 0.712002, lat: 45.191722 },
  { insee: '25056', lon: 6.019368, lat: 47.255208 },
  { insee: '25462', lon: 6.38918, lat: 46.911975 },
  { insee: '34079', lon: 3.4128, lat: 43.634116 },
  { insee: '34142', lon: 3.305756, lat: 43.730632 },
  { insee: '34172', lon: 3.869222, lat: 43.613366 },
];

/** Communes of the four departments of ../shared/data (INSEE code, postcode, name as the file writes it). */
type GeneratedCommune = readonly [
  insee: string,
  postcode: string,
  name: string,
  departement: string,
  departementName: string,
];
export const COMMUNES: ReadonlyArray<GeneratedCommune> = [
  ['34172', '34000', 'Montpellier', '34', 'Hérault'],
  ['34079', '34800', "Clermont-l'Hérault", '34', 'Hérault'],
  ['34142', '34700', 'Lodève', '34', 'Hérault'],
  ['11069', '11000', 'Carcassonne', '11', 'Aude'],
  ['24322', '24000', 'Périgueux', '24', 'Dordogne'],
  ['25056', '25000', 'Besançon', '25', 'Doubs'],
  ['25462', '25300', 'Pontarlier', '25', 'Doubs'],
];

/** One generated line (`index` from 0), in the header's 52 columns and its trailing `|`. */
export function rppsLine(
  index: number,
  next: () => number,
  communes: ReadonlyArray<GeneratedCommune> = COMMUNES,
): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const profession = professionAt(next() * TOTAL_WEIGHT);
  // A practitioner's lines follow each other: about one in four has a second activity.
  const rpps = String(10_000_000_000 + Math.floor(index * 0.8) * 7);
  const liberal = next() < 0.6;
  const [insee, postcode, commune, departement, departementName] = pick(communes);
  const [typeCode, typeLabel, street] = pick(STREETS);
  const name = pick(NAMES);
  const firstName = pick(FIRST_NAMES);
  const siret = String(30_000_000_000_000 + index);
  const sf = profession?.savoirFaire ?? ['', '', '', ''];
  const fields = [
    '8',
    rpps,
    `8${rpps}`,
    profession?.code === '10' ? 'DR' : '',
    profession?.code === '10' ? 'Docteur' : '',
    next() < 0.5 ? 'MME' : 'M',
    next() < 0.5 ? 'Madame' : 'Monsieur',
    name,
    firstName,
    profession?.code,
    profession?.label,
    'C',
    'Civil',
    ...sf,
    liberal ? 'L' : 'S',
    liberal ? 'Libéral' : 'Salarié',
    siret,
    '',
    liberal ? '' : `${departement}0000${String(index % 1000).padStart(3, '0')}`,
    '',
    `R1010000${String(index).padStart(7, '0')}`,
    liberal ? `CABINET DU DR ${name} ${firstName}` : 'CENTRE HOSPITALIER',
    '',
    liberal ? `CABINET DU DR ${name} ${firstName}` : '',
    next() < 0.2 ? 'BATIMENT B' : '',
    String(1 + Math.floor(next() * 120)),
    next() < 0.05 ? 'B' : '',
    typeCode,
    typeLabel,
    street,
    '',
    `${postcode} ${commune.toUpperCase()}`,
    postcode,
    next() < 0.03 ? '' : insee,
    commune,
    '',
    '',
    `04${String(67_000_000 + index).slice(-8)}`,
    '',
    '',
    next() < 0.6 ? `cabinet.${name.toLowerCase()}@exemple.fr` : '',
    departement,
    departementName,
    `3${siret}`,
    liberal ? 'ARS/CPAM/CPAM' : 'CNOM/CNOM/CNOM',
    liberal ? 'SA07' : 'SA01',
    liberal ? 'Cabinet individuel' : 'Etablissement public de santé',
    '',
    '',
  ];
  const line = `${fields.join('|')}|`;
  if (index % MALFORMED_EVERY === MALFORMED_EVERY - 1) {
    // Broken on purpose: every other one cut short, the others with a number that is not one.
    return index % (2 * MALFORMED_EVERY) === MALFORMED_EVERY - 1
      ? line.slice(0, 120)
      : line.replace(`|${rpps}|`, '|1234ABC|');
  }
  return line;
}

/**
 * Writes `lines` generated lines after the header (sites in `communes`: the four departments'
 * by default); resolves with the file's size in bytes.
 */
export async function writeRppsFile(
  path: string,
  lines: number,
  communes: ReadonlyArray<GeneratedCommune> = COMMUNES,
): Promise<number> {
  const next = random(2026);
  const out = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  let batch = `${RPPS_HEADER}\r\n`;
  for (let index = 0; index < lines; index += 1) {
    batch += `${rppsLine(index, next, communes)}\r\n`;
    if (batch.length > 1 << 20) {
      bytes += Buffer.byteLength(batch);
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  bytes += Buffer.byteLength(batch);
  out.end(batch);
  await once(out, 'finish');
  return bytes;
}
