/** How an offer's facts are written and linked on its card (dates and phones: @cls/french). */

import { offerDisplayName } from '@cls/domain';
import { foldText, frenchNumber } from '@cls/french';

/**
 * Directions to the point on openstreetmap.org: a web page, so it works on a desktop, an
 * iPhone and Android alike (no app, no API key); the person types where they leave from.
 */
export function directionsUrl({ lon, lat }: { lon: number; lat: number }): string {
  const point = `${round(lat)},${round(lon)}`;
  return `https://www.openstreetmap.org/directions?route=${encodeURIComponent(`;${point}`)}#map=15/${round(lat)}/${round(lon)}`;
}

/**
 * A `geo:` URI (RFC 5870) that phones open in their maps app for directions;
 * `q=` repeats the point with the place's name, which Android shows as the pin's label.
 */
// Only Android opens it: offered as an extra, beside `directionsUrl`.
export function geoUri({ lon, lat, name }: { lon: number; lat: number; name: string }): string {
  const point = `${round(lat)},${round(lon)}`;
  // Parentheses delimit the label: a name's own would cut it short.
  const label = name.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  return `geo:${point}?q=${point}(${encodeURIComponent(label)})`;
}

const round = (value: number) => String(Math.round(value * 1e6) / 1e6);

/**
 * `12 Rue du Puits, 34800 Clermont-l'Hérault`: FINESS's and the Annuaire Santé's capitals written
 * as people write an address, by the rule that writes the names; a CPTS without a seat is only its place.
 */
export function formatAddress(offer: {
  address: string;
  postcode: string | null;
  commune: string;
  source?: string;
}): string {
  const town = [offer.postcode, offer.commune].filter(Boolean).join(' ');
  // The Annuaire Santé spells the street's type out (« Rue ») before a name in capitals
  // (« DE LA RÉPUBLIQUE »): one case first, then the same rule as FINESS's capitals.
  const street = offer.source === 'rpps' ? offer.address.toUpperCase() : offer.address;
  return [offerDisplayName(street), town].filter(Boolean).join(', ');
}

/**
 * A distance to a point that is only its commune's centre (« position approximative (commune) »):
 * rounded to the kilometre and said as such — `0.01` → `environ 1 km`, `8.4` → `environ 8 km` —
 * never « 10 m » to a door nobody knows.
 */
export function formatApproximateDistance(km: number): string {
  return `environ ${Math.max(1, Math.round(km))} km`;
}

/** `0.34` → `340 m`, `3.46` → `3,5 km`, `23.4` → `23 km`. */
export function formatDistance(km: number): string {
  if (km < 1) return `${Math.max(10, Math.round(km * 100) * 10)} m`;
  if (km < 10) return `${frenchNumber(km, 1)} km`;
  return `${Math.round(km)} km`;
}

/** Whether two labels say the same, capitals, accents and a bracketed abbreviation aside (FINESS's `… (P.M.I.)`). */
export function sameLabel(a: string, b: string): boolean {
  const words = (label: string) => foldText(label.replace(/\(.*\)/g, ''));
  return words(a) === words(b);
}

/** « Soutenu par le Contrat Local de Santé » before a contract's name, unless the name says it already. */
export function supportedBy(contractName: string): string {
  return /^contrat local de santé/i.test(contractName.trim())
    ? 'Soutenu par le'
    : 'Soutenu par le Contrat Local de Santé';
}

/**
 * The year an offer opened, from FINESS's date; undefined for its placeholders for an
 * unknown date (`1900-01-01`, `1901-01-01`, `1904-04-04`: anything before 1910).
 */
export function openedYear(openedOn: string | null): string | undefined {
  if (!openedOn || openedOn < '1910') return undefined;
  return openedOn.slice(0, 4);
}
