import { InvalidEventPayload } from './errors.js';

/**
 * Canonical JSON (keys sorted, no spaces, ECMAScript number form, as RFC 8785
 * for the values we accept): the same value always gives the same text, which
 * is what the hash chain is computed over.
 *
 * Only values that survive a JSON round trip are accepted; anything else throws
 * InvalidEventPayload with the path of the offending value. Object properties
 * set to `undefined` are omitted, as JSON.stringify does.
 */
export function canonicalJson(value: unknown, path = '$'): string {
  return serialise(value, path, new Set());
}

function serialise(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidEventPayload(path, `nombre non fini (${value})`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (ancestors.has(value)) throw new InvalidEventPayload(path, 'référence circulaire');
      ancestors.add(value);
      try {
        return serialiseObject(value, path, ancestors);
      } finally {
        ancestors.delete(value);
      }
    }
    default:
      throw new InvalidEventPayload(path, `${typeof value} n'existe pas en JSON`);
  }
}

function serialiseObject(value: object, path: string, ancestors: Set<object>): string {
  if (Array.isArray(value)) {
    return `[${value
      .map((item, index) => {
        if (item === undefined)
          throw new InvalidEventPayload(`${path}[${index}]`, 'undefined dans un tableau');
        return serialise(item, `${path}[${index}]`, ancestors);
      })
      .join(',')}]`;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const kind = (value as object).constructor?.name ?? 'objet';
    throw new InvalidEventPayload(
      path,
      `${kind} n'est pas un objet JSON simple (convertir en chaîne ou nombre)`,
    );
  }
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map(
      (key) =>
        `${JSON.stringify(key)}:${serialise((value as Record<string, unknown>)[key], `${path}.${key}`, ancestors)}`,
    );
  return `{${entries.join(',')}}`;
}
