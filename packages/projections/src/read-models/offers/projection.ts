import {
  ERASED_PERSONAL_DATA,
  OFFER_EVENT_TYPES,
  type OfferDetails,
  PRACTITIONER_SUBJECT_PREFIX,
  type RemovableOfferField,
} from '@cls/domain';
import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';

const HANDLES = [...OFFER_EVENT_TYPES, 'PersonalDataErased'] as const;
type OfferProjectedEvent = ProjectedEvent<typeof HANDLES>;

/** The columns a removable detail fills. */
const COLUMNS_OF_FIELD: Record<RemovableOfferField, string[]> = {
  phone: ['phone'],
  website: ['website'],
  openedOn: ['opened_on'],
  emergency: ['emergency'],
  category: ['category_code', 'category_label'],
  positionPrecision: ['position_precision'],
  openingHours: ['opening_hours'],
  publics: ['publics'],
  access: ['access'],
  languages: ['languages'],
  wheelchair: ['wheelchair'],
  teleconsultation: ['teleconsultation'],
  services: ['services'],
  appointmentUrl: ['appointment_url'],
};

/** The practitioner's columns: the name as the log has it (sealed), opened by the host for its readers. */
const practitionerColumns = (practitioner: { name: string; personId?: string } | undefined) =>
  practitioner === undefined
    ? {}
    : { practitioner_name: practitioner.name, practitioner_id: practitioner.personId ?? null };

/** The columns an offer's details fill (a changed address or position replaces all of its columns). */
function detailColumns(details: Partial<OfferDetails>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (details.kind !== undefined) columns.kind = details.kind;
  if (details.name !== undefined) columns.name = details.name;
  if (details.address !== undefined) {
    columns.address_line = details.address.line;
    columns.postcode = details.address.postcode ?? null;
    columns.commune_insee = details.address.communeInsee ?? null;
    columns.commune_name = details.address.communeName;
  }
  if (details.position !== undefined) {
    columns.lon = details.position.lon;
    columns.lat = details.position.lat;
  }
  if (details.positionPrecision !== undefined) columns.position_precision = details.positionPrecision;
  if (details.practice !== undefined) {
    columns.profession_code = details.practice.profession.code;
    columns.profession_label = details.practice.profession.label;
    columns.practice_mode = details.practice.mode;
    columns.savoir_faire_code = details.practice.savoirFaire?.code ?? null;
    columns.savoir_faire_label = details.practice.savoirFaire?.label ?? null;
  }
  if (details.phone !== undefined) columns.phone = details.phone;
  if (details.category !== undefined) {
    columns.category_code = details.category.code;
    columns.category_label = details.category.label;
  }
  if (details.openedOn !== undefined) columns.opened_on = details.openedOn;
  if (details.emergency !== undefined) columns.emergency = details.emergency;
  if (details.website !== undefined) columns.website = details.website;
  if (details.openingHours !== undefined) columns.opening_hours = details.openingHours;
  if (details.publics !== undefined) columns.publics = details.publics;
  if (details.access !== undefined) columns.access = details.access;
  if (details.languages !== undefined) columns.languages = details.languages;
  if (details.wheelchair !== undefined) columns.wheelchair = details.wheelchair;
  if (details.teleconsultation !== undefined) columns.teleconsultation = details.teleconsultation;
  if (details.services !== undefined) columns.services = details.services;
  if (details.appointmentUrl !== undefined) columns.appointment_url = details.appointmentUrl;
  return columns;
}

/**
 * The directory of health offers: one row per offer (closed ones kept, with
 * their closing date), the communes a CPTS covers, and the CLS actions an offer
 * is a deliverable of. The host builds its spatial index from these rows.
 */
