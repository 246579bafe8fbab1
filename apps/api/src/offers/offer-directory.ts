import type {
  ApiContext,
  Commune,
  Epci,
  OfferHoursNow,
  OfferList,
  OfferListItem,
  OfferRecord,
  OfferSearch,
  OfferSearchResult,
  OfferSummary,
  PublicContract,
} from '@cls/api';
import { OfferListSchema, OfferSearchSchema } from '@cls/api/schemas';
import {
  type Clock,
  isOpenAt,
  isOpenOnWeekday,
  type OfferAccess,
  type OfferKind,
  type OfferPublic,
  systemClock,
  weekTable,
} from '@cls/domain';
import { foldText } from '@cls/french';
import { haversineKm } from '@cls/offers';
import type { ReadModelQueries } from '@cls/projections';
import type { CommuneLookup } from './commune-lookup.js';
import { type DayOffers, dayOfIndex } from './day-offers.js';
import type { OfferIndexCache } from './offer-index-cache.js';
import type { PastDayOffers } from './past-day-offers.js';

/** What the tRPC context carries as `offers`. */
type DirectoryQueries = ApiContext['offers'];

/**
 * What the tRPC routers ask of the directory of health offers (`ctx.offers`): the
 * portal's search, now or on a past day, the coordinators' list and an offer's record,
 * the communes, and the contracts' public pages. The indexes and the communes are kept
 * by their own providers; this answers from them.
 */
export class OfferDirectory implements DirectoryQueries {
  constructor(
    private readonly currentOffers: Pick<OfferIndexCache, 'current'>,
    private readonly pastDays: Pick<PastDayOffers, 'at'>,
    private readonly communeLookup: Pick<CommuneLookup, 'get' | 'search' | 'epcis' | 'territoryCommunes'>,
    private readonly queries: Pick<
      ReadModelQueries,
      'publicContracts' | 'publicContract' | 'governanceBodies' | 'offersWithPendingReport'
    >,
    private readonly clock: Clock = systemClock,
  ) {}

