import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildData,
  EMAIL_OF,
  fetchAnswer,
  IDS,
  login,
  procedures,
  provisionAccounts,
  SESSION_COOKIE,
  trpcCall,
  validInputs,
} from './testing/security.js';
import { startTestApp } from './testing/test-app.js';

/** Fixed seed: a failure is replayed by running the suite again. */
const SEED = 20261125;
const PER_PROCEDURE = { admin: 90, anonymous: 30 };
const REST_INPUTS = 3000;
const CONCURRENCY = 8;
/**
 * No input, and each call rebuilds every read model (replay check) or rehashes
 * the log (verify): a few runs, one at a time — two replay checks at once collide
 * on their shadow schemas (a 500, reported, see the report of this suite's commit).
 */
const HEAVY: Record<string, number> = { 'audit.replayCheck': 3, 'audit.verify': 3 };
/** What a bad client sends: junk of every type, huge, unicode, nested, prototype keys. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc.constantFrom(null, 0, -1, 1.5, -0, 1e308, -1e308, true, false, '', ' ', [], {}),
    weight: 3,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  {
    arbitrary: fc.constantFrom('2025-02-30', '2025-13-01', '0000-00-00', '9999-12-31', '2025-1-1'),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      'x'.repeat(5000),
      'é'.repeat(70_000),
      '\u0000'.repeat(300),
      '\u202e'.repeat(300),
    ),
    weight: 1,
  },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  {
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '../../etc/passwd'),
    weight: 1,
  },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 3 },
  {
    arbitrary: fc.object({
      maxDepth: 3,
      key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype')),
      values: [fc.string(), fc.integer(), fc.boolean(), fc.constant(null)],
    }),
    weight: 2,
  },
  { arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 30 }), weight: 1 },
);

/** Every path to a value inside an input (object keys and array indexes, at any depth). */
function pathsIn(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsIn(child, [...prefix, key])]);
}

const REMOVE = Symbol('remove');

/** The valid input with one field replaced (or removed, or one unknown field added). */
function mutate(seed: unknown, pick: number, value: unknown): unknown {
  const copy = structuredClone(seed) as Record<string | number, unknown>;
  const paths = pathsIn(copy);
  if (paths.length === 0 || pick % (paths.length + 1) === paths.length) {
    return copy !== null && typeof copy === 'object' && !Array.isArray(copy)
      ? { ...copy, champInconnu: value === REMOVE ? null : value }
      : value;
  }
  const path = paths[pick % paths.length] as Array<string | number>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === REMOVE) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** A request body or `input` parameter: JSON of a value, or raw bytes that are not JSON at all. */
type Sent = { json: unknown } | { raw: string };

const sentFor = (seed: unknown): fc.Arbitrary<Sent> =>
  fc.oneof(
    {
      arbitrary: fc
        .tuple(
          fc.nat(),
          fc.oneof({ arbitrary: junk, weight: 5 }, { arbitrary: fc.constant(REMOVE), weight: 1 }),
        )
        .map(([pick, value]) => ({ json: mutate(seed, pick, value) })),
      weight: seed === undefined ? 0 : 6,
    },
    { arbitrary: junk.map((json) => ({ json })), weight: 4 },
    {
      arbitrary: fc.oneof(
        fc.constantFrom(
          '{',
          '[1,',
          '{"a":}',
          'undefined',
          'NaN',
          '{"__proto__":{"isAdmin":true}}',
          '\u0000',
          '',
        ),
        fc.string({ unit: 'binary', maxLength: 60 }),
      ),
      weight: 1,
    }.arbitrary.map((raw) => ({ raw })),
  );

/** Runs the tasks CONCURRENCY at a time. */
async function pool<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}

interface Outcome {
  status: number;
  what: string;
}

