/** How an offer's facts are written and linked on its card. */

/**
 * A `geo:` URI (RFC 5870) that phones open in their maps app for directions;
 * `q=` repeats the point with the place's name, which Android shows as the pin's label.
 */
export function geoUri({ lon, lat, name }: { lon: number; lat: number; name: string }): string {
  const point = `${round(lat)},${round(lon)}`;
  // Parentheses delimit the label: a name's own would cut it short.
  const label = name.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  return `geo:${point}?q=${point}(${encodeURIComponent(label)})`;
}

const round = (value: number) => String(Math.round(value * 1e6) / 1e6);

/** `0467000000` → `tel:+33467000000`: the international form works from any phone. */
export function telHref(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 10 && digits.startsWith('0') ? `tel:+33${digits.slice(1)}` : `tel:${digits}`;
}

/** `0467000000` → `04 67 00 00 00`, as French numbers are read. */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 10 ? digits.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
}

/** `12 RUE X, 34800 Clermont-l'Hérault`; a CPTS without a seat is only its place. */
export function formatAddress(offer: { address: string; postcode: string | null; commune: string }): string {
  const town = [offer.postcode, offer.commune].filter(Boolean).join(' ');
  return [offer.address.trim(), town].filter(Boolean).join(', ');
}

const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** `0.34` → `340 m`, `3.46` → `3,5 km`, `23.4` → `23 km`. */
export function formatDistance(km: number): string {
  if (km < 1) return `${Math.max(10, Math.round(km * 100) * 10)} m`;
  if (km < 10) return `${oneDecimal.format(km)} km`;
  return `${Math.round(km)} km`;
}

const longDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** `2021-01-08` → `8 janvier 2021`. */
export function frenchDate(date: string): string {
  const value = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(value.getTime()) ? date : longDate.format(value);
}

/** Whether two labels say the same, capitals, accents and a bracketed abbreviation aside (FINESS's `… (P.M.I.)`). */
export function sameLabel(a: string, b: string): boolean {
  const words = (label: string) =>
    label
      .normalize('NFD')
      .replace(/\(.*\)|[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, ' ')
      .trim();
  return words(a) === words(b);
}

/** « Soutenu par le Contrat Local de Santé » before a contract's name, unless the name says it already. */
export function supportedBy(contractName: string): string {
  return /^contrat local de santé/i.test(contractName.trim())
    ? 'Soutenu par le'
    : 'Soutenu par le Contrat Local de Santé';
}
