import { ERASED_PERSONAL_DATA, isEventOf, type OfferDetails, type RemovableOfferField } from '@cls/domain';
import type { EventStore, RecordedEvent } from '@cls/event-store';

/** The log's events an aggregator needs to keep a copy of the directory. */
export const OFFER_CHANGE_EVENTS = [
  'OfferRegistered',
  'OfferUpdated',
  'OfferVerified',
  'CoverageDeclared',
  'OfferClosed',
] as const;

interface ChangeBase {
  /** The event's position in the log: resume with `?since=<cursor>`. */
  cursor: string;
  offerId: string;
  /** The log's event type, for those who want more than created / updated / closed. */
  event: (typeof OFFER_CHANGE_EVENTS)[number];
  /** Business time (when it happened). */
  occurredAt: string;
  /** When the log recorded it. */
  recordedAt: string;
}

/** What the registration says, every field public; a practitioner's name opened, or left out once erased. */
export type RegisteredOffer = OfferDetails & {
  source: string;
  finess?: string;
  verifiedOn: string;
  [field: string]: unknown;
};

export type OfferChange =
  | (ChangeBase & { type: 'created'; offer: RegisteredOffer })
  | (ChangeBase & {
      type: 'updated';
      /** Only what changed, with the new values. */
      changes: Partial<OfferDetails> & { [field: string]: unknown };
      /** Fields the offer no longer has. */
      removed: RemovableOfferField[];
      /** The practitioner's name as it now reads (opened; absent once erased). */
      practitioner?: { name?: string; personId?: string };
      /** A CPTS's communes, when declared (replace the previous list). */
      coverage?: string[];
      verifiedOn?: string;
    })
  | (ChangeBase & { type: 'closed'; closedOn: string; reason: string });

export interface OfferChangesPage {
  changes: OfferChange[];
  /** The cursor to ask next: the last change's, or `since` when nothing followed it. */
  next: string;
  /** A full page: what follows `since` up to `next` is written and never changes. */
  complete: boolean;
}

/** Opens an event's sealed personal values (PersonalDataVault.openEvent). */
export type OpenPersonalData = <Data>(type: string, data: Data) => Promise<Data>;

/** A cursor: the position of an event in the log, 0 for the beginning (15 digits at most: a safe integer). */
export const CURSOR_PATTERN = /^(0|[1-9]\d{0,14})$/;

/** A cursor after the last event of the log. */
export class CursorBeyondLog extends Error {
  constructor(readonly cursor: number) {
    super(
      `curseur ${cursor} au-delà du journal : reprenez depuis le dernier « next » reçu de ce serveur, ou depuis 0`,
    );
  }
}

/**
 * A value opened from a sealed one reads « [donnée effacée] » once its subject's key was
 * destroyed: the feed leaves the field out rather than publish that placeholder (or, worse,
 * the ciphertext a reader would keep).
 */
function withoutErased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutErased);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== ERASED_PERSONAL_DATA)
      .map(([key, field]) => [key, withoutErased(field)]),
  );
}

/**
 * The offers' changes read from the log after a cursor: what an aggregator replays to keep the
 * same set of offers as `/api/offers.geojson`. Each change is the event as the log has it (the
 * registration's public fields, an update's changed fields), never the current state, so a page
 * is the same whenever it is read.
 */
export class OfferChangeFeed {
  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly open: OpenPersonalData,
  ) {}

  async page(since: number, limit: number): Promise<OfferChangesPage> {
    const events = await this.store.readAll({
      fromPosition: since,
      limit,
      filter: { categories: ['offer'], eventTypes: [...OFFER_CHANGE_EVENTS] },
    });
    const changes: OfferChange[] = [];
    for (const event of events) {
      const change = await this.change(event);
      if (change) changes.push(change);
    }
    // Nothing after the cursor: it must still be a position of this log (not one of another
    // deployment, or from before the database was restored), else the client would wait forever.
    if (events.length === 0 && since > 0) {
      const [atCursor] = await this.store.readAll({ fromPosition: since - 1, limit: 1 });
      if (!atCursor) throw new CursorBeyondLog(since);
    }
    const last = events.at(-1);
    return { changes, next: String(last ? last.position : since), complete: events.length === limit };
  }

  private async change(recorded: RecordedEvent): Promise<OfferChange | undefined> {
    const event = { ...recorded, data: withoutErased(await this.open(recorded.type, recorded.data)) };
    const base = {
      cursor: String(recorded.position),
      occurredAt: recorded.metadata.occurredAt,
      recordedAt: recorded.metadata.recordedAt,
    };
    if (isEventOf(event, ['OfferRegistered'])) {
      const { offerId, ...offer } = event.data;
      return { ...base, event: event.type, offerId, type: 'created', offer };
    }
    if (isEventOf(event, ['OfferUpdated'])) {
      const { offerId, changes, removed, practitioner, verifiedOn } = event.data;
      return {
        ...base,
        event: event.type,
        offerId,
        type: 'updated',
        changes,
        removed: removed ?? [],
        ...(practitioner ? { practitioner } : {}),
        verifiedOn,
      };
    }
    if (isEventOf(event, ['OfferVerified'])) {
      const { offerId, verifiedOn } = event.data;
      return { ...base, event: event.type, offerId, type: 'updated', changes: {}, removed: [], verifiedOn };
    }
    if (isEventOf(event, ['CoverageDeclared'])) {
      const { offerId, communes } = event.data;
      return {
        ...base,
        event: event.type,
        offerId,
        type: 'updated',
        changes: {},
        removed: [],
        coverage: communes,
      };
    }
    if (isEventOf(event, ['OfferClosed'])) {
      const { offerId, closedOn, reason } = event.data;
      return { ...base, event: event.type, offerId, type: 'closed', closedOn, reason };
    }
    return undefined;
  }
}
