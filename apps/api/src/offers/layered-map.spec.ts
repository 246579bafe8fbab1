import { describe, expect, it } from 'vitest';
import { LayeredMap } from './layered-map.js';

describe('a map read through a layer of changes', () => {
  it('reads as the base copied with the changes applied, whatever the changes', () => {
    // A seeded walk of sets and removals over keys partly in the base, partly not.
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const base = new Map(Array.from({ length: 50 }, (_, n) => [`k${n}`, n]));
    const changes = new Map<string, number | undefined>();
    const copy = new Map(base);
    for (let step = 0; step < 200; step += 1) {
      const key = `k${Math.floor(next() * 80)}`;
      if (next() < 0.3) {
        changes.set(key, undefined);
        copy.delete(key);
      } else {
        changes.set(key, step);
        copy.set(key, step);
      }
      const layered = new LayeredMap(base, changes);
      expect(layered.size).toBe(copy.size);
      expect(new Map(layered)).toEqual(copy);
      expect([...layered.keys()].sort()).toEqual([...copy.keys()].sort());
      expect([...layered.values()].sort()).toEqual([...copy.values()].sort());
      for (let probe = 0; probe < 80; probe += 1) {
        expect(layered.get(`k${probe}`)).toBe(copy.get(`k${probe}`));
        expect(layered.has(`k${probe}`)).toBe(copy.has(`k${probe}`));
      }
    }
    // The base is left as it was.
    expect(base.size).toBe(50);
    expect(base.get('k3')).toBe(3);
  });
});
