/**
 * A map read through a layer of changes: `changes` holds what differs from `base` (a value, or
 * `undefined` for a key removed). Neither is copied nor changed: a new state of the map is a new
 * layer over the same base, so that a few changes to a map of 700,000 entries cost a few entries,
 * not a copy of them all. Iterates the base's entries (those the layer does not touch) first,
 * then the layer's.
 */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  readonly size: number;

  constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly changes: ReadonlyMap<K, V | undefined>,
  ) {
    let size = base.size;
    for (const [key, value] of changes) {
      const known = base.has(key);
      if (value === undefined && known) size -= 1;
      if (value !== undefined && !known) size += 1;
    }
    this.size = size;
  }

  get(key: K): V | undefined {
    return this.changes.has(key) ? this.changes.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.changes.has(key) ? this.changes.get(key) !== undefined : this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const entry of this.base) if (!this.changes.has(entry[0])) yield entry;
    for (const [key, value] of this.changes) if (value !== undefined) yield [key, value];
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}
