import {
  isOfferKind,
  type OfferKind,
  type OfferPractice,
  type OfferSource,
  type PositionPrecision,
} from '@cls/domain';
import type { Pool } from '@cls/postgres';
import { LiveTables } from '../../live-tables.js';
import { schemaOf } from '../../projection.js';
import type { ActionBoardQueries } from '../action-board/queries.js';
import type { ContractsQueries } from '../contracts/queries.js';
import { offersProjection } from './projection.js';

/** An offer's link to a CLS action, with the contract's name and the action's code and title. */
export interface OfferLinkRow {
  contractId: string;
  contractName: string;
  actionId: string;
  actionCode: string;
  actionTitle: string;
}

export interface OfferRow {
  id: string;
  source: OfferSource;
  finess: string | null;
  /** A practitioner's « Identifiant PP ». */
  rpps: string | null;
  /**
   * The practitioner, their name as the log has it: sealed here, opened by the host
   * (withPersonalDataOpened), « [donnée effacée] » once erased.
   */
  practitioner: { name: string; personId: string | null } | null;
  kind: string;
  name: string;
  addressLine: string;
  postcode: string | null;
  communeInsee: string | null;
  communeName: string;
  lon: number;
  lat: number;
  /** Null: as the source gave it; `commune`: the commune's centre (« position approximative (commune) »). */
  positionPrecision: PositionPrecision | null;
  /** A practitioner's practice at the site; null for an establishment. */
  practice: OfferPractice | null;
  phone: string | null;
  categoryCode: string | null;
  categoryLabel: string | null;
  openedOn: string | null;
  emergency: boolean | null;
  website: string | null;
  /** OpenStreetMap `opening_hours` syntax; null when unknown. */
  openingHours: string | null;
  /** Null when unknown (never given). */
  publics: string[] | null;
  access: string[] | null;
  languages: string[] | null;
  wheelchair: boolean | null;
  teleconsultation: boolean | null;
  services: string[] | null;
  appointmentUrl: string | null;
  verifiedOn: string;
  /** The date of the data the offer was registered from; `verifiedOn` later than it: someone checked since. */
  sourceDate: string | null;
  closedOn: string | null;
  closedReason: string | null;
  coverage: string[];
  links: OfferLinkRow[];
}

/** The practitioner's and practice's columns, as they are read before being put together. */
interface PractitionerColumns {
  practitionerName: string | null;
  practitionerId: string | null;
  professionCode: string | null;
  professionLabel: string | null;
  practiceMode: string | null;
  savoirFaireCode: string | null;
  savoirFaireLabel: string | null;
}

/** An offer an action of a contract opened (its deliverable): what the contract's public page lists. */
export interface LinkedOffer {
  actionId: string;
  id: string;
  name: string;
  kind: OfferKind;
}

/** An offer a past day may hold, and the log position of the last event that changed it. */
export interface OfferCandidate {
  id: string;
  changedAt: number;
}

/** Where a past day's offers are looked for (see `offersEverIn`). */
export type OfferArea =
  | { bounds: readonly [west: number, south: number, east: number, north: number] }
  | { covering: string }
  | 'anywhere';

export class OffersQueries {
  private readonly tables: LiveTables;

  constructor(
    pool: Pool,
    /** The links of offers to actions are named from these. */
    private readonly needs: { contracts: ContractsQueries; actionBoard: ActionBoardQueries },
  ) {
    this.tables = new LiveTables(pool, offersProjection.name);
  }

  /**
   * Every offer of the directory (closed ones too, with `closedOn`), each with
   * the CLS actions it is a deliverable of: what the host's spatial index is built from.
   */
  async offers(): Promise<OfferRow[]> {
    const [rows, links] = await Promise.all([this.rows(), this.links()]);
    return rows.map((row) => ({ ...row, links: links.get(row.id) ?? [] }));
  }

