/**
 * Command latency, end to end: an authenticated client POSTs a tRPC mutation
 * (`action.reportProgress`) over loopback to the built API in its own process, as
 * deployed (production mode, projections and reactors running); it checks the session and the
 * role, folds the action's stream and its contract's, decides and appends.
 * Measured at 1, 10 and 50 concurrent clients (each on its own action), beside
 * the bare PostgresEventStore append of one event at the same concurrency, on
 * the same embedded PostgreSQL, in the same run.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchSetting, percentile, printTable, rate } from '@cls/bench-event-store/measure';
import { type Platform, startPlatform } from '@cls/bench-event-store/platform';
import { PostgresEventStore } from '@cls/event-store/postgres';
import { createPool, withDatabase } from '@cls/postgres';
import { startEmbeddedPostgres } from '@cls/postgres/embedded';

const SECONDS = benchSetting('BENCH_SECONDS', 3);
/** Commands sent at ten clients before the measures, not counted: the API's code compiled, its pools open. */
const WARM_UP_SECONDS = benchSetting('BENCH_WARM_UP_SECONDS', 2, { min: 0 });
const CLIENTS = [1, 10, 50];
/** Issue 19's targets: a command's p50 at one client, commands per second at fifty. */
const TARGET_P50_MS = 3;
const TARGET_RATE = 1000;
const targetOf = (clients: number, p50: number, perSecond: number) =>
  clients === 1
    ? `p50 ≤ ${TARGET_P50_MS} ms : ${p50 <= TARGET_P50_MS ? 'tenue' : 'non tenue'}`
    : clients === 50
      ? `≥ ${rate(TARGET_RATE)} : ${perSecond >= TARGET_RATE ? 'tenue' : 'non tenue'}`
      : '';
const contractId = 'bench';
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

/** Runs `clients` loops of `operation` for `seconds`; returns each operation's latency (ms). */
async function latencies(clients: number, operation: (client: number) => Promise<void>, seconds = SECONDS) {
  const samples: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await operation(client);
        samples.push(performance.now() - started);
      }
    }),
  );
  return samples;
}

async function main() {
  const server = await startEmbeddedPostgres({
    dataDir: join(tmpdir(), `cls-bench-commands-${randomBytes(6).toString('hex')}`),
    port: 55000 + Math.floor(Math.random() * 900),
    persistent: false,
  });
  const admin = createPool(server.url, { max: 1 });
  for (const name of ['bench_api', 'bench_store']) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  let platform: Platform | undefined;
  try {
    // The API as deployed: its own process, production mode, on this PostgreSQL, with the
    // keys a production start requires and the bench's administrator as its first one.
    platform = await startPlatform({
      DATABASE_URL: withDatabase(server.url, 'bench_api'),
      DEMO: 'false',
      ADMIN_EMAIL: 'bench@exemple.fr',
      ADMIN_PASSWORD: 'mot de passe du banc',
      LOG_SIGNING_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
    });
    let cookie = '';
    // node:http with kept-alive connections, as load generators send (bench/load's autocannon
    // too): `fetch` would spend on web streams as much CPU as the command's own path.
    const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...CLIENTS) });
    const { hostname, port } = new URL(platform.baseUrl);
    const mutate = (path: string, input: unknown) =>
      new Promise<void>((resolve, reject) => {
        const body = JSON.stringify(input);
        const sent = request(
          {
            host: hostname,
            port,
            path: `/trpc/${path}`,
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              cookie,
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () => {
              cookie = response.headers['set-cookie']?.[0]?.split(';')[0] ?? cookie;
              if (response.statusCode === 200) resolve();
              else reject(new Error(`${path} : ${response.statusCode} ${Buffer.concat(chunks)}`));
            });
          },
        );
        sent.on('error', reject);
        sent.end(body);
      });
    await mutate('auth.login', { email: 'bench@exemple.fr', password: 'mot de passe du banc' });
    await mutate('contract.draft', {
      contractId,
      name: 'Contrat du banc',
      territory: { name: 'Banc' },
      period: { start: year - 1, end: year + 3 },
    });
    await mutate('contract.defineAxis', { contractId, code: '1', title: 'Axe' });
    await mutate('contract.defineFicheAction', { contractId, axisCode: '1', code: '1.1', title: 'Fiche' });
    // The plan before the signature: after it, the plan changes only through an avenant.
    const maxClients = Math.max(...CLIENTS);
    for (let client = 0; client < maxClients; client += 1) {
      await mutate('action.plan', {
        actionId: `bench.${client}`,
        contractId,
        ficheCode: '1.1',
        code: `1.1-A${client}`,
        title: `Action ${client}`,
        pilots: [],
        plannedYears: { years: [year], uncertain: false },
      });
    }
    await mutate('contract.sign', {
      contractId,
      signedOn: `${year - 1}-06-01`,
      signatories: [{ organisation: 'ARS' }],
    });
    for (let client = 0; client < maxClients; client += 1)
      await mutate('action.start', { actionId: `bench.${client}`, startedOn: today });

    const store = await PostgresEventStore.open({
      connectionString: withDatabase(server.url, 'bench_store'),
    });
    const revisions = new Map<number, number>();
    const rows: string[][] = [];
    const reportProgress = (client: number) =>
      mutate('action.reportProgress', {
        actionId: `bench.${client}`,
        reportedOn: today,
        progress: 'on_track',
      });
    await latencies(10, reportProgress, WARM_UP_SECONDS);
    for (const clients of CLIENTS) {
      const command = await latencies(clients, reportProgress);
      const append = await latencies(clients, async (client) => {
        const result = await store.append(
          `action-bare${clients}.${client}`,
          [{ type: 'ProgressReported', data: { reportedOn: today, progress: 'on_track' } }],
          { actor: { id: 'bench', role: 'admin' }, expectedRevision: revisions.get(client) ?? 'no_stream' },
        );
        revisions.set(client, result.nextExpectedRevision);
      });
      revisions.clear();
      const p50 = percentile(command, 50);
      const p99 = percentile(command, 99);
      rows.push([
        String(clients),
        `${p50.toFixed(2)} ms`,
        `${p99.toFixed(2)} ms`,
        rate(command.length / SECONDS),
        `${percentile(append, 50).toFixed(2)} ms`,
        `${percentile(append, 99).toFixed(2)} ms`,
        rate(append.length / SECONDS),
        `${(p50 / percentile(append, 50)).toFixed(1)}×`,
        `${(command.length / append.length).toFixed(2)}×`,
        targetOf(clients, p50, command.length / SECONDS),
      ]);
    }
    printTable(
      `Commande action.reportProgress par tRPC/HTTP (session, rôle, relecture, décision, ajout) vs ajout nu au journal, ${SECONDS} s par mesure, après ${WARM_UP_SECONDS} s de commandes à 10 clients non comptées`,
      [
        'clients',
        'commande p50',
        'commande p99',
        'commandes',
        'ajout nu p50',
        'ajout nu p99',
        'ajouts',
        'p50 commande / ajout',
        'commandes / ajouts',
        'cible (issue 19)',
      ],
      rows,
    );
    await store.close();
    agent.destroy();
  } finally {
    await platform?.stop();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
