/*
 * How the audit screens compare what the log holds: JSON that two states print
 * alike, what changed between two states, and the day after a date. (Dates and
 * counts are written by @cls/french.)
 */

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

/** The calendar day after `YYYY-MM-DD`. */
export const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
