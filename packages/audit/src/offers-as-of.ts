import {
  fold,
  OFFER_EVENT_TYPES,
  OFFER_KIND_LABELS,
  type OfferAccess,
  type OfferDetails,
  type OfferKind,
  type OfferPractice,
  type OfferPublic,
  type OfferService,
  type OfferSource,
  type OfferState,
  offerDecider,
} from '@cls/domain';
import type { RecordedEvent } from '@cls/event-store';
import { categoryOfStream, idOfStream } from './contract-scope.js';
import { domainEvents } from './domain-events.js';
import { compareCodes, positions } from './ordering.js';
import { endOfDay, eventTime, type TimeAxis } from './time-axis.js';

/** A health offer as it stood on a day: what the public map showed, or would have shown. */
export interface OfferAsOf {
  offerId: string;
  source: OfferSource;
  finess: string | null;
  /** A practitioner's « Identifiant PP » (their name is sealed in the log: not here). */
  rpps: string | null;
  kind: OfferKind;
  kindLabel: string;
  name: string;
  address: { line: string; postcode: string | null; communeInsee: string | null; communeName: string };
  position: { lon: number; lat: number };
  /** Null: as the source gave it; `commune`: the commune's centre. */
  positionPrecision: 'address' | 'commune' | null;
  /** A practitioner's practice at the site; null for an establishment. */
  practice: OfferPractice | null;
  phone: string | null;
  website: string | null;
  category: { code: string; label: string } | null;
  openedOn: string | null;
  emergency: boolean | null;
  /** Hours (OpenStreetMap syntax), publics, access… as the coordinators gave them; null or empty when unknown. */
  openingHours: string | null;
  publics: OfferPublic[];
  access: OfferAccess[];
  languages: string[];
  services: OfferService[];
  wheelchair: boolean | null;
  teleconsultation: boolean | null;
  appointmentUrl: string | null;
  verifiedOn: string | null;
  /** INSEE codes of the communes a CPTS covers. */
  coverage: string[];
  links: Array<{ actionId: string; contractId: string; deliverableId: string | null }>;
  /** The offer's events folded for that day. */
  evidence: number[];
}

const nullable = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** One offer after each instant one of its events happened: `at[i]` holds from `times[i]` on. */
interface OfferStates {
  offerId: string;
  /** Distinct instants of its events on the clock, ascending (epoch milliseconds). */
  times: number[];
  at: Array<{ offer: OfferAsOf | undefined; closedOn: string | undefined }>;
  /** The states that were open, with the instants between which a day's end sees them. */
  versions: OfferVersion[];
}

/**
 * An offer as it stood over a stretch of time: on the directory of `date` when
 * `from ≤ endOfDay(date) < to` (epoch milliseconds; `to` is infinite while it still holds).
 */
export interface OfferVersion {
  offer: OfferAsOf;
  from: number;
  to: number;
}

/** Whether the directory at the end of `date` holds this version. */
export const heldAtEndOf = (version: OfferVersion, limit: number): boolean =>
  version.from <= limit && limit < version.to;

/**
 * The offers' history folded once: every offer's state after each instant one of its
 * events happened (on the chosen clock), so that the directory of any day is read
 * without folding again, `at(date)` costing a binary search per offer. The offers it
 * answers are shared between days: read them, never change them.
 */
export class OfferHistory {
  /** By offer id. */
  readonly #offers = new Map<string, OfferStates>();
  /** The offers' ids in code order, sorted when first asked after a new offer. */
  #order: string[] | undefined;

  constructor(readonly time: TimeAxis) {}

  /** Folds one offer stream (all its events, in any order), in place of an earlier fold of it. */
  addStream(stream: string, events: readonly RecordedEvent[]): void {
    const all = [...events].sort((a, b) => a.revision - b.revision);
    const first = all[0];
    if (!first || categoryOfStream(stream) !== 'offer') return;
    const timed = all.map((event) => ({ event, at: eventTime(event, this.time) }));
    // An event whose instant cannot be read is on no day.
    const times = [...new Set(timed.map(({ at }) => at).filter((at) => !Number.isNaN(at)))].sort(
      (a, b) => a - b,
    );
    const offerId = idOfStream(stream);
    const at = times.map((limit) => {
      const view = timed.filter(({ at }) => at <= limit).map(({ event }) => event);
      // An update dated before the registration still implies the registration.
      if (view[0] !== first) view.unshift(first);
      const state = fold(offerDecider, domainEvents(view, OFFER_EVENT_TYPES));
      return {
        offer: state.exists && state.details ? offerOf(offerId, state, state.details, view) : undefined,
        closedOn: state.closedOn,
      };
    });
    // An offer folded again keeps its place in the order; a new one needs it sorted again.
    if (!this.#offers.has(offerId)) this.#order = undefined;
    this.#offers.set(offerId, { offerId, times, at, versions: versionsOf(times, at) });
  }

  /** Every offer's states, by offer id. */
  #inOrder(): OfferStates[] {
    this.#order ??= [...this.#offers.keys()].sort(compareCodes);
    return this.#order.map((offerId) => this.#offers.get(offerId) as OfferStates);
  }

