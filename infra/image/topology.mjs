#!/usr/bin/env node
// The HTTP half of infra/image/check.sh: what a load balancer and a browser see of replicas of
// the platform's image sharing one PostgreSQL. Node alone, no dependency. Each step exits 1
// with one line saying what failed.
//
//   node infra/image/topology.mjs health <url>…          /healthz answers 200 on each
//   node infra/image/topology.mjs read-your-writes <url>…  a command sent to each replica in
//                                                          turn is read on every other one
//   node infra/image/topology.mjs holder <url>…          prints the index (0…) of the replica
//                                                          applying the most projections
//   node infra/image/topology.mjs takeover <url>…        waits until each projection is applied
//                                                          by one of them, then reads a new command
//
// Each replica applies the projections whose PostgreSQL advisory lock it holds (`appliedHere` in
// its /healthz): the first one started takes them all; after a takeover they may be shared out.
//
// The demo's coordinator account is used: replica 1 started with DEMO=true. Each write registers
// an offer under a new id, so that nothing an earlier write left can pass for it.
import { randomUUID } from 'node:crypto';

const [step, ...urls] = process.argv.slice(2);
const COORDINATOR = 'coordinatrice@demo-cls.fr';
const DEMO_PASSWORD = 'demo-cls-2024';

const steps = {
  async health() {
    for (const url of urls) {
      const health = await healthOf(url);
      if (!health.ok) fail(`${url}/healthz : HTTP ${health.status}`);
      console.log(`  ${url}/healthz 200 (${health.body.projections.length} projections)`);
    }
  },

  async 'read-your-writes'() {
    for (const url of urls) {
      const writer = client(url);
      await writer.login();
      const offer = await register(writer);
      for (const other of urls.filter((each) => each !== url))
        await expectOffer(client(other, writer.session()), offer);
      console.log(
        `  écrit sur ${url} (position ${writer.session().written}), lu aussitôt sur les ${urls.length - 1} autres`,
      );
    }
  },

  async holder() {
    const { applied, unowned } = await appliedBy(urls);
    if (unowned.length > 0) fail(`projections appliquées nulle part : ${unowned.join(', ')}`);
    const counts = applied.map((names) => names.length);
    console.log(String(counts.indexOf(Math.max(...counts))));
  },

  async takeover() {
    const deadline = Date.now() + 30_000;
    let state = await appliedBy(urls);
    while (state.unowned.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      state = await appliedBy(urls);
    }
    if (state.unowned.length > 0)
      fail(`projections reprises par aucune réplique en 30 s : ${state.unowned.join(', ')}`);
    for (const [index, names] of state.applied.entries())
      console.log(
        `  ${urls[index]} applique ${names.length} projection(s)${names.length ? ` : ${names.join(', ')}` : ''}`,
      );
    // Written on one survivor, read at once on each: the projections move on without the dead one.
    const writer = client(urls[0]);
    await writer.login();
    const offer = await register(writer);
    for (const url of urls) await expectOffer(client(url, writer.session()), offer);
    console.log('  une commande nouvelle est lue sur chacune');
  },
};

if (!steps[step] || urls.length === 0) fail(`usage : topology.mjs <${Object.keys(steps).join('|')}> <url>…`);
await steps[step]();

/** Registers a new offer (a midwife in Lodève) through `writer`; returns what it sent. */
async function register(writer) {
  const offer = {
    commandId: randomUUID(),
    offerId: `controle-image-${randomUUID()}`,
    kind: 'sage_femme',
    source: 'manual',
    name: `Contrôle de l’image ${new Date().toISOString()}`,
    address: { line: '', communeName: 'Lodève' },
    position: { lon: 3.32, lat: 43.73 },
    verifiedOn: new Date().toISOString().slice(0, 10),
  };
  await writer.mutate('offer.register', offer);
  return offer;
}

/** `reader` (another replica, the writer's session) reads the offer at once. */
async function expectOffer(reader, offer) {
  const read = await reader.query('board.offer', { id: offer.offerId });
  if (read?.name !== offer.name) fail(`${reader.base} ne lit pas l’offre ${offer.offerId} écrite ailleurs`);
}

async function healthOf(url) {
  const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) }).catch((error) => ({
    ok: false,
    status: error.cause?.code ?? error.name,
    json: async () => ({ projections: [] }),
  }));
  return {
    ok: response.ok,
    status: response.status,
    body: await response.json().catch(() => ({ projections: [] })),
  };
}

/**
 * The projections each replica applies, and those no replica applies (none answering, or a
 * lock released and not taken yet). A projection applied by two replicas at once is a failure.
 */
async function appliedBy(list) {
  const healths = await Promise.all(list.map(healthOf));
  const applied = healths.map(({ ok, body }) =>
    ok
      ? body.projections.filter((projection) => projection.appliedHere).map((projection) => projection.name)
      : [],
  );
  const names = new Set(healths.flatMap(({ body }) => body.projections.map((projection) => projection.name)));
  if (names.size === 0) fail('aucune réplique ne répond');
  const owners = (name) => applied.filter((each) => each.includes(name)).length;
  const twice = [...names].filter((name) => owners(name) > 1);
  if (twice.length > 0) fail(`projections appliquées par deux répliques à la fois : ${twice.join(', ')}`);
  return { applied, unowned: [...names].filter((name) => owners(name) === 0) };
}

/**
 * A tRPC client over HTTP with a session cookie that sends the last position it wrote
 * (`x-cls-min-position`, read-your-writes); given another's session, it is the same browser
 * reaching another replica.
 */
function client(base, session = { cookie: '', written: 0 }) {
  let { cookie, written } = session;
  const call = async (path, input, mutation) => {
    const response = await fetch(
      mutation
        ? `${base}/trpc/${path}`
        : `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
      {
        method: mutation ? 'POST' : 'GET',
        headers: {
          'content-type': 'application/json',
          ...(cookie ? { cookie } : {}),
          ...(written ? { 'x-cls-min-position': String(written) } : {}),
        },
        ...(mutation ? { body: JSON.stringify(input) } : {}),
        signal: AbortSignal.timeout(10_000),
      },
    );
    cookie = response.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    const body = await response.json().catch(() => ({}));
    if (!body.result) fail(`${base} ${path} : HTTP ${response.status} ${JSON.stringify(body.error ?? body)}`);
    if (mutation && typeof body.result.data?.position === 'number') written = body.result.data.position;
    return body.result.data;
  };
  return {
    base,
    login: () => call('auth.login', { email: COORDINATOR, password: DEMO_PASSWORD }, true),
    mutate: (path, input) => call(path, input, true),
    query: (path, input) => call(path, input, false),
    session: () => ({ cookie, written }),
  };
}

function fail(message) {
  console.error(`topology : ${message}`);
  process.exit(1);
}
