import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  ApiContext,
  Commune,
  OfferList,
  OfferListItem,
  OfferRecord,
  OfferSearch,
  OfferSearchResult,
  OfferSummary,
  PublicContract,
} from '@cls/api';
import { OfferListSchema, OfferSearchSchema } from '@cls/api/schemas';
import { endOfDay, type OfferAsOf, OfferHistory, offerStreams } from '@cls/audit';
import { isOfferKind, isOfferStale, type OfferKind } from '@cls/domain';
import type { EventStore, RecordedEvent } from '@cls/event-store';
import { CommuneDirectory, haversineKm, OfferIndex, parseCommunesCsv, withoutAccents } from '@cls/offers';
import type { OfferRow, ReadModelQueries } from '@cls/projections';
import { publicContract } from './public-contract.js';

export interface OfferDirectorySettings {
  /** The open data folder (communes, contours, territories); may be absent. */
  openDataDir: string;
  staleAfterDays: number;
  /** Today, YYYY-MM-DD (tests pin it). */
  today?: () => string;
}

interface Snapshot {
  revision: number;
  /** Open offers, as the portal shows them. */
  index: OfferIndex<OfferSummary>;
  byId: Map<string, { row: OfferRow; summary: OfferSummary }>;
}

/**
 * The directory's past days at one revision of the offers: their history folded once,
 * the indexes of the last days asked, the summaries they share.
 */
interface PastDays {
  /** The offers read model's revision the history covers (at least). */
  revision: number;
  /** Whether its fold has begun reading the log (until then, it covers later revisions too). */
  started: boolean;
  history: Promise<OfferHistory>;
  /** The days asked last, least recently used first. */
  days: Map<string, OfferIndex<OfferSummary>>;
  /** The days being built: one build per day, whoever asks. */
  building: Map<string, Promise<OfferIndex<OfferSummary>>>;
  /** An offer's state as the portal shows it, the same object for every day it holds on. */
  summaries: WeakMap<OfferAsOf, OfferSummary>;
  /** The day `stale` was computed on. */
  today: string;
}

/** How many past days' indexes are kept: the handful of dates a person compares. */
const PAST_DAYS_KEPT = 16;
/** Offers folded between two yields to the event loop, when the history is built. */
const FOLD_CHUNK = 100;

const EMPTY_INDEX = new OfferIndex<OfferSummary>([]);

type Territory = { id: string; name: string; communes: string[] };

/** The CLS territories of the open data (`geo/territories.json`), none when absent. */
export function readTerritories(openDataDir: string): Territory[] {
  const path = join(openDataDir, 'geo/territories.json');
  if (!existsSync(path)) return [];
  return (JSON.parse(readFileSync(path, 'utf8')) as { territories: Territory[] }).territories;
}

/**
 * The public directory of health offers: a spatial index of the open offers,
 * rebuilt from the offers read model whenever an offer event moved it, plus the
 * communes of the open data for search and coverage names.
 */
