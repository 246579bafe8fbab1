/*
 * Dates written out by hand rather than through Intl: ICU data differ between
 * Node builds and browsers, and a report must be byte-identical wherever it is
 * made. Only instants, printed in the reader's time zone, go through Intl.
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

/** What is printed for a date that is not there. */
const NO_DATE = '—';

const DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T|$)/;
const MONTH = /^(\d{4})-(\d{2})$/;

const monthName = (month: string) => MONTHS[Number(month) - 1];

/** « de 2019 », « d’avril 2019 »: French elides before a vowel. */
const from = (text: string) => (/^[aeiouyàâéèêîôû]/i.test(text) ? `d’${text}` : `de ${text}`);

/**
 * A date in words, at its precision: `2025-03-01` → « 1er mars 2025 »,
 * `2025-03` → « mars 2025 », `2025` → « 2025 »; an instant
 * (`2025-03-01T10:00:00Z`) by its calendar day; a period `a/b` → « du 1er au … »
 * for days, « de 2019 à 2023 », « d’avril 2019 à mai 2019 » otherwise. A
 * `precision` of `month` or `year` (the domain's DatePrecision) cuts a full date
 * to it: a contract signed « en mars 2024 » is stored as its first day. Nothing →
 * « — »; anything else is returned as is.
 */
export function frenchDate(date: string | null | undefined, precision?: string | null): string {
  if (!date) return NO_DATE;
  if (date.includes('/')) {
    const [start = '', end = ''] = date.split('/');
    return DAY.test(start)
      ? `du ${frenchDate(start)} au ${frenchDate(end)}`
      : `${from(frenchDate(start))} à ${frenchDate(end)}`;
  }
  if (precision === 'year') return date.slice(0, 4);
  if (precision === 'month') return frenchDate(date.slice(0, 7));
  const day = DAY.exec(date);
  if (day) {
    const [, year, month = '', dayOfMonth] = day;
    const name = monthName(month);
    if (!name) return date;
    const n = Number(dayOfMonth);
    return `${n === 1 ? '1er' : String(n)} ${name} ${year}`;
  }
  const month = MONTH.exec(date);
  if (month) {
    const name = monthName(month[2] ?? '');
    return name ? `${name} ${month[1]}` : date;
  }
  return date;
}

/**
 * A date after a verb, at its precision: « le 1er mars 2025 », « en mars 2024 »,
 * « en 2024 » (a contract signed in 2024, its day unknown, is not « signé le 2024 »).
 */
export function onFrenchDate(date: string, precision?: string | null): string {
  const written = frenchDate(date, precision);
  return precision === 'year' || precision === 'month' || !/^\d{4}-\d{2}-\d{2}/.test(date)
    ? `en ${written}`
    : `le ${written}`;
}

/**
 * An instant in the reader's time zone (or `timeZone`), to the second or the
 * minute: « 25 novembre 2026 à 12:42:02 ». Anything else is returned as is.
 */
export function frenchInstant(
  iso: string,
  timeZone?: string,
  precision: 'second' | 'minute' = 'second',
): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'long',
    timeStyle: precision === 'second' ? 'medium' : 'short',
    timeZone,
  }).format(instant);
}

/**
 * An event's business time: commands mostly give a calendar day, stored at
 * midnight UTC, which is printed as that day (not as 1 a.m. in Paris); a real
 * instant keeps its time.
 */
export function frenchEventTime(iso: string, timeZone?: string): string {
  return /T00:00:00(\.000)?Z$/.test(iso) ? frenchDate(iso) : frenchInstant(iso, timeZone);
}
