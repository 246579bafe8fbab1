import { once } from 'node:events';
import { maxHeaderSize } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAnswer } from './security.js';

/**
 * A server that resets every connection once it has received a first chunk (the race fetchAnswer
 * reads), except the connections after a request to `/une-fois`: those get a 200.
 */
describe('fetchAnswer', () => {
  let server: Server;
  let base: string;
  let resets = 0;
  beforeAll(async () => {
    let answerNext = false;
    server = createServer((socket) =>
      socket.once('data', (chunk) => {
        if (answerNext) {
          answerNext = false;
          socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
          return;
        }
        answerNext = chunk.toString().startsWith('GET /une-fois');
        resets += 1;
        socket.resetAndDestroy();
      }),
    );
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

  it('throws when a request within the limit is reset again on a new connection', async () => {
    resets = 0;
    await expect(fetchAnswer(`${base}/trpc/x?input=${'a'.repeat(100)}`)).rejects.toThrow(TypeError);
    expect(resets).toBe(2);
  });

  it('sends a GET once more when its connection was reset, as a browser does', async () => {
    const response = await fetchAnswer(`${base}/une-fois`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });

  it('never sends anything but a GET twice', async () => {
    resets = 0;
    await expect(fetchAnswer(`${base}/une-fois`, { method: 'POST', body: '{}' })).rejects.toThrow(TypeError);
    expect(resets).toBe(1);
  });
});