export class OfferDirectory implements Omit<ApiContext['offers'], never> {
  readonly communeDirectory: CommuneDirectory;
  readonly territories: Territory[];
  private snapshot: Promise<Snapshot> | undefined;
  private loadedRevision = -1;
  /** The latest fold of the offers' history, finished, running or waiting for the one before it. */
  private past: PastDays | undefined;
  /** One fold of the history at a time: each waits for the one before. */
  private folding: Promise<unknown> = Promise.resolve();
  /** One past day's build at a time, each on its own turn of the event loop. */
  private dayBuilds: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly queries: ReadModelQueries,
    private readonly store: EventStore,
    private readonly settings: OfferDirectorySettings,
  ) {
    const communes = join(settings.openDataDir, 'geo/communes.csv');
    this.communeDirectory = new CommuneDirectory(
      existsSync(communes) ? parseCommunesCsv(readFileSync(communes, 'utf8')) : [],
    );
    this.territories = readTerritories(settings.openDataDir);
  }

  private today(): string {
    return this.settings.today?.() ?? new Date().toISOString().slice(0, 10);
  }

  /** The index as of the read model's last offer event (one cheap query to know). */
  async current(): Promise<Snapshot> {
    const revision = await this.queries.offersRevision();
    if (!this.snapshot || revision !== this.loadedRevision) {
      this.loadedRevision = revision;
      this.snapshot = this.build(revision);
      this.snapshot.catch(() => {
        this.snapshot = undefined;
        this.loadedRevision = -1;
      });
    }
    return this.snapshot;
  }

  /**
   * The open offers now, or at the end of a past day. The offers' events are read and
   * folded once per revision of the offers (one fold at a time, yielding to other requests
   * between chunks); a day is then a binary search per offer, built once however many ask
   * for it, one day at a time on its own turn of the event loop, and kept among the last
   * days asked. Before the first offer event, the directory was empty.
   */
  async indexAt(date: string | undefined): Promise<OfferIndex<OfferSummary>> {
    const snapshot = await this.current();
    if (!date) return snapshot.index;
    const past = this.pastDays(snapshot.revision);
    const history = await past.history;
    const today = this.today();
    if (past.today !== today) {
      past.today = today;
      past.days.clear();
      past.summaries = new WeakMap();
    }
    const kept = past.days.get(date);
    if (kept) {
      past.days.delete(date);
      past.days.set(date, kept);
      return kept;
    }
    const first = history.firstEventAt;
    if (first === undefined || endOfDay(date) < first) return EMPTY_INDEX;
    let building = past.building.get(date);
    if (!building) {
      building = this.oneDayAtATime(() => {
        const index = new OfferIndex(
          history.at(date).map((offer) => this.pastSummary(past, snapshot, offer, date)),
        );
        past.days.set(date, index);
        if (past.days.size > PAST_DAYS_KEPT) past.days.delete(past.days.keys().next().value as string);
        return index;
      });
      past.building.set(date, building);
      const done = () => past.building.delete(date);
      building.then(done, done);
    }
    return building;
  }

  /** Runs `build` after the builds before it, on a turn of the event loop of its own. */
  private oneDayAtATime<T>(build: () => T): Promise<T> {
    const result = this.dayBuilds.then(
      () =>
        new Promise<T>((resolve, reject) =>
          setImmediate(() => {
            try {
              resolve(build());
            } catch (error) {
              reject(error);
            }
          }),
        ),
    );
    this.dayBuilds = result.catch(() => undefined);
    return result;
  }

  /** The past days at this revision of the offers: a new fold only once the last one has begun. */
  private pastDays(revision: number): PastDays {
    const last = this.past;
    if (last && (last.revision >= revision || !last.started)) {
      // A fold still waiting reads the log as it will be then: this revision too.
      last.revision = Math.max(last.revision, revision);
      return last;
    }
    const past: PastDays = {
      revision,
      started: false,
      history: this.folding.then(() => {
        past.started = true;
        return this.foldHistory();
      }),
      days: new Map(),
      building: new Map(),
      summaries: new WeakMap(),
      today: this.today(),
    };
    this.folding = past.history.catch(() => undefined);
    past.history.catch(() => {
      if (this.past === past) this.past = undefined;
    });
    this.past = past;
    return past;
  }

  /** Every offer event, read once and folded into each offer's states (business time). */
  private async foldHistory(): Promise<OfferHistory> {
    const events: RecordedEvent[] = [];
    for (let from = 0; ; ) {
      const page = await this.store.readAll({
        fromPosition: from,
        limit: 5000,
        filter: { categories: ['offer'] },
      });
      events.push(...page);
      if (page.length < 5000) break;
      from = (page[page.length - 1] as RecordedEvent).position;
    }
    const history = new OfferHistory('occurred');
    let folded = 0;
    for (const [stream, streamEvents] of offerStreams(events)) {
      history.addStream(stream, streamEvents);
      folded += 1;
      if (folded % FOLD_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return history;
  }

  /** An offer of a past day as the portal shows it. */
  private pastSummary(past: PastDays, snapshot: Snapshot, offer: OfferAsOf, date: string): OfferSummary {
    const shared = past.summaries.get(offer);
    if (shared) return shared;
    const linked = new Set(offer.links.map((link) => link.actionId));
    const summary: OfferSummary = {
      id: offer.offerId,
      finess: offer.finess,
      name: offer.name,
      kind: offer.kind,
      address: offer.address.line,
      postcode: offer.address.postcode,
      commune: offer.address.communeName,
      communeInsee: offer.address.communeInsee,
      phone: offer.phone,
      lon: offer.position.lon,
      lat: offer.position.lat,
      source: offer.source,
      emergency: offer.emergency,
      verifiedOn: offer.verifiedOn ?? date,
      stale: isOfferStale(offer.verifiedOn ?? undefined, past.today, this.settings.staleAfterDays),
      coverage: offer.coverage,
      // Names of contracts and actions as the read models have them now.
      support: (snapshot.byId.get(offer.offerId)?.summary.support ?? []).filter((link) =>
        linked.has(link.actionId),
      ),
    };
    // Never verified: shown as verified on the day asked, so not shared between days.
    if (offer.verifiedOn !== null) past.summaries.set(offer, summary);
    return summary;
  }

  private async build(revision: number): Promise<Snapshot> {
    const rows = await this.queries.offers();
    const today = this.today();
    const byId = new Map<string, { row: OfferRow; summary: OfferSummary }>();
    const open: OfferSummary[] = [];
    for (const row of rows) {
      if (!isOfferKind(row.kind)) continue;
      const summary = summaryOf(
        row,
        row.kind,
        isOfferStale(row.verifiedOn, today, this.settings.staleAfterDays),
      );
      byId.set(row.id, { row, summary });
      if (!row.closedOn) open.push(summary);
    }
    return { revision, index: new OfferIndex(open), byId };
  }

  async search(search: OfferSearch): Promise<OfferSearchResult> {
    const { center, radiusKm, bbox, kinds, limit, commune, date } = OfferSearchSchema.parse(search);
    const index = await this.indexAt(date);
    const wanted = kinds && kinds.length > 0 ? new Set<OfferKind>(kinds) : undefined;

    // The area: a radius around the centre, the map's view, or both; everything when neither.
    let area: OfferSummary[];
    if (center && radiusKm !== undefined) {
      area = index.withinRadius(center, radiusKm).map(({ item }) => item);
      if (bbox) area = area.filter((offer) => insideBox(offer, bbox));
    } else if (bbox) {
      area = index.inBounds(bbox);
    } else if (center) {
      // No area: the nearest ones, and the counts of the whole directory.
      area = index.nearest({ ...center, limit: index.size }).map(({ item }) => item);
    } else {
      area = index.all();
    }
    // A CPTS covering the commune searched belongs to it, wherever its seat is.
    const covering = commune ? index.coveringCommune(commune) : [];
    for (const cpts of covering) if (!area.includes(cpts)) area.push(cpts);

    const counts: Record<string, number> = {};
    for (const offer of area) counts[offer.kind] = (counts[offer.kind] ?? 0) + 1;

    const matching = area
      .filter((offer) => !wanted || wanted.has(offer.kind))
      .map((offer) => ({
        ...offer,
        ...(center
          ? { distanceKm: covering.includes(offer) ? 0 : round(haversineKm(center, offer), 3) }
          : {}),
      }));
    matching.sort((a, b) =>
      center ? (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || byFrenchName(a, b) : byFrenchName(a, b),
    );
    return { results: matching.slice(0, limit), counts, total: matching.length };
  }

  async list(filter: OfferList): Promise<{ items: OfferListItem[]; total: number }> {
    const { search, kinds, state, limit } = OfferListSchema.parse(filter);
    const words = search ? foldText(search).split(/\s+/).filter(Boolean) : [];
    const wanted = kinds && kinds.length > 0 ? new Set<string>(kinds) : undefined;
    const items = [...(await this.current()).byId.values()]
      .filter(({ row, summary }) => {
        if (wanted && !wanted.has(summary.kind)) return false;
        if (state === 'open' && row.closedOn) return false;
        if (state === 'closed' && !row.closedOn) return false;
        if (state === 'stale' && (row.closedOn || !summary.stale)) return false;
        const text = foldText(`${row.name} ${row.communeName} ${row.finess ?? ''} ${row.postcode ?? ''}`);
        return words.every((word) => text.includes(word));
      })
      .map(({ row, summary }) => ({ ...summary, closedOn: row.closedOn }))
      .sort(byFrenchName);
    return { items: items.slice(0, limit), total: items.length };
  }

  async offer(id: string): Promise<OfferRecord | undefined> {
    const entry = (await this.current()).byId.get(id);
    if (!entry) return undefined;
    const { row, summary } = entry;
    return {
      ...summary,
      category: row.categoryCode ? { code: row.categoryCode, label: row.categoryLabel ?? '' } : null,
      openedOn: row.openedOn,
      website: row.website,
      closedOn: row.closedOn,
      closedReason: row.closedReason,
      coverageNames: row.coverage.map((insee) => ({
        insee,
        name: this.communeDirectory.get(insee)?.name ?? insee,
      })),
    };
  }

  async communes(query: string, limit: number): Promise<Commune[]> {
    return this.communeDirectory.search(query, limit).map((commune) => ({
      insee: commune.insee,
      name: commune.name,
      departement: commune.departement,
      postcodes: commune.postcodes,
      population: commune.population ?? null,
      lon: commune.lon,
      lat: commune.lat,
    }));
  }

  async publicContracts() {
    const contracts = await this.queries.contracts();
    return contracts.map(({ contractId, name, territory, periodStart, periodEnd, status }) => ({
      contractId,
      name,
      territoryName: territory,
      periodStart,
      periodEnd,
      status,
    }));
  }

  async publicContract(contractId: string): Promise<PublicContract | undefined> {
    return publicContract(this.queries, contractId, (territoryName) => this.territoryCommunes(territoryName));
  }

  /** The INSEE codes of a CLS territory, matched by name in the open data's territories. */
  private territoryCommunes(territoryName: string): string[] {
    const key = (name: string) => foldText(name).replaceAll(' ', '');
    const wanted = key(territoryName);
    return this.territories.find((territory) => wanted.includes(key(territory.name)))?.communes ?? [];
  }
}

/** Lower case, without accents nor punctuation: how names are compared. */
const foldText = (text: string) =>
  withoutAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ');

/** Names in French order: one collator for every sort (localeCompare would set one up per comparison). */
const frenchOrder = new Intl.Collator('fr');
const byFrenchName = (a: { name: string }, b: { name: string }) => frenchOrder.compare(a.name, b.name);

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

const insideBox = (offer: { lon: number; lat: number }, [west, south, east, north]: number[]) =>
  offer.lon >= (west as number) &&
  offer.lon <= (east as number) &&
  offer.lat >= (south as number) &&
  offer.lat <= (north as number);

function summaryOf(row: OfferRow, kind: OfferKind, stale: boolean): OfferSummary {
  return {
    id: row.id,
    finess: row.finess,
    name: row.name,
    kind,
    address: row.addressLine,
    postcode: row.postcode,
    commune: row.communeName,
    communeInsee: row.communeInsee,
    phone: row.phone,
    lon: row.lon,
    lat: row.lat,
    source: row.source,
    emergency: row.emergency,
    verifiedOn: row.verifiedOn,
    stale,
    coverage: row.coverage,
    support: row.links,
  };
}
