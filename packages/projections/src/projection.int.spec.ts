import { createPool } from '@cls/postgres';
import { createTestDatabase } from '@cls/testing';
import { describe, expect, inject, it } from 'vitest';
import { quoteLiteral, rowsAsTable } from './projection.js';
import { tablesOf } from './runner.js';

describe('rowsAsTable', () => {
  it('gives the rows jsonb_populate_recordset gives, typed by the table, whatever the values', async () => {
    const database = await createTestDatabase(inject('postgresServerUrl'));
    const pool = createPool(database.url);
    try {
      await pool.query(`CREATE SCHEMA s;
        CREATE TABLE s.t (
          id integer PRIMARY KEY, label text, position bigint, share double precision, amount numeric,
          done boolean, day date, at timestamptz, years integer[], names text[], grid integer[][],
          details jsonb, raw json, search tsvector, "order" integer, "user" text
        )`);
      const client = await pool.connect();
      const columns = (await tablesOf(client, 's')).get('s.t') ?? [];
      client.release();
      const rows: Record<string, unknown>[] = [
        {
          id: 1,
          label: `l'été « "quoted" » \\ back, {braces}, NULL`,
          position: 9_007_199_254_740_991,
          share: 0.1,
          amount: 1e21,
          done: true,
          day: '2024-02-29',
          at: '2026-12-05T10:00:00.123Z',
          years: [2024, 2025],
          names: ['a,b', 'NULL', '', 'x"y', 'p\\q', null, "l'eau"],
          grid: [
            [1, 2],
            [3, 4],
          ],
          details: { title: 'Action "1"', nested: [1, null, 'NULL'], quote: "l'accès" },
          raw: ['un', 2, { trois: true }],
        },
        // Every column left out, or null; a key that is no column.
        { id: 2, label: null, unknown: 'ignored' },
        { id: 3, label: '', names: [], years: [], details: 'a string', raw: 42, done: false },
        {
          id: 4,
          label: 'NULL',
          details: null,
          share: -0,
          amount: 123.456,
          position: '12',
          order: 3,
          user: 'u',
        },
        { id: 5, label: 'ligne\nsuivante\ttab\r', details: [], names: ['{}', ' padded '] },
      ];
      const select = (source: string, parameters: unknown[] = []) =>
        pool
          .query<{ row: unknown }>(`SELECT to_jsonb(v) AS row FROM ${source} AS v ORDER BY v.id`, parameters)
          .then((result) => result.rows.map(({ row }) => row));
      const expected = await select('jsonb_populate_recordset(NULL::s.t, $1::jsonb)', [JSON.stringify(rows)]);
      expect(expected).toHaveLength(rows.length);
      expect(await select(rowsAsTable('s.t', columns, rows, quoteLiteral))).toEqual(expected);
      // No rows: no row, with the table's columns.
      expect(await select(rowsAsTable('s.t', columns, [], quoteLiteral))).toEqual([]);
      expect(() => rowsAsTable('s.t', columns, [{ id: 6, share: Number.NaN }], quoteLiteral)).toThrow(
        /s\.t\.share/,
      );
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});
