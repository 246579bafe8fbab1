import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendCsv, sendJsonArray } from './chunked-response.js';

/** 20,000 records of about 200 characters: 4 MB, written in chunks the client takes one by one. */
const records = Array.from({ length: 20_000 }, (_, index) => ({
  id: `offre-${index}`,
  nom: 'é'.repeat(180),
}));

describe('a large answer written in chunks', () => {
  let base: string;
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  beforeAll(async () => {
    const app = express();
    app.get('/json', (_request, response) => void sendJsonArray(response, records, (record) => record));
    app.get(
      '/csv',
      (_request, response) =>
        void sendCsv(response, ['id', 'nom'], records, (record) => [record.id, record.nom]),
    );
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server?.close();
  });

  it('sends the whole JSON array, intact', async () => {
    const response = await fetch(`${base}/json`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toMatch(/^public/);
    expect(await response.json()).toEqual(records);
  });

  it('sends every CSV line, the header first', async () => {
    const lines = (await (await fetch(`${base}/csv`)).text()).split('\r\n');
    expect(lines[0]).toBe('id,nom');
    expect(lines).toHaveLength(records.length + 2);
    expect(lines[20_000]).toBe(`offre-19999,${'é'.repeat(180)}`);
  });

  it('stops writing when the client goes away', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/json`, { signal: controller.signal });
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    // The server is still answering others.
    expect((await fetch(`${base}/csv`)).status).toBe(200);
  });
});