  /**
   * The offers an event changed after `position` (a revision of `offersRevision`), with their
   * links: what the host's index is updated from, instead of reading the whole directory again.
   * Undefined while the live tables are of an older version (this one's being built beside
   * them): they record no `changed_at`, the caller reads every offer.
   */
  async offersChangedSince(position: number): Promise<OfferRow[] | undefined> {
    if (!(await this.liveIsThisVersion())) return undefined;
    const rows = await this.rows({ changedAfter: position });
    if (rows.length === 0) return [];
    const links = await this.links(rows.map((row) => row.id));
    return rows.map((row) => ({ ...row, links: links.get(row.id) ?? [] }));
  }

  /**
   * The offers a directory of any day may hold in an area: those with a position, past or
   * present, in `bounds` (west, south, east, north), or that covered the commune `covering` at
   * some time; `anywhere`: every offer ever registered. Each with the position of the last event
   * that changed it (`changedAt`: what a fold of its stream kept by a reader is checked against).
   * In no set order. Undefined while the live tables are of an older version, which keep no history.
   */
  async offersEverIn(area: OfferArea): Promise<OfferCandidate[] | undefined> {
    if (!(await this.liveIsThisVersion())) return undefined;
    return this.tables.query<OfferCandidate>(
      (schema) =>
        area === 'anywhere'
          ? `SELECT offer_id AS id, changed_at::float8 AS "changedAt" FROM ${schema}.offers`
          : `SELECT o.offer_id AS id, o.changed_at::float8 AS "changedAt" FROM ${schema}.offers o
              WHERE o.offer_id IN (${
                'covering' in area
                  ? `SELECT offer_id FROM ${schema}.coverage_history WHERE insee = $1`
                  : `SELECT offer_id FROM ${schema}.places WHERE point(lon, lat) <@ box(point($1, $2), point($3, $4))`
              })`,
      area === 'anywhere' ? [] : 'covering' in area ? [area.covering] : [...area.bounds],
    );
  }

  /** Whether the live tables are of this version: an older one records no `changed_at` and no history. */
  private async liveIsThisVersion(): Promise<boolean> {
    return (await this.tables.schema()) === schemaOf(offersProjection);
  }

  /**
   * The offers of one source (`rpps`…), a page at a time in the order of their ids, without their
   * links: what an import compares the file with, never the whole directory at once.
   */
  offersOfSource(source: OfferSource, after: string, limit: number): Promise<OfferRow[]> {
    return this.rows({ source, after, limit });
  }

  /**
   * Rows of the offers table in the order of their ids (all, a page of a source's, or those
   * changed after a position), without links.
   */
  private async rows(
    only?: { source: OfferSource; after: string; limit: number } | { changedAfter: number },
  ): Promise<OfferRow[]> {
    const page = only && 'source' in only ? only : undefined;
    const changedAfter = only && 'changedAfter' in only ? only.changedAfter : undefined;
    const rows = await this.tables.query<
      Omit<OfferRow, 'links' | 'practitioner' | 'practice'> & PractitionerColumns
    >(
      (schema) =>
        `SELECT offer_id AS "id", source, finess, rpps, practitioner_name AS "practitionerName",
                  practitioner_id AS "practitionerId", kind, name, address_line AS "addressLine", postcode,
                  commune_insee AS "communeInsee", commune_name AS "communeName", lon, lat,
                  position_precision AS "positionPrecision", profession_code AS "professionCode",
                  profession_label AS "professionLabel", practice_mode AS "practiceMode",
                  savoir_faire_code AS "savoirFaireCode", savoir_faire_label AS "savoirFaireLabel", phone,
                  category_code AS "categoryCode", category_label AS "categoryLabel", opened_on::text AS "openedOn",
                  emergency, website, opening_hours AS "openingHours", publics, access, languages,
                  wheelchair, teleconsultation, services, appointment_url AS "appointmentUrl",
                  verified_on::text AS "verifiedOn", source_date::text AS "sourceDate",
                  closed_on::text AS "closedOn",
                  closed_reason AS "closedReason", coverage
             FROM ${schema}.offers
            ${page ? 'WHERE source = $1 AND offer_id > $2' : changedAfter !== undefined ? 'WHERE changed_at > $1' : ''}
            ORDER BY offer_id ${page ? 'LIMIT $3' : ''}`,
      page ? [page.source, page.after, page.limit] : changedAfter !== undefined ? [changedAfter] : [],
    );
    return rows.map(
      ({
        practitionerName,
        practitionerId,
        professionCode,
        professionLabel,
        practiceMode,
        savoirFaireCode,
        savoirFaireLabel,
        ...row
      }) => ({
        ...row,
        practitioner: practitionerName === null ? null : { name: practitionerName, personId: practitionerId },
        practice:
          professionCode === null || practiceMode !== 'liberal'
            ? null
            : {
                profession: { code: professionCode, label: professionLabel ?? '' },
                mode: practiceMode,
                ...(savoirFaireCode === null
                  ? {}
                  : { savoirFaire: { code: savoirFaireCode, label: savoirFaireLabel ?? '' } }),
              },
        links: [],
      }),
    );
  }