describe('fuzzing every tRPC procedure and REST endpoint: never a 500, never an event from a refused input', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let events: Pool;
  let adminToken: string;
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let tried = 0;
  /** Events appended by the commands the API accepted. */
  let acceptedAppends = 0;
  const countEvents = async () =>
    (await events.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n ?? 0;
  /** A resident's report answers alike whether it was stored or caught by the honeypot: counted from the log. */
  const countReports = async () =>
    (
      await events.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM events WHERE type = 'OfferErrorReported'",
      )
    ).rows[0]?.n ?? 0;

  const record = ({ status, what }: Outcome) => {
    tried++;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status < 500) return;
    if (failures.length < 30) failures.push(`${status} — ${what}`);
  };

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url, { PUBLIC_RATE_LIMIT: '1000000000' }));
    events = createPool(database.url, { max: 1 });
    await provisionAccounts(app);
    adminToken = await login(base, EMAIL_OF.admin);
    await buildData(base, adminToken);
  }, 60_000);
  afterAll(async () => {
    await events?.end();
    await app?.close();
    console.info(
      `fuzz: ${tried} inputs tried; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
  });

  it('answers every procedure, as an admin and anonymously, without a server error', async () => {
    failures.length = 0;
    const before = await countEvents();
    const reportsBefore = await countReports();
    // Logging out would end the admin's session: that procedure gets a session of its own.
    const logoutToken = await login(base, EMAIL_OF.admin);
    const seeds = validInputs('-fuzz');
    type Call = { path: string; kind: 'query' | 'mutation'; token?: string; sent: Sent };
    const calls: Call[] = [];
    const heavyCalls: Call[] = [];
    for (const [index, { path, kind }] of procedures().entries()) {
      for (const [who, runs] of Object.entries(PER_PROCEDURE)) {
        const token = who === 'admin' ? (path === 'auth.logout' ? logoutToken : adminToken) : undefined;
        const heavy = who === 'admin' ? HEAVY[path] : undefined;
        const sample = fc.sample(sentFor(seeds[path]), { numRuns: heavy ?? runs, seed: SEED + index });
        for (const sent of sample)
          (heavy ? heavyCalls : calls).push({ path, kind, sent, ...(token ? { token } : {}) });
      }
    }
    const run = async ({ path, kind, token, sent }: Call) => {
      const response =
        'json' in sent
          ? await trpcCall(base, kind, path, sent.json, { ...(token ? { token } : {}) })
          : await rawCall(base, kind, path, sent.raw, token);

      const data = (response.body as { result?: { data?: { appended?: unknown } } } | undefined)?.result
        ?.data;
      if (kind === 'mutation' && response.status === 200 && typeof data?.appended === 'number')
        acceptedAppends += data.appended;
      record({
        status: response.status,
        what: `${kind} ${path} ${token ? 'admin' : 'anonymous'} ${JSON.stringify(sent).slice(0, 300)} → ${JSON.stringify(response.body).slice(0, 300)}`,
      });
    };
    await pool(calls, run);
    // Every text field of every valid input, with a NUL character (PostgreSQL refuses them in text).
    for (const [path, seed] of Object.entries(seeds)) {
      const kind = procedures().find((procedure) => procedure.path === path)?.kind;
      if (!kind || path === 'auth.logout') continue;
      for (const [pick, at] of pathsIn(seed).entries()) {
        let leaf: unknown = seed;
        for (const key of at) leaf = (leaf as Record<string | number, unknown>)[key];
        if (typeof leaf === 'string')
          await run({ path, kind, token: adminToken, sent: { json: mutate(seed, pick, `${leaf}\u0000`) } });
      }
    }
    for (const call of heavyCalls) await run(call);
    expect(failures).toEqual([]);
    expect(await countEvents()).toBe(before + acceptedAppends + (await countReports()) - reportsBefore);
    expect(calls.length + heavyCalls.length).toBeGreaterThan(
      60 * (PER_PROCEDURE.admin + PER_PROCEDURE.anonymous),
    );
  }, 300_000);

  it('answers every REST endpoint, as an admin and anonymously, without a server error nor an event', async () => {
    failures.length = 0;
    const before = await countEvents();
    const requests = fc.sample(restRequest, { numRuns: REST_INPUTS, seed: SEED });
    await pool(requests, async ({ url, admin }) => {
      let status: number;
      try {
        const response = await fetchAnswer(`${base}${url}`, {
          headers: admin ? { cookie: `${SESSION_COOKIE}=${encodeURIComponent(adminToken)}` } : {},
        });
        await response.arrayBuffer();
        status = response.status;
      } catch (error) {
        // A URL fetch itself refuses is no answer of the server: not counted.
        if (error instanceof TypeError && /URL|url/.test(String(error.message))) return;
        // Which request, for the next one who reads a failure here.
        throw new Error(`GET ${url.slice(0, 300)} ${admin ? 'admin' : 'anonymous'} : ${String(error)}`, {
          cause: error,
        });
      }
      record({ status, what: `GET ${url.slice(0, 300)} ${admin ? 'admin' : 'anonymous'}` });
    });
    expect(failures).toEqual([]);
    expect(await countEvents()).toBe(before);
  }, 300_000);

  it('tried at least 10,000 inputs', () => {
    expect(tried).toBeGreaterThanOrEqual(10_000);
  });
});

/** A tRPC call whose body (or `input` parameter) is sent as is, JSON or not. */
async function rawCall(base: string, kind: 'query' | 'mutation', path: string, raw: string, token?: string) {
  const response = await fetchAnswer(
    kind === 'query' ? `${base}/trpc/${path}?input=${encodeURIComponent(raw)}` : `${base}/trpc/${path}`,
    {
      method: kind === 'query' ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` } : {}),
      },
      ...(kind === 'mutation' ? { body: raw } : {}),
    },
  );
  const text = await response.text();
  return { status: response.status, body: text };
}

