import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MAX_BATCH_SIZE } from '@cls/api';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../testing/test-app.js';
import { importOffers } from './import-offers.js';
import { OfferIndexCache } from './offer-index-cache.js';

/*
 * Issue 13, item 2: the public limits count what the router executes, and a past
 * day's map costs one bounded build. Measured on a running instance before the fix:
 * a batch whose first procedure was not `portal.*`, or a path the limiter did not
 * recognise but Express and tRPC route all the same, escaped the limit; ten
 * parallel batches of 200 past-date searches blocked the API for seconds.
 */

const LIMIT = 50;
/** Offers in the log: enough for a past day's fold to cost what a département's directory costs. */
const OFFERS = 1500;

const HEADER =
  'nofinesset,nofinessej,rs,rslongue,categorie_code,categorie_libelle,categorie_agregat_code,categorie_agregat_libelle,numvoie,typvoie,voie,compvoie,lieuditbp,commune_insee,departement,ligneacheminement,telephone,siret,date_ouverture,lon,lat,geo_source';
/** A maison de santé in FINESS's extract format, around Lodève. */
const mspRow = (n: number, phone: string) =>
  `34${String(n).padStart(7, '0')},340000000,MSP NUMERO ${n},,603,Maison de santé (L.6223-3),2103,Autres structures d'exercice libéral,,,,,,34142,34,34700 LODEVE,${phone},,2019-12-06,${(3 + (n % 100) / 200).toFixed(5)},${(43.5 + Math.floor(n / 100) / 50).toFixed(5)},finess_lambert93`;
const COMMUNES = [
  'insee,name,departement,epci_siren,epci_name,postcodes,population,lon,lat',
  '34142,Lodève,34,200017341,CC Lodévois et Larzac,34700,7251,3.305756,43.730632',
].join('\n');

/** 200 distinct days between the first import and today. */
const PAST_DAYS = Array.from({ length: 200 }, (_, n) =>
  new Date(Date.UTC(2021, 0, 10) + n * 7 * 86_400_000).toISOString().slice(0, 10),
);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A GET sent as written: fetch would normalise `//`, `./` and `../` out of the path,
 * which a client of its own (curl --path-as-is, a script) does not.
 */
function rawGet(base: string, path: string, client: string): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const sent = request(
      { host: hostname, port, path, method: 'GET', headers: { 'x-forwarded-for': client }, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    sent.on('error', reject);
    sent.end();
  });
}

/** A tRPC batch of queries in one GET, as @trpc/client's httpBatchLink sends it. */
const batchPath = (calls: Array<{ path: string; input?: unknown }>) =>
  `/trpc/${calls.map((call) => call.path).join(',')}?batch=1&input=${encodeURIComponent(
    JSON.stringify(Object.fromEntries(calls.map((call, index) => [index, call.input]))),
  )}`;

/** The status of each procedure of a batch's answer (tRPC: `error.data.httpStatus`, 200 for a result). */
function statusesOf(answer: Answer): number[] {
  const items = JSON.parse(answer.body) as unknown;
  if (!Array.isArray(items))
    throw new Error(`not a batch's answer: ${answer.status} ${answer.body.slice(0, 300)}`);
  return items.map((item: { result?: unknown; error?: { data?: { httpStatus?: number } } }) =>
    item.result ? 200 : (item.error?.data?.httpStatus ?? 0),
  );
}

const count = (statuses: number[], status: number) => statuses.filter((each) => each === status).length;

/**
 * The limits count per fixed minute: a scenario that straddles two minutes would see its
 * budget renewed halfway. Started with less than `seconds` left, it waits for the next minute.
 */