  /** One offer's open states, with when they held (none for an offer never folded). */
  versionsOf(offerId: string): readonly OfferVersion[] {
    return this.#offers.get(offerId)?.versions ?? [];
  }

  /**
   * The offers that existed at the end of `date` (UTC): registered, and not closed on
   * or before that day; each with its details as they were then. By offer id.
   */
  at(date: string): OfferAsOf[] {
    const limit = endOfDay(date);
    const offers: OfferAsOf[] = [];
    for (const { times, at } of this.#inOrder()) {
      const index = lastAtOrBefore(times, limit);
      if (index < 0) continue;
      const { offer, closedOn } = at[index] as OfferStates['at'][number];
      if (!offer || (closedOn !== undefined && closedOn <= date)) continue;
      offers.push(offer);
    }
    return offers;
  }
}

/**
 * The open states of one offer with the day ends that see them: the state after `times[i]`
 * holds until the next instant, or until the end of the day it closed, whichever comes first
 * (the same reading as `at`: the last state at or before the day's end, not closed by then).
 */
function versionsOf(times: readonly number[], at: OfferStates['at']): OfferVersion[] {
  const versions: OfferVersion[] = [];
  at.forEach(({ offer, closedOn }, index) => {
    if (!offer) return;
    const next = times[index + 1] ?? Number.POSITIVE_INFINITY;
    const to = closedOn === undefined ? next : Math.min(next, endOfDay(closedOn));
    const from = times[index] as number;
    if (from < to) versions.push({ offer, from, to });
  });
  return versions;
}

/** The index of the last value ≤ `limit` in ascending `values`, -1 if none. */
function lastAtOrBefore(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((values[middle] as number) <= limit) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function offerOf(
  offerId: string,
  state: OfferState,
  details: OfferDetails,
  view: readonly RecordedEvent[],
): OfferAsOf {
  return {
    offerId,
    source: state.source,
    finess: nullable(state.finess),
    rpps: nullable(state.rpps),
    kind: details.kind,
    kindLabel: OFFER_KIND_LABELS[details.kind].long,
    name: details.name,
    address: {
      line: details.address.line,
      postcode: nullable(details.address.postcode),
      communeInsee: nullable(details.address.communeInsee),
      communeName: details.address.communeName,
    },
    position: { lon: details.position.lon, lat: details.position.lat },
    positionPrecision: nullable(details.positionPrecision),
    practice: nullable(details.practice),
    phone: nullable(details.phone),
    website: nullable(details.website),
    category: details.category ? { code: details.category.code, label: details.category.label } : null,
    openedOn: nullable(details.openedOn),
    emergency: nullable(details.emergency),
    openingHours: nullable(details.openingHours),
    publics: details.publics ?? [],
    access: details.access ?? [],
    languages: details.languages ?? [],
    services: details.services ?? [],
    wheelchair: nullable(details.wheelchair),
    teleconsultation: nullable(details.teleconsultation),
    appointmentUrl: nullable(details.appointmentUrl),
    verifiedOn: nullable(state.verifiedOn),
    coverage: state.coverage,
    links: state.links.map((link) => ({
      actionId: link.actionId,
      contractId: link.contractId,
      deliverableId: nullable(link.deliverableId),
    })),
    evidence: positions(view.map((event) => event.position)),
  };
}

/**
 * The offers that existed at the end of `date` (UTC): registered, and not closed
 * on or before that day; each with its details as they were then (folded with the
 * Offer decider). On the record clock, what the directory knew that day: an
 * offer whose closing was recorded later is still open. By offer id.
 */
export function offersAsOf(events: Iterable<RecordedEvent>, date: string, time: TimeAxis): OfferAsOf[] {
  endOfDay(date);
  const history = new OfferHistory(time);
  for (const [stream, all] of offerStreams(events)) history.addStream(stream, all);
  return history.at(date);
}

/** The offer events by stream, in the order their streams first appear. */
export function offerStreams(events: Iterable<RecordedEvent>): Map<string, RecordedEvent[]> {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    if (categoryOfStream(event.stream) !== 'offer') continue;
    const stream = streams.get(event.stream);
    if (stream) stream.push(event);
    else streams.set(event.stream, [event]);
  }
  return streams;
}