const REST = [
  { path: '/api/offers/nearest', parameters: ['lon', 'lat', 'kind', 'limit', 'radiusKm'] },
  { path: '/api/offers.geojson', parameters: ['kind', 'bbox', 'date'] },
  { path: '/api/offers.csv', parameters: ['kind', 'bbox', 'date'] },
  { path: '/api/offers/changes', parameters: ['since', 'limit'] },
  { path: '/api/data-inclusion/structures.json', parameters: ['kind', 'departement'] },
  { path: '/api/data-inclusion/services.json', parameters: ['kind', 'departement'] },
  { path: '/api/data-inclusion/structures.csv', parameters: ['kind', 'departement'] },
  { path: '/api/data-inclusion/services.csv', parameters: ['kind', 'departement'] },
  { path: '/api/geo/communes.geojson', parameters: ['insee', 'departements'] },
  { path: '/api/geo/departements.geojson', parameters: [] },
  { path: '/api/geo/territories.json', parameters: [] },
  { path: '/api/geo/places.geojson', parameters: [] },
  { path: '/api/geo/basemap.json', parameters: [] },
  { path: '/api/audit/report.html', parameters: ['contractId', 'year', 'closingDate', 'time'] },
  { path: '/api/audit/report.csv', parameters: ['contractId', 'year', 'closingDate', 'time'] },
  { path: '/api/audit/report.json', parameters: ['contractId', 'year', 'closingDate', 'time'] },
  { path: '/api/audit/export.ndjson', parameters: ['stream'] },
  { path: '/api/audit/public-key', parameters: [] },
  { path: '/api/openapi.json', parameters: [] },
  { path: '/healthz', parameters: [] },
];

/** Plausible values, so that some requests pass validation and reach the code behind it. */
const plausible = fc.constantFrom(
  '3.87',
  '43.61',
  '-180',
  '90.0001',
  'msp',
  'msp,cpts',
  'msp,inconnu',
  '10',
  '0',
  '101',
  '3.8,43.5,3.9,43.7',
  '3.9,43.7,3.8,43.5',
  '1,2,3',
  '2025-06-30',
  '2025-02-30',
  '34172',
  '34172,2A004',
  '34',
  '2A',
  '974',
  '9007199254740993',
  IDS.contract,
  '2025',
  '1989',
  'occurred',
  'recorded',
  `contract-${IDS.contract}`,
  'contract-inconnu',
  '../../../etc/passwd',
  'NaN',
  'Infinity',
  '1e400',
  `${IDS.contract}\u0000`,
  'contract-\u0000',
  '',
);

const parameterValue = fc.oneof(
  { arbitrary: plausible, weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
  { arbitrary: fc.constantFrom('x'.repeat(4000), '9'.repeat(400), ','.repeat(3000)), weight: 1 },
);

/** Raw query strings, escapes broken on purpose. */
const rawQuery = fc.oneof(
  fc.constantFrom(
    '%',
    '%E0%A4%A',
    'a=%ZZ',
    '&&&=&',
    '=',
    'kind[]=msp&kind[]=cpts',
    'bbox[0]=1&bbox[1]=2',
    '__proto__[x]=1',
  ),
  fc.string({ unit: fc.constantFrom('%', '&', '=', 'a', '0', '[', ']', ',', '+', '#', '?'), maxLength: 30 }),
);

const restRequest = fc
  .record({
    endpoint: fc.constantFrom(...REST),
    admin: fc.boolean(),
    pairs: fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom('lon', 'lat', 'kind', 'limit', 'bbox', 'stream', 'year', 'since', '__proto__'),
          fc.string(),
        ),
        parameterValue,
      ),
      { maxLength: 4 },
    ),
    known: fc.nat(),
    raw: fc.option(rawQuery, { freq: 5 }),
    odd: fc.option(
      fc.constantFrom(
        '/api/audit/report.xml',
        '/api/audit/report.',
        '/api/geo/..%2f..%2fpackage.json',
        '/api/offers/nearest/',
        '/api/geo/%00',
      ),
      { freq: 20 },
    ),
  })
  .map(({ endpoint, admin, pairs, known, raw, odd }) => {
    const query = new URLSearchParams();
    // The endpoint's own parameters, most of the time with plausible values.
    for (const [index, name] of endpoint.parameters.entries())
      if ((known >> index) & 1)
        query.append(name, fc.sample(plausible, { numRuns: 1, seed: known + index })[0] ?? '');
    for (const [name, value] of pairs) query.append(name, value);
    const search = raw ?? query.toString();
    return { url: `${odd ?? endpoint.path}${search ? `?${search}` : ''}`, admin };
  });