  async search(search: OfferSearch): Promise<OfferSearchResult> {
    const { center, radiusKm, bbox, kinds, limit, commune, date, openNow, openSaturday, publics, access } =
      OfferSearchSchema.parse(search);
    const now = this.clock.now();
    const index: DayOffers = date
      ? this.pastDays.at(date)
      : dayOfIndex((await this.currentOffers.current()).index);
    const wanted = kinds && kinds.length > 0 ? new Set<OfferKind>(kinds) : undefined;

    // The area: a radius around the centre, the map's view, or both; everything when neither.
    let area: OfferSummary[];
    if (center && radiusKm !== undefined) {
      area = (await index.withinRadius(center, radiusKm)).map(({ item }) => item);
      if (bbox) area = area.filter((offer) => insideBox(offer, bbox));
    } else if (bbox) {
      area = await index.inBounds(bbox);
    } else {
      // No area: the nearest ones (when there is a centre), and the counts of the whole directory.
      area = await index.all(center);
    }
    // A CPTS covering the commune searched belongs to it, wherever its seat is.
    const covering = commune ? await index.coveringCommune(commune) : [];
    for (const cpts of covering) if (!area.includes(cpts)) area.push(cpts);

    // Each filter, as a test of one offer; every count is made with the other filters applied.
    const wantedPublics = publics && publics.length > 0 ? new Set<OfferPublic>(publics) : undefined;
    const wantedAccess = access ?? [];
    const openNowOf = (offer: OfferSummary) => isOpenAt(offer.openingHours ?? undefined, now) === true;
    const openSaturdayOf = (offer: OfferSummary) =>
      isOpenOnWeekday(offer.openingHours ?? undefined, 'samedi', now) === true;
    const hasAccess = (offer: OfferSummary, conditions: readonly OfferAccess[]) =>
      conditions.every((condition) => offer.access.includes(condition));
    const tests: Record<FilterName, (offer: OfferSummary) => boolean> = {
      kind: (offer) => !wanted || wanted.has(offer.kind),
      openNow: (offer) => !openNow || openNowOf(offer),
      openSaturday: (offer) => !openSaturday || openSaturdayOf(offer),
      publics: (offer) => !wantedPublics || offer.publics.some((value) => wantedPublics.has(value)),
      access: (offer) => hasAccess(offer, wantedAccess),
    };
    const passes = (offer: OfferSummary, except?: FilterName) =>
      FILTERS.every((name) => name === except || tests[name](offer));

    const counts: Record<string, number> = {};
    const filterCounts: OfferSearchResult['filterCounts'] = {
      openNow: 0,
      openSaturday: 0,
      publics: {},
      access: {},
    };
    const add = (record: Record<string, number>, key: string) => {
      record[key] = (record[key] ?? 0) + 1;
    };
    for (const offer of area) {
      if (passes(offer, 'kind')) add(counts, offer.kind);
      if (passes(offer, 'openNow') && openNowOf(offer)) filterCounts.openNow += 1;
      if (passes(offer, 'openSaturday') && openSaturdayOf(offer)) filterCounts.openSaturday += 1;
      if (passes(offer, 'publics')) for (const value of offer.publics) add(filterCounts.publics, value);
      // Access conditions add up (all of them required): each count is what choosing it would give.
      if (passes(offer, 'access'))
        for (const value of offer.access) if (hasAccess(offer, wantedAccess)) add(filterCounts.access, value);
    }

    const matching = area
      .filter((offer) => passes(offer))
      .map((offer) => ({
        ...offer,
        ...(center
          ? { distanceKm: covering.includes(offer) ? 0 : round(haversineKm(center, offer), 3) }
          : {}),
      }));
    matching.sort((a, b) =>
      center ? (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || byFrenchName(a, b) : byFrenchName(a, b),
    );
    const results = matching
      .slice(0, limit)
      .map((offer) => ({ ...offer, ...hoursNow(offer.openingHours, now) }));
    // Today's cards say when a resident's report is being checked (a past day's do not).
    if (date) return { results, counts, filterCounts, total: matching.length };
    const reported = await this.queries.offersWithPendingReport();
    return {
      results: results.map((offer) => (reported.has(offer.id) ? { ...offer, reportPending: true } : offer)),
      counts,
      filterCounts,
      total: matching.length,
    };
  }

  async list(filter: OfferList): Promise<{ items: OfferListItem[]; total: number }> {
    const { search, kinds, state, limit } = OfferListSchema.parse(filter);
    // Every word typed, anywhere, compared as names are (no abbreviations spelt out: `ste` still finds Stéphane).
    const words = search ? foldText(search).split(' ').filter(Boolean) : [];
    const wanted = kinds && kinds.length > 0 ? new Set<string>(kinds) : undefined;
    const items = [...(await this.currentOffers.current()).byId.values()]
      .filter(({ row, summary }) => {
        if (wanted && !wanted.has(summary.kind)) return false;
        if (state === 'open' && row.closedOn) return false;
        if (state === 'closed' && !row.closedOn) return false;
        if (state === 'stale' && (row.closedOn || !summary.stale)) return false;
        // A practitioner's offer is named by its profession: found by the practitioner's name (opened) and RPPS number.
        const text = foldText(
          `${row.name} ${row.communeName} ${row.finess ?? ''} ${row.postcode ?? ''} ${row.practitioner?.name ?? ''} ${row.rpps ?? ''}`,
        );
        return words.every((word) => text.includes(word));
      })
      .map(({ row, summary }) => ({ ...summary, closedOn: row.closedOn }))
      .sort(byFrenchName);
    return { items: items.slice(0, limit), total: items.length };
  }

  async offer(id: string): Promise<OfferRecord | undefined> {
    const entry = (await this.currentOffers.current()).byId.get(id);
    if (!entry) return undefined;
    const { row, summary } = entry;
    return {
      ...summary,
      ...hoursNow(summary.openingHours, this.clock.now()),
      category: row.categoryCode ? { code: row.categoryCode, label: row.categoryLabel ?? '' } : null,
      openedOn: row.openedOn,
      sourceDate: row.sourceDate,
      website: row.website,
      closedOn: row.closedOn,
      closedReason: row.closedReason,
      reportPending: (await this.queries.offersWithPendingReport()).has(id),
      coverageNames: row.coverage.map((insee) => ({
        insee,
        name: this.communeLookup.get(insee)?.name ?? insee,
      })),
    };
  }

  async communes(query: string, limit: number): Promise<Commune[]> {
    return this.communeLookup.search(query, limit);
  }

  async epcis(query: string, limit: number): Promise<Epci[]> {
    return this.communeLookup.epcis(query, limit);
  }

  publicContracts() {
    return this.queries.publicContracts();
  }

  /** The INSEE codes of the open data's CLS territory a contract's territory name names. */
  territoryCommunes(territoryName: string): string[] {
    return this.communeLookup.territoryCommunes(territoryName);
  }

  /**
   * A contract's public page (the contracts read model's), with its territory's communes for the
   * map and its coordination, whom residents may ask (the governance bodies that coordinate or
   * lead the contract: their name and role, not their members).
   */
  async publicContract(contractId: string): Promise<PublicContract | undefined> {
    const [page, bodies] = await Promise.all([
      this.queries.publicContract(contractId),
      this.queries.governanceBodies(contractId),
    ]);
    if (!page) return undefined;
    const contacts = bodies
      .filter((body) => /coordination|charg[ée]e? de mission/i.test(body.body))
      .map(({ body, role }) => ({ body, role }));
    return { ...page, communes: this.communeLookup.territoryCommunes(page.territoryName), contacts };
  }
}

const FILTERS = ['kind', 'openNow', 'openSaturday', 'publics', 'access'] as const;
type FilterName = (typeof FILTERS)[number];

/** What an offer's hours say at `now` (Europe/Paris): both null when its hours are unknown. */
function hoursNow(hours: string | null, now: Date): OfferHoursNow {
  const week = weekTable(hours ?? undefined, now);
  return {
    openNow: isOpenAt(hours ?? undefined, now) ?? null,
    week: week
      ? week.map(({ weekday, date, today, holiday, opening }) => ({ weekday, date, today, holiday, opening }))
      : null,
  };
}

/** Names in French order: one collator for every sort (localeCompare would set one up per comparison). */
const frenchOrder = new Intl.Collator('fr');
const byFrenchName = (a: { name: string }, b: { name: string }) => frenchOrder.compare(a.name, b.name);

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

const insideBox = (offer: { lon: number; lat: number }, [west, south, east, north]: number[]) =>
  offer.lon >= (west as number) &&
  offer.lon <= (east as number) &&
  offer.lat >= (south as number) &&
  offer.lat <= (north as number);
