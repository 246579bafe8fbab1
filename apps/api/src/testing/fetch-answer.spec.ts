import { once } from 'node:events';
import { maxHeaderSize } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAnswer } from './security.js';

/** A server that resets every connection once it has received a first chunk: the race fetchAnswer reads. */
describe('fetchAnswer', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('gives a request over the header limit its 431 when the reset overtook it', async () => {
    const response = await fetchAnswer(`${base}/trpc/x?input=${'a'.repeat(maxHeaderSize)}`);
    expect(response.status).toBe(431);
  });

  it('throws on a reset of a request within the limit', async () => {
    await expect(fetchAnswer(`${base}/trpc/x?input=${'a'.repeat(100)}`)).rejects.toThrow(TypeError);
  });
});
