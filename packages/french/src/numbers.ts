/*
 * Numbers and words written out by hand rather than through Intl, for the same
 * reason as dates: a report is the same bytes wherever it is made.
 */

/** No-break space: between a number and its unit, inside thousands. */
export const NBSP = '\u00a0';

/**
 * « 12 345,5 »: thousands grouped with a no-break space, a decimal comma, at
 * most `maxDecimals` decimals (trailing zeros dropped).
 */
export function frenchNumber(value: number, maxDecimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const scale = 10 ** maxDecimals;
  const rounded = Math.round(value * scale) / scale;
  const [whole = '0', decimals = ''] = Math.abs(rounded).toFixed(maxDecimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const kept = decimals.replace(/0+$/, '');
  return `${rounded < 0 ? '-' : ''}${grouped}${kept ? `,${kept}` : ''}`;
}

/** « 12 500 € », « 12 500,50 € »: whole euros without decimals, otherwise to the cent. */
export function frenchEuros(value: number): string {
  const cents = Math.round(value * 100);
  if (cents % 100 === 0) return `${frenchNumber(cents / 100, 0)}${NBSP}€`;
  const [whole = '0', decimals = '00'] = (Math.abs(cents) / 100).toFixed(2).split('.');
  return `${cents < 0 ? '-' : ''}${frenchNumber(Number(whole), 0)},${decimals}${NBSP}€`;
}

/** « 40 % ». */
export const frenchPercent = (value: number): string => `${frenchNumber(value)}${NBSP}%`;

/** « 1 réunion », « 3 réunions », « 0 réunion » (French counts 0 and 1 as singular). */
export function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${frenchNumber(value)} ${Math.abs(value) < 2 ? singular : plural}`;
}

/** « a, b et c ». */
export function frenchList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}

/** The first letter in lower case: a label inside a sentence. */
export const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** The first letter in upper case: a sentence's start. */
export const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
