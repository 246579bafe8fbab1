/*
 * How the audit screens print what the log holds: instants, business dates, JSON
 * that two states print alike, and what changed between two states.
 */

/** An instant to the second, in the reader's time zone: `25 novembre 2026 à 12:42:02`. */
export function frenchInstant(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'medium', timeZone }).format(date);
}

/**
 * A business time: commands mostly give a calendar day, stored at midnight UTC,
 * which is printed as that day (not as 1 a.m. in Paris); a real instant keeps its time.
 */
export function frenchEventTime(iso: string, timeZone?: string): string {
  if (!/T00:00:00(\.000)?Z$/.test(iso)) return frenchInstant(iso, timeZone);
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}

/** Indented JSON with keys sorted at every level: two states print line by line alike. */
export const stableJson = (value: unknown): string => JSON.stringify(sortKeys(value), null, 2) ?? 'undefined';

export interface JsonChange {
  /** JavaScript-like: `status`, `fiches["1.1"].title`, `parties[2]`. */
  path: string;
  /** Undefined when the value was absent on that side. */
  before: unknown;
  after: unknown;
}

const childPath = (path: string, key: string | number) =>
  typeof key === 'number'
    ? `${path}[${key}]`
    : /^[A-Za-z_$][\w$]*$/.test(key)
      ? path
        ? `${path}.${key}`
        : key
      : `${path}[${JSON.stringify(key)}]`;

/**
 * What differs between two JSON values: objects and arrays are walked into, and a
 * change is reported at the highest path where the values part (a fiche added is
 * one change carrying the whole fiche, not one per field).
 */
export function jsonChanges(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => jsonChanges(before[key], after[key], childPath(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) =>
      jsonChanges(before[index], after[index], childPath(path, index)),
    ).flat();
  }
  return stableJson(before) === stableJson(after) ? [] : [{ path: path || '(tout)', before, after }];
}

/** `1 événement`, `303 événements`. */
export const count = (value: number, singular: string, plural = `${singular}s`) =>
  `${value.toLocaleString('fr-FR')} ${value > 1 ? plural : singular}`;

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/**
 * A date as the sources give it, at its own precision: `2019`, `2019-10` →
 * `octobre 2019`, `2019-10-31` → `31 octobre 2019`, `2019-04/2019-05` → a period.
 */
export function frenchSourceDate(date: string): string {
  if (date.includes('/')) return date.split('/').map(frenchSourceDate).join(' – ');
  if (/^\d{4}-\d{2}$/.test(date)) return monthFormat.format(new Date(`${date}-01T00:00:00Z`));
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return dayFormat.format(new Date(`${date}T00:00:00Z`));
  return date;
}

/** The calendar day after `YYYY-MM-DD`. */
export const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
