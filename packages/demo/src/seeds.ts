import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeedAxisDetails, SeedFicheDetails } from './fiche-fields.js';

/** The shape of ../shared/seeds (see its README), as far as the replay reads it. */
export interface SeedSignatory {
  organisation: string;
  /** What the party commits to, as the source words it. */
  commitments?: string[];
  signer: string | { name: string; title?: string } | null;
  inferred?: boolean;
}
export interface SeedAction {
  code: string;
  title: string;
  pilots?: string[];
  deliverables?: Array<{ title: string }>;
  schedule: { years: number[]; ambiguous?: boolean; stated?: boolean; note?: string };
}
export interface SeedFiche extends SeedFicheDetails {
  code: string;
  title: string;
  objectives?: string[];
  pilots?: string[];
  partners?: string[];
  publics?: string[];
  actions?: SeedAction[];
}
export interface SeedAxis extends SeedAxisDetails {
  code: string;
  title: string;
  objectives?: string[];
  fiches?: SeedFiche[];
}
export interface SeedContract {
  id: string;
  name: string;
  /** `carrier`: the organisation carrying the contract, and where (Cœur d'Hérault 2024). */
  territory: {
    name: string;
    epci?: string[];
    communes?: string[];
    /** How many communes the territory counts (its source names only some). */
    communeCount?: number;
    carrier?: string | null;
  };
  period: { start: number; end: number };
  signedOn: string | null;
  signatories: SeedSignatory[];
  /** The source text the contract was extracted from (`text/…`). */
  sourceFile?: string;
  governance?: Array<{ body: string; role?: string; members?: string[]; meetingsPerYear?: number | null }>;
  axes: SeedAxis[];
  conventions?: Array<{
    id: string;
    title: string;
    kind?: string;
    parties?: string[];
    objectives?: string[];
    /** E.g. « annexée au CLS 2024-2029 », « document en création ». */
    status?: string;
  }>;
  /** Dated facts of the contract's history the source gives (Cœur d'Hérault 2024, Grand Périgueux). */
  timeline?: SeedDatedFact[] | null;
  /** Carcassonne: the construction calendar. */
  milestones?: Array<{
    date: string;
    precision: SeedFact['precision'];
    label: string;
    planned?: boolean;
  }> | null;
  previousContract?: {
    name: string;
    period: { start: number; end: number };
    structure: {
      axes: Array<{ code: string; title: string; measures: Array<{ n: number; title: string }> }>;
    };
  };
}
export interface SeedFact {
  id: string;
  date: string;
  precision: 'day' | 'month' | 'year' | 'period';
  kind: string;
  subject: string;
  place: string | null;
  details?: string;
  figures?: Record<string, unknown>;
  measure?: string | null;
  inferred?: boolean;
  planned?: boolean;
  source?: string;
  [other: string]: unknown;
}

/** A dated fact of a contract's `timeline`. */
export interface SeedDatedFact {
  date: string;
  precision: SeedFact['precision'];
  kind: string;
  subject: string;
  figures?: Record<string, unknown>;
  inferred?: boolean;
  planned?: boolean;
  source?: string;
}

/** A named health place or structure of the sources (`places.json`). */
export interface SeedPlace {
  id: string;
  name: string;
  kind: string;
  commune: string | null;
  territory: string | null;
  /** The source texts that name it (`text/…`). */
  mentionedIn?: string[];
  /** `project`, `planned`, `closed`…: absent for a place that exists. */
  status?: string;
}

export interface Seeds {
  contracts: SeedContract[];
  history: SeedFact[];
  places: SeedPlace[];
}

export const CONTRACT_FILES = [
  'cls-coeur-herault-2024.json',
  'cls-carcassonne.json',
  'cls-loue-lison-2024.json',
  'cls-grand-perigueux-2019.json',
];

/** `../shared` beside the repository, unless SHARED_DIR says otherwise. */
export function defaultSharedDir(): string {
  return process.env.SHARED_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared');
}

/** Reads the seeds; undefined when the folder is absent (a clone without ../shared). */
export function loadSeeds(sharedDir = defaultSharedDir()): Seeds | undefined {
  const seedsDir = join(sharedDir, 'seeds');
  if (!existsSync(join(seedsDir, 'contracts'))) return undefined;
  const read = <T>(path: string): T => JSON.parse(readFileSync(join(seedsDir, path), 'utf8')) as T;
  return {
    contracts: CONTRACT_FILES.map((file) => read<SeedContract>(join('contracts', file))),
    history: read<SeedFact[]>('history-coeur-herault-2019.json'),
    places: existsSync(join(seedsDir, 'places.json')) ? read<SeedPlace[]>('places.json') : [],
  };
}
