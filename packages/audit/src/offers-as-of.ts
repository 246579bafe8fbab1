import {
  fold,
  OFFER_KIND_LABELS,
  type OfferEvent,
  type OfferKind,
  type OfferSource,
  offerDecider,
} from '@cls/domain';
import type { RecordedEvent } from '@cls/event-store';
import { categoryOfStream, idOfStream } from './contract-scope.js';
import { domainEvents, OFFER_EVENT_TYPES } from './domain-events.js';
import { compareCodes, positions } from './ordering.js';
import { endOfDay, eventTime, type TimeAxis } from './time-axis.js';

/** A health offer as it stood on a day: what the public map showed, or would have shown. */
export interface OfferAsOf {
  offerId: string;
  source: OfferSource;
  finess: string | null;
  kind: OfferKind;
  kindLabel: string;
  name: string;
  address: { line: string; postcode: string | null; communeInsee: string | null; communeName: string };
  position: { lon: number; lat: number };
  phone: string | null;
  website: string | null;
  category: { code: string; label: string } | null;
  openedOn: string | null;
  emergency: boolean | null;
  verifiedOn: string | null;
  /** INSEE codes of the communes a CPTS covers. */
  coverage: string[];
  links: Array<{ actionId: string; contractId: string; deliverableId: string | null }>;
  /** The offer's events folded for that day. */
  evidence: number[];
}

const nullable = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/**
 * The offers that existed at the end of `date` (UTC): registered, and not closed
 * on or before that day; each with its details as they were then (folded with the
 * Offer decider). On the record clock, what the directory knew that day: an
 * offer whose closing was recorded later is still open. By offer id.
 */
export function offersAsOf(events: Iterable<RecordedEvent>, date: string, time: TimeAxis): OfferAsOf[] {
  const limit = endOfDay(date);
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    if (categoryOfStream(event.stream) !== 'offer') continue;
    const stream = streams.get(event.stream);
    if (stream) stream.push(event);
    else streams.set(event.stream, [event]);
  }

  const offers: OfferAsOf[] = [];
  for (const [stream, all] of streams) {
    all.sort((a, b) => a.revision - b.revision);
    const view = all.filter((event) => eventTime(event, time) <= limit);
    if (view.length === 0) continue;
    // An update dated before the registration still implies the registration.
    if (view[0] !== all[0]) view.unshift(all[0] as RecordedEvent);
    const state = fold(offerDecider, domainEvents<OfferEvent>(view, OFFER_EVENT_TYPES));
    const details = state.details;
    if (!state.exists || !details) continue;
    if (state.closedOn !== undefined && state.closedOn <= date) continue;
    offers.push({
      offerId: idOfStream(stream),
      source: state.source,
      finess: nullable(state.finess),
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
      phone: nullable(details.phone),
      website: nullable(details.website),
      category: details.category ? { code: details.category.code, label: details.category.label } : null,
      openedOn: nullable(details.openedOn),
      emergency: nullable(details.emergency),
      verifiedOn: nullable(state.verifiedOn),
      coverage: state.coverage,
      links: state.links.map((link) => ({
        actionId: link.actionId,
        contractId: link.contractId,
        deliverableId: nullable(link.deliverableId),
      })),
      evidence: positions(view.map((event) => event.position)),
    });
  }
  return offers.sort((a, b) => compareCodes(a.offerId, b.offerId));
}