async function atLeastLeftInMinute(seconds: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe('public limits count what the router executes, and past days cost one bounded build', () => {
  const database = useTestDatabase();
  let dataDir: string;
  let app: INestApplication;
  let base: string;
  let clients = 0;
  /** A client of its own behind the trusted proxy: a fresh budget. */
  const newClient = () => {
    clients += 1;
    return `198.51.100.${clients}`;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cls-public-limits-'));
    mkdirSync(join(dataDir, 'finess'));
    mkdirSync(join(dataDir, 'geo'));
    writeFileSync(join(dataDir, 'geo/communes.csv'), COMMUNES);
    ({ app, base } = await startTestApp(database.url, {
      OPEN_DATA_DIR: dataDir,
      PUBLIC_RATE_LIMIT: String(LIMIT),
      TRUST_PROXY: '1',
    }));
    const file = join(dataDir, 'finess/etablissements.csv');
    const numbers = Array.from({ length: OFFERS }, (_, n) => n + 1);
    writeFileSync(file, `${[HEADER, ...numbers.map((n) => mspRow(n, '0467000000'))].join('\n')}\n`);
    await importOffers(app, file, { verifiedOn: '2021-01-08' });
    // Two years later, a third moved and the last hundred left the file (closed).
    writeFileSync(
      file,
      `${[
        HEADER,
        ...numbers.slice(0, -100).map((n) => mspRow(n, n % 3 === 0 ? '0467111111' : '0467000000')),
      ].join('\n')}\n`,
    );
    const second = await importOffers(app, file, { verifiedOn: '2023-06-01' });
    expect(second).toMatchObject({ changed: Math.floor((OFFERS - 100) / 3), closed: 100 });
    // Once the offers' read model has caught up: the open offers now.
    const currentOffers = app.get(OfferIndexCache);
    for (let waited = 0; (await currentOffers.current()).index.size !== OFFERS - 100; waited += 100) {
      if (waited > 30_000) throw new Error('the offers read model did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Paths that Express (case-insensitive mounts and routes) and tRPC's adapter (the
   * path's last segment, percent-decoded) route to a procedure or a controller.
   */
  const ROUTED = [
    '/TRPC/portal.contracts',
    '/trpc/%70ortal.contracts',
    '/trpc//portal.contracts',
    '/trpc/portal%2Econtracts',
    '/trpc/un/autre/portal.contracts',
    '/trpc/../trpc/portal.contracts',
    '/API/offers/nearest?lon=3.3&lat=43.7',
    '/Api/offers.geojson?kind=cmp',
    // Not the portal's, but open to anyone without a session: public in effect.
    '/trpc/system.info',
    '/trpc/auth.providers',
    '/trpc/board.offers?input=%7B%7D',
  ];

  it.each(ROUTED)('counts %s: the call after the limit gets a 429', async (path) => {
    await atLeastLeftInMinute(10);
    const client = newClient();
    const first = await rawGet(base, path, client);
    // It reaches a procedure or a controller (an anonymous board.offers: 401).
    expect([200, 401], first.body).toContain(first.status);
    for (let call = 2; call <= LIMIT; call += 1) {
      expect((await rawGet(base, path, client)).status, `appel ${call}`).toBe(first.status);
    }
    const over = await rawGet(base, path, client);
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.body).toMatch(/Au plus 50 requêtes par minute/);
  });

  /** A new client that has spent all but `left` of its budget on REST calls (counted before the fix too). */
  async function clientWithBudget(left: number): Promise<string> {
    const client = newClient();
    for (let call = 0; call < LIMIT - left; call += 1) {
      expect((await rawGet(base, '/api/offers/nearest?lon=3.3&lat=43.7', client)).status).toBe(200);
    }
    return client;
  }

  it('counts every procedure of a batch, whatever comes first', async () => {
    await atLeastLeftInMinute(10);
    const search = { path: 'portal.search', input: { kinds: ['msp'], limit: 1 } };
    const afterInfo = await rawGet(
      base,
      batchPath([{ path: 'system.info' }, ...Array.from({ length: MAX_BATCH_SIZE - 1 }, () => search)]),
      await clientWithBudget(10),
    );
    const statuses = statusesOf(afterInfo);
    expect(statuses).toHaveLength(MAX_BATCH_SIZE);
    expect(count(statuses, 200)).toBe(10);
    expect(count(statuses, 429)).toBe(MAX_BATCH_SIZE - 10);
    expect(afterInfo.status).toBe(207);
    expect(Number(afterInfo.headers['retry-after'])).toBeGreaterThan(0);

    // A batch of the portal's own procedures costs one unit each, not one for the request.
    const portalOnly = statusesOf(
      await rawGet(
        base,
        batchPath(Array.from({ length: MAX_BATCH_SIZE }, () => search)),
        await clientWithBudget(10),
      ),
    );
    expect(count(portalOnly, 200)).toBe(10);
    expect(count(portalOnly, 429)).toBe(MAX_BATCH_SIZE - 10);
  });

  it('answers a past day between the first offer event and today: 400 after today, nothing before the log', async () => {
    const client = newClient();
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const date of [tomorrow, '2999-12-31']) {
      const search = await rawGet(base, batchPath([{ path: 'portal.search', input: { date } }]), client);
      expect(search.status, date).toBe(400);
      expect(
        (JSON.parse(search.body) as Array<{ error: { data: { fieldErrors: unknown } } }>)[0]?.error.data
          .fieldErrors,
      ).toEqual({ date: ['au plus aujourd’hui'] });
      const geojson = await rawGet(base, `/api/offers.geojson?date=${date}`, client);
      expect(geojson.status, date).toBe(400);
      expect(geojson.body).toMatch(/date : au plus aujourd’hui/);
    }
    // Before the first offer event, the directory was empty: no day to build.
    const before = await rawGet(
      base,
      batchPath([{ path: 'portal.search', input: { date: '1900-01-01' } }]),
      client,
    );
    expect(statusesOf(before)).toEqual([200]);
    expect(
      (JSON.parse(before.body) as Array<{ result: { data: { total: number } } }>)[0]?.result.data.total,
    ).toBe(0);
  });

  it('answers ten clients asking 200 past days each at once within their limit, memory bounded, the API responsive', async () => {
    await atLeastLeftInMinute(20);
    const before = process.memoryUsage().rss;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let running = true;
    let slowest = 0;
    let probes = 0;
    const probing = (async () => {
      while (running) {
        const started = performance.now();
        const health = await fetch(`${base}/healthz`);
        await health.arrayBuffer();
        slowest = Math.max(slowest, performance.now() - started);
        probes += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    // Each client sends its 200 days as 10 batches of 20 at once, as the attack did.
    const batches = Array.from({ length: PAST_DAYS.length / MAX_BATCH_SIZE }, (_, n) =>
      PAST_DAYS.slice(n * MAX_BATCH_SIZE, (n + 1) * MAX_BATCH_SIZE),
    );
    const started = performance.now();
    const clientsAnswers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const client = newClient();
        return Promise.all(
          batches.map(async (days) => {
            const answer = await rawGet(
              base,
              batchPath(days.map((date) => ({ path: 'portal.search', input: { date, limit: 1 } }))),
              client,
            );
            const items = JSON.parse(answer.body) as Array<{ result?: { data: { total: number } } }>;
            return statusesOf(answer).map((status, index) => ({
              day: days[index] as string,
              status,
              total: items[index]?.result?.data.total,
            }));
          }),
        ).then((answers) => answers.flat());
      }),
    );
    const elapsed = performance.now() - started;
    running = false;
    await probing;
    loop.disable();
    const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
    console.log(
      `[public-limits] 10 clients × 200 jours passés : ${elapsed.toFixed(0)} ms, /healthz au pire ${slowest.toFixed(0)} ms (${probes} sondes), boucle d’événements bloquée au plus ${(loop.max / 1e6).toFixed(0)} ms (p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms), RSS +${grown.toFixed(0)} Mo`,
    );

    for (const answers of clientsAnswers) {
      const statuses = answers.map((answer) => answer.status);
      expect.soft(count(statuses, 200)).toBe(LIMIT);
      expect.soft(count(statuses, 429)).toBe(PAST_DAYS.length - LIMIT);
      // Each day answered holds the offers of its time: all of them before the second import closed 100.
      for (const { day, status, total } of answers) {
        if (status === 200) expect.soft(total, day).toBe(day < '2023-06-01' ? OFFERS : OFFERS - 100);
      }
    }
    // These bounds are a security requirement of issue 13 (under this attack the API's memory
    // stays bounded and it keeps answering), not performance measurements: they are set far
    // above what is measured (printed above), so that only an unbounded build or a blocked
    // event loop fails them on a loaded machine. Timings to compare belong to bench/.
    // What stays is the offers' history, folded once (a few MB for 1,500 offers), and at most
    // 16 days' indexes sharing its summaries: measured +7 to +44 MB with the garbage collector's
    // timing. Before the fix, every search held a copy of the whole log while it folded it.
    expect.soft(grown).toBeLessThan(100);
    // Nothing holds the event loop or the database's connections for long: /healthz answers
    // (measured within 0.7 s, the loop held at most 0.33 s, on two cores loaded 10 deep;
    // before the fix, /healthz had no answer in three minutes).
    expect.soft(slowest).toBeLessThan(2000);
    expect.soft(loop.max / 1e6).toBeLessThan(1000);
  }, 180_000);
});
