import {
  ORGANISATION_EVENT_TYPES,
  type OrganisationDetails,
  type RemovableOrganisationField,
} from '@cls/domain';
import { foldText } from '@cls/french';
import { defineProjection } from '../../projection.js';

/** The columns a removable detail fills. */
const COLUMNS_OF_FIELD: Record<RemovableOrganisationField, string[]> = {
  siret: ['siret'],
  website: ['website'],
  address: ['address_line', 'postcode', 'commune_insee', 'commune_name'],
};

/** The columns an organisation's details fill (a changed address replaces all of its columns). */
function detailColumns(details: Partial<OrganisationDetails>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (details.name !== undefined) {
    columns.name = details.name;
    columns.search_key = foldText(details.name);
  }
  if (details.kind !== undefined) columns.kind = details.kind;
  if (details.siret !== undefined) columns.siret = details.siret;
  if (details.address !== undefined) {
    columns.address_line = details.address.line ?? null;
    columns.postcode = details.address.postcode ?? null;
    columns.commune_insee = details.address.communeInsee ?? null;
    columns.commune_name = details.address.communeName ?? null;
  }
  if (details.website !== undefined) columns.website = details.website;
  return columns;
}

/**
 * The organisations directory: one row per organisation, with its name folded
 * (lower case, no accents) for searches as people type them (« agence regionale »
 * finds « Agence régionale de santé »).
 */
export const organisationsProjection = defineProjection({
  name: 'organisations',
  // 2: the revision of each organisation's stream (what an edit form was filled from: expectedRevision).
  version: 2,
  handles: ORGANISATION_EVENT_TYPES,
  schemaSql: `
    CREATE TABLE {schema}.organisations (
      organisation_id text PRIMARY KEY,
      name text NOT NULL,
      search_key text NOT NULL,
      kind text NOT NULL,
      siret text,
      address_line text,
      postcode text,
      commune_insee text,
      commune_name text,
      website text,
      registered_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      revision integer NOT NULL DEFAULT 0
    );
  `,
  queryIndexesSql: `
    CREATE INDEX ON {schema}.organisations (search_key);
  `,

  apply(event, { execute, schema }) {
    const at = event.metadata.recordedAt;
    switch (event.type) {
      case 'OrganisationRegistered': {
        const { organisationId, ...details } = event.data;
        const columns: Record<string, unknown> = {
          organisation_id: organisationId,
          ...detailColumns(details),
          registered_at: at,
          updated_at: at,
          revision: event.revision,
        };
        const names = Object.keys(columns);
        execute(
          `INSERT INTO ${schema}.organisations (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
          Object.values(columns),
        );
        return;
      }
      case 'OrganisationUpdated': {
        const { organisationId, changes, removed } = event.data;
        const columns = {
          ...Object.fromEntries(
            (removed ?? []).flatMap((field) => COLUMNS_OF_FIELD[field].map((column) => [column, null])),
          ),
          ...detailColumns(changes),
          updated_at: at,
          revision: event.revision,
        };
        const names = Object.keys(columns);
        execute(
          `UPDATE ${schema}.organisations SET ${names.map((name, i) => `${name} = $${i + 2}`).join(', ')} WHERE organisation_id = $1`,
          [organisationId, ...Object.values(columns)],
        );
        return;
      }
    }
  },
});