export const offersProjection = defineProjection({
  name: 'offers',
  version: 7,
  // A practitioner's erasure changes what their offers show (their name reads erased).
  handles: HANDLES,
  schemaSql: `
    CREATE TABLE {schema}.offers (
      offer_id text PRIMARY KEY,
      source text NOT NULL,
      finess text,
      -- A practitioner's « Identifiant PP » (RPPS), and their name sealed with the key of practitioner_id.
      rpps text,
      practitioner_name text,
      practitioner_id text,
      kind text NOT NULL,
      name text NOT NULL,
      address_line text NOT NULL,
      postcode text,
      commune_insee text,
      commune_name text NOT NULL,
      lon double precision NOT NULL,
      lat double precision NOT NULL,
      -- NULL: as the source gave it; 'commune': the commune's centre; 'address': a BAN address.
      position_precision text,
      -- A practitioner's practice there (RPPS profession, liberal, savoir-faire).
      profession_code text,
      profession_label text,
      practice_mode text,
      savoir_faire_code text,
      savoir_faire_label text,
      phone text,
      category_code text,
      category_label text,
      opened_on date,
      emergency boolean,
      website text,
      opening_hours text,
      publics text[],
      access text[],
      languages text[],
      wheelchair boolean,
      teleconsultation boolean,
      services text[],
      appointment_url text,
      verified_on date NOT NULL,
      -- The date of the data the offer was registered from (FINESS's extract…): verified_on moves, this does not.
      source_date date,
      registered_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      closed_on date,
      closed_reason text,
      coverage text[] NOT NULL DEFAULT '{}',
      -- The position of the last event that changed the row (its links too): readers update
      -- their index from the rows changed since the revision it was built at.
      changed_at bigint NOT NULL
    );
    CREATE UNIQUE INDEX ON {schema}.offers (finess) WHERE finess IS NOT NULL;
    CREATE TABLE {schema}.offer_links (
      offer_id text NOT NULL, action_id text NOT NULL, contract_id text NOT NULL, deliverable_id text,
      linked_at timestamptz NOT NULL,
      PRIMARY KEY (offer_id, action_id)
    );
    -- Every position an offer has had and every commune a CPTS has covered, kept as the events
    -- gave them: the directory of a past day looks up in them which offers may be in a view or
    -- cover a commune, then folds those offers' streams.
    CREATE TABLE {schema}.places (offer_id text NOT NULL, lon double precision NOT NULL, lat double precision NOT NULL);
    CREATE TABLE {schema}.coverage_history (offer_id text NOT NULL, insee text NOT NULL);
    -- The position of the last offer event applied: readers rebuild their index when it moves.
    CREATE TABLE {schema}.revision (position bigint NOT NULL);
    INSERT INTO {schema}.revision VALUES (0);
  `,
  queryIndexesSql: `
    CREATE INDEX ON {schema}.offers (changed_at);
    CREATE INDEX ON {schema}.offers (rpps) WHERE rpps IS NOT NULL;
    CREATE INDEX ON {schema}.offer_links (action_id);
    CREATE INDEX ON {schema}.places USING gist (point(lon, lat));
    CREATE INDEX ON {schema}.coverage_history (insee);
  `,

  apply(event, tx) {
    keepHistory(event, tx);
    if (applyOfferEvent(event, tx))
      tx.execute(`UPDATE ${tx.schema}.revision SET position = $1`, [event.position]);
  },
  applyPage: applyOfferPage,
});

/** The position or the communes covered an event gives an offer, kept beside those it had. */
function keepHistory(event: OfferProjectedEvent, { appendRow, schema }: ProjectionTransaction): void {
  const place = (offerId: string, { lon, lat }: { lon: number; lat: number }) =>
    appendRow(`${schema}.places`, { offer_id: offerId, lon, lat });
  if (event.type === 'OfferRegistered') place(event.data.offerId, event.data.position);
  if (event.type === 'OfferUpdated' && event.data.changes.position)
    place(event.data.offerId, event.data.changes.position);
  if (event.type === 'CoverageDeclared')
    for (const insee of event.data.communes)
      appendRow(`${schema}.coverage_history`, { offer_id: event.data.offerId, insee });
}

/**
 * Writes what an offer event changes, except the revision: tells whether it moves
 * it (every offer event, and the erasure of a practitioner's name).
 */
