/*
 * French formatting written out by hand rather than through Intl: ICU data differ
 * between Node builds, and a report must be byte-identical wherever it is made.
 */

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** No-break space: between a number and its unit, inside thousands. */
export const NBSP = '\u00a0';

const monthName = (month: string) => MONTHS[Number(month) - 1] ?? month;

/**
 * A date as the sources write it, in words: `2025-03-01` → « 1er mars 2025 »,
 * `2025-03` → « mars 2025 », `2025` → « 2025 », `a/b` → « du … au … ».
 * Anything else is returned as is.
 */
export function frenchDate(date: string): string {
  if (date.includes('/')) {
    const [start = '', end = ''] = date.split('/');
    return start.length === 4 && end.length === 4
      ? `de ${start} à ${end}`
      : `du ${frenchDate(start)} au ${frenchDate(end)}`;
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (day) {
    const [, year, month, dayOfMonth] = day as unknown as [string, string, string, string];
    const n = Number(dayOfMonth);
    return `${n === 1 ? '1er' : String(n)} ${monthName(month)} ${year}`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(date);
  if (month) return `${monthName(month[2] as string)} ${month[1]}`;
  return date;
}

/** « 12 345,5 »: thousands grouped with a no-break space, a decimal comma, at most two decimals. */
export function frenchNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.round(value * 100) / 100;
  const negative = rounded < 0;
  const [whole = '0', decimals] = Math.abs(rounded)
    .toFixed(2)
    .replace(/0+$/, '')
    .replace(/\.$/, '')
    .split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${negative ? '-' : ''}${grouped}${decimals ? `,${decimals}` : ''}`;
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
