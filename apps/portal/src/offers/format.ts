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
