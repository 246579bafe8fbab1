/**
 * How the portal speaks of a practitioner's offer (Annuaire Santé): the person's name, the
 * profession and liberal practice, and a position that may be only the commune's centre.
 */
import type { OfferSummary } from '@cls/api/schemas';
import {
  OFFER_KIND_LABELS,
  offerDisplayName,
  POSITION_PRECISION_LABELS,
  practiceDescription,
} from '@cls/domain';
import { personName } from '@cls/french';
import { sameLabel } from './format.js';

type Named = Pick<OfferSummary, 'name' | 'commune' | 'practitioner'>;

/**
 * What a result or a card is called: the practitioner's name for a practitioner's offer
 * (« Marie Dupont », written as people write names), the offer's name otherwise.
 */
export function offerTitle(offer: Named): string {
  const practitioner = offer.practitioner?.trim();
  return practitioner ? personName(practitioner) : offerDisplayName(offer.name, offer.commune);
}

/**
 * « Sage-femme, exercice libéral », « Médecin généraliste, exercice libéral »: the profession
 * as the kinds name it, and the mode; undefined for an establishment.
 */
export function practiceLine(offer: Pick<OfferSummary, 'kind' | 'practice'>): string | undefined {
  return offer.practice ? practiceDescription(offer.kind, offer.practice) : undefined;
}

/**
 * The savoir-faire the Annuaire Santé gives (« Médecine générale », « Orthopédie
 * dento-faciale »), when it says more than the profession already does.
 */
export function savoirFaire(offer: Pick<OfferSummary, 'kind' | 'practice'>): string | undefined {
  const label = offer.practice?.savoirFaire?.label.trim();
  if (!label || sameLabel(label, OFFER_KIND_LABELS[offer.kind].long)) return undefined;
  return label;
}

/** Whether the point on the map is only the commune's centre, not the address. */
export const isApproximate = (offer: Pick<OfferSummary, 'positionPrecision'>): boolean =>
  offer.positionPrecision === 'commune';

/** « position approximative (commune) », the domain's words. */
export const APPROXIMATE_POSITION = POSITION_PRECISION_LABELS.commune;

/**
 * Where to look an address up when the point is only the commune's centre: OpenStreetMap's
 * search of the address as written (a web page), not directions to a point that is not there.
 */
export function addressSearchUrl(address: string): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
}

/** The same for Android's maps app: `geo:0,0?q=<address>` (RFC 5870 and Android's address query). */
export function addressGeoUri(address: string): string {
  return `geo:0,0?q=${encodeURIComponent(address)}`;
}