  /** Position of the last offer event in the read model: it moves only when an offer changed. */
  async offersRevision(): Promise<number> {
    const [row] = await this.tables.query<{ position: string }>(
      (schema) => `SELECT position FROM ${schema}.revision`,
    );
    return Number(row?.position ?? 0);
  }

  /** The offers linked to an action (an MSP it opened…). */
  offersOfAction(actionId: string): Promise<Array<{ id: string; name: string; kind: string }>> {
    return this.tables.query(
      (schema) =>
        `SELECT o.offer_id AS id, o.name, o.kind FROM ${schema}.offer_links l JOIN ${schema}.offers o USING (offer_id)
          WHERE l.action_id = $1 ORDER BY o.name`,
      [actionId],
    );
  }

  /** The offers the actions of a contract opened. */
  async linkedToContract(contractId: string): Promise<LinkedOffer[]> {
    const rows = await this.tables.query<Omit<LinkedOffer, 'kind'> & { kind: string }>(
      (schema) =>
        `SELECT l.action_id AS "actionId", o.offer_id AS id, o.name, o.kind
           FROM ${schema}.offer_links l JOIN ${schema}.offers o USING (offer_id)
          WHERE l.contract_id = $1 ORDER BY l.offer_id, l.linked_at`,
      [contractId],
    );
    return rows.flatMap(({ kind, ...offer }) => (isOfferKind(kind) ? [{ ...offer, kind }] : []));
  }

  /** Links of offers to actions (of all offers, or of these), by offer, named from the contracts and the action board. */
  private async links(offerIds?: string[]): Promise<Map<string, OfferLinkRow[]>> {
    const links = await this.tables.query<{ offerId: string; contractId: string; actionId: string }>(
      (schema) =>
        `SELECT offer_id AS "offerId", contract_id AS "contractId", action_id AS "actionId"
           FROM ${schema}.offer_links ${offerIds ? 'WHERE offer_id = ANY($1)' : ''} ORDER BY offer_id, linked_at`,
      offerIds ? [offerIds] : [],
    );
    const byOffer = new Map<string, OfferLinkRow[]>();
    if (links.length === 0) return byOffer;
    const [contracts, actions] = await Promise.all([
      this.needs.contracts.contracts([...new Set(links.map((link) => link.contractId))]),
      this.needs.actionBoard.namesOf([...new Set(links.map((link) => link.actionId))]),
    ]);
    const contractName = new Map(contracts.map((contract) => [contract.contractId, contract.name]));
    const actionNamed = new Map(actions.map((action) => [action.actionId, action]));
    for (const { offerId, contractId, actionId } of links) {
      const action = actionNamed.get(actionId);
      byOffer.set(offerId, [
        ...(byOffer.get(offerId) ?? []),
        {
          contractId,
          contractName: contractName.get(contractId) ?? contractId,
          actionId,
          actionCode: action?.code ?? '',
          actionTitle: action?.title ?? '',
        },
      ]);
    }
    return byOffer;
  }
}