function applyOfferEvent(event: OfferProjectedEvent, { execute, schema }: ProjectionTransaction): boolean {
  const at = event.metadata.recordedAt;
  if (event.type === 'PersonalDataErased') {
    if (!event.data.userId.startsWith(PRACTITIONER_SUBJECT_PREFIX)) return false;
    // The sealed name could no longer be opened: the read model keeps nothing of it, and the
    // revision moves so that the portal's index is built again without it.
    execute(
      `UPDATE ${schema}.offers SET practitioner_name = $2, changed_at = $3 WHERE practitioner_id = $1`,
      [event.data.userId, ERASED_PERSONAL_DATA, event.position],
    );
    return true;
  }
  switch (event.type) {
    case 'OfferRegistered': {
      const columns = registeredColumns(event);
      const names = Object.keys(columns);
      execute(
        `INSERT INTO ${schema}.offers (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(columns),
      );
      return true;
    }
    case 'OfferUpdated': {
      const { offerId, changes, removed, practitioner, verifiedOn } = event.data;
      const columns = {
        ...practitionerColumns(practitioner),
        ...Object.fromEntries(
          (removed ?? []).flatMap((field) => COLUMNS_OF_FIELD[field].map((column) => [column, null])),
        ),
        ...detailColumns(changes),
        verified_on: verifiedOn,
        updated_at: at,
        changed_at: event.position,
      };
      const names = Object.keys(columns);
      execute(
        `UPDATE ${schema}.offers SET ${names.map((name, i) => `${name} = $${i + 2}`).join(', ')} WHERE offer_id = $1`,
        [offerId, ...Object.values(columns)],
      );
      return true;
    }
    case 'OfferClosed': {
      const { offerId, closedOn, reason } = event.data;
      execute(
        `UPDATE ${schema}.offers SET closed_on = $2, closed_reason = $3, updated_at = $4, changed_at = $5
          WHERE offer_id = $1`,
        [offerId, closedOn, reason, at, event.position],
      );
      return true;
    }
    case 'OfferVerified': {
      const { offerId, verifiedOn } = event.data;
      execute(`UPDATE ${schema}.offers SET verified_on = $2, changed_at = $3 WHERE offer_id = $1`, [
        offerId,
        verifiedOn,
        event.position,
      ]);
      return true;
    }
    case 'CoverageDeclared': {
      const { offerId, communes } = event.data;
      execute(
        `UPDATE ${schema}.offers SET coverage = $2, updated_at = $3, changed_at = $4 WHERE offer_id = $1`,
        [offerId, communes, at, event.position],
      );
      return true;
    }
    case 'OfferLinkedToAction': {
      const link = event.data;
      execute(
        `INSERT INTO ${schema}.offer_links (offer_id, action_id, contract_id, deliverable_id, linked_at)
           VALUES ($1, $2, $3, $4, $5)`,
        [link.offerId, link.actionId, link.contractId, link.deliverableId ?? null, at],
      );
      execute(`UPDATE ${schema}.offers SET changed_at = $2 WHERE offer_id = $1`, [
        link.offerId,
        event.position,
      ]);
      return true;
    }
  }
  return true;
}

/** An offer's row as it is registered. */
function registeredColumns(
  event: OfferProjectedEvent & { type: 'OfferRegistered' },
): Record<string, unknown> {
  const { offerId, source, finess, rpps, practitioner, verifiedOn, ...details } = event.data;
  const at = event.metadata.recordedAt;
  return {
    offer_id: offerId,
    source,
    finess: finess ?? null,
    rpps: rpps ?? null,
    ...practitionerColumns(practitioner),
    ...detailColumns(details),
    verified_on: verifiedOn,
    source_date: verifiedOn,
    registered_at: at,
    updated_at: at,
    changed_at: event.position,
  };
}

/**
 * A page at once: offers registered one after another (an import) in one INSERT
 * per set of columns, reading a JSON array typed by the table, written before
 * any other event's statement (which may change them); the revision moved once,
 * to the page's last offer event. Leaves the rows `apply` leaves event by event.
 */
function applyOfferPage(events: OfferProjectedEvent[], tx: ProjectionTransaction): void {
  const registered = new Map<string, Record<string, unknown>[]>();
  const writeRegistered = () => {
    for (const [names, rows] of registered) {
      tx.execute(
        `INSERT INTO ${tx.schema}.offers (${names})
         SELECT ${names
           .split(',')
           .map((name) => `v.${name}`)
           .join(', ')}
           FROM $1 AS v`,
        [tx.rows(`${tx.schema}.offers`, rows)],
      );
    }
    registered.clear();
  };
  let revision: number | undefined;
  for (const event of events) {
    keepHistory(event, tx);
    if (event.type === 'OfferRegistered') {
      const columns = registeredColumns(event);
      const names = Object.keys(columns).join(',');
      const rows = registered.get(names) ?? [];
      rows.push(columns);
      registered.set(names, rows);
      revision = event.position;
      continue;
    }
    writeRegistered();
    if (applyOfferEvent(event, tx)) revision = event.position;
  }
  writeRegistered();
  if (revision !== undefined) tx.execute(`UPDATE ${tx.schema}.revision SET position = $1`, [revision]);
}
