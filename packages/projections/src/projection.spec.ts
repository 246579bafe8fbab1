import { escapeLiteral } from 'pg';
import { describe, expect, it } from 'vitest';
import { quoteLiteral } from './projection.js';

describe('quoteLiteral', () => {
  it('writes every string as pg’s escapeLiteral does (quotes, backslashes, both, neither)', () => {
    for (const text of [
      '',
      'Cœur d’Hérault',
      "l'accès aux soins",
      "''",
      'C:\\données\\',
      "a\\'b",
      "\\'; DROP TABLE actions; --",
      '{"title":"Action \\"1\\" l\'été"}',
      'ligne\nsuivante\ttab',
    ]) {
      expect(quoteLiteral(text), text).toBe(escapeLiteral(text));
    }
  });
});
