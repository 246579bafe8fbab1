import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from './uuid.js';

describe('uuidv7', () => {
  it('gives distinct version 7 UUIDs led by their millisecond, across many draws of random bytes', () => {
    const now = Date.UTC(2026, 11, 4, 10, 0, 0);
    const ids = Array.from({ length: 2000 }, () => uuidv7(now));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(isUuid(id)).toBe(true);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
      expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
    }
  });
});
