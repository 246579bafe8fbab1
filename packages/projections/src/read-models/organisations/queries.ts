import type { OrganisationKind } from '@cls/domain';
import { foldText } from '@cls/french';
import type { Pool } from '@cls/postgres';
import { LiveTables } from '../../live-tables.js';
import { organisationsProjection } from './projection.js';

export interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  siret: string | null;
  addressLine: string | null;
  postcode: string | null;
  communeInsee: string | null;
  communeName: string | null;
  website: string | null;
  /** Revision of the organisation's stream this row shows: its edit form's `expectedRevision`. */
  revision: number;
}

export interface OrganisationFilter {
  /** Words of the name, in any case, with or without accents: every word must start a word of the name. */
  query?: string;
  kind?: OrganisationKind;
  limit?: number;
}

const COLUMNS = `organisation_id AS "id", name, kind, siret, address_line AS "addressLine", postcode,
  commune_insee AS "communeInsee", commune_name AS "communeName", website, revision`;

/** The pattern of one folded word starting a word of the folded name (LIKE's wildcards cannot occur: folded text is [a-z0-9 ]). */
const wordStart = (word: string) => `(^| )${word}`;

export class OrganisationsQueries {
  private readonly tables: LiveTables;

  constructor(pool: Pool) {
    this.tables = new LiveTables(pool, organisationsProjection.name);
  }

  /** The directory by name; with `query`, the organisations whose name has words starting with each word typed. */
  list(filter: OrganisationFilter = {}): Promise<OrganisationRow[]> {
    const words = foldText(filter.query ?? '')
      .split(' ')
      .filter(Boolean);
    const parameters: unknown[] = [];
    const conditions = words.map((word) => {
      parameters.push(wordStart(word));
      return `search_key ~ $${parameters.length}`;
    });
    if (filter.kind) {
      parameters.push(filter.kind);
      conditions.push(`kind = $${parameters.length}`);
    }
    parameters.push(filter.limit ?? 1000);
    return this.tables.query<OrganisationRow>(
      (schema) =>
        `SELECT ${COLUMNS} FROM ${schema}.organisations
          ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
          ORDER BY search_key, organisation_id LIMIT $${parameters.length}`,
      parameters,
    );
  }

  /** Organisations by id (those unknown left out). */
  byIds(ids: string[]): Promise<OrganisationRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.tables.query<OrganisationRow>(
      (schema) =>
        `SELECT ${COLUMNS} FROM ${schema}.organisations WHERE organisation_id = ANY($1) ORDER BY search_key`,
      [ids],
    );
  }
}
