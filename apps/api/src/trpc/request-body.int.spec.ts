import { request as httpRequest } from 'node:http';
import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_OF, login, provisionAccounts, SESSION_COOKIE } from '../testing/security.js';
import { startTestApp } from '../testing/test-app.js';
import { MAX_BODY_BYTES } from './trpc.js';

/** A POST whose body leaves in the pieces given (Content-Length or chunked), and its answer. */
function post(
  base: string,
  path: string,
  token: string,
  pieces: Buffer[],
  declareLength: boolean,
): Promise<{ status: number; body: string }> {
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      `${base}${path}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
          ...(declareLength ? { 'content-length': String(total) } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    sent.on('error', reject);
    void (async () => {
      for (const piece of pieces) {
        sent.write(piece);
        await new Promise((next) => setTimeout(next, 20));
      }
      sent.end();
    })();
  });
}

/**
 * The body of a tRPC request is read before tRPC when its length is declared and within
 * MAX_BODY_BYTES (trpc.ts): it must read as tRPC itself reads one — every byte, UTF-8 split
 * anywhere — and leave the others (too long, or without a length) to tRPC as before.
 */
describe('tRPC request bodies', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let pool: Pool;
  let admin: string;

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
    pool = createPool(database.url, { max: 1 });
    await provisionAccounts(app);
    admin = await login(base, EMAIL_OF.admin);
    const drafted = await post(
      base,
      '/trpc/contract.draft',
      admin,
      [
        Buffer.from(
          JSON.stringify({
            contractId: 'cls-corps',
            name: 'CLS des corps',
            territory: { name: 'Territoire' },
            period: { start: 2024, end: 2029 },
          }),
        ),
      ],
      true,
    );
    expect(drafted.status).toBe(200);
  });
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  const titleOf = async (code: string) =>
    (
      await pool.query<{ title: string }>(
        "SELECT data->>'title' AS title FROM events WHERE type = 'AxisDefined' AND data->>'code' = $1",
        [code],
      )
    ).rows[0]?.title;

  it.each([
    ['with its length declared', true, '1'],
    ['chunked, without a length', false, '2'],
  ])('reads a body sent in pieces that split its characters, %s', async (_, declareLength, code) => {
    const title = 'Santé – Œuvre du cœur 🩺';
    const bytes = Buffer.from(JSON.stringify({ contractId: 'cls-corps', code, title }), 'utf8');
    // Cut inside « é », « Œ » and the emoji: each piece alone is not valid UTF-8.
    const cuts = [bytes.indexOf(0xc3) + 1, bytes.indexOf(0xc5) + 1, bytes.indexOf(0xf0) + 2];
    const pieces = [0, ...cuts].map((start, index) => bytes.subarray(start, cuts[index] ?? bytes.length));
    const answer = await post(base, '/trpc/contract.defineAxis', admin, pieces, declareLength);
    expect(answer.status).toBe(200);
    expect(await titleOf(code)).toBe(title);
  });

  it('leaves a body over the limit to tRPC: 413, appending nothing', async () => {
    const before = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n;
    const body = Buffer.from(
      JSON.stringify({ contractId: 'cls-corps', code: '3', title: 'x'.repeat(MAX_BODY_BYTES) }),
    );
    for (const declareLength of [true, false]) {
      const answer = await post(base, '/trpc/contract.defineAxis', admin, [body], declareLength);
      expect(answer.status).toBe(413);
    }
    expect((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n).toBe(
      before,
    );
  });
});
