/**
 * The built platform under load, on loopback, as `npm start` runs it (its own embedded
 * PostgreSQL, the demo loaded), driven by autocannon at fixed rates from this process:
 *   portal    nearest-10 offers around random points of the Hérault, beside the portal's
 *             index.html served by the same process;
 *   commands  offer.register by a logged-in coordinator, beside the query system.info;
 *   soak      both together at a moderate rate, the API process's memory sampled.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchSetting, printTable } from '@cls/bench-event-store/measure';
import { freePort, type Platform, startPlatform } from '@cls/bench-event-store/platform';
import autocannon from 'autocannon';

const SECONDS = benchSetting('BENCH_SECONDS', 10);
const SOAK_SECONDS = benchSetting('BENCH_SOAK_SECONDS', 120);
const PORTAL_RATES = [100, 200, 400, 800, 1600, 3200, 6400];
const COMMAND_RATES = [25, 50, 100, 200, 400, 800];
const today = new Date().toISOString().slice(0, 10);

/** The built API with the demo and its own embedded PostgreSQL, under `dataDir`. */
async function startDemoPlatform(dataDir: string): Promise<Platform> {
  return startPlatform({
    EMBEDDED_PG_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    DEMO: 'true',
    PUBLIC_RATE_LIMIT: '100000000',
  });
}

/** Resident memory of a process, in MiB (Linux). */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

type Target = Pick<autocannon.Options, 'method' | 'headers' | 'body' | 'requests'> & { path: string };

/** One step: `rate` requests per second over all connections, for `seconds`. */
function load(baseUrl: string, target: Target, rate: number, seconds: number) {
  const { path, ...rest } = target;
  return autocannon({
    url: `${baseUrl}${path}`,
    ...rest,
    connections: Math.min(640, Math.max(10, Math.ceil(rate / 10))),
    overallRate: rate,
    duration: seconds,
    timeout: 10,
  });
}

interface Step {
  rate: number;
  result: autocannon.Result;
  baseline: autocannon.Result;
}

const achieved = (result: autocannon.Result) => result.requests.total / result.duration;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const times = (value: number, reference: number) =>
  reference > 0 ? `${(value / reference).toFixed(2)}×` : '—';
const failed = (result: autocannon.Result) => result.non2xx + result.errors;
/** Short of the target by more than 10 %, or anything but 2xx. */
const saturated = (step: Step) => failed(step.result) > 0 || achieved(step.result) < 0.9 * step.rate;

/** Each rate against the subject, then against the baseline, one after the other. */
async function series(baseUrl: string, subject: Target, baseline: Target, rates: number[]) {
  await load(baseUrl, subject, rates[0] ?? 10, 2);
  await load(baseUrl, baseline, rates[0] ?? 10, 2);
  const steps: Step[] = [];
  for (const rate of rates) {
    steps.push({
      rate,
      result: await load(baseUrl, subject, rate, SECONDS),
      baseline: await load(baseUrl, baseline, rate, SECONDS),
    });
  }
  return steps;
}

function printSeries(title: string, steps: Step[], baselineName: string) {
  printTable(
    title,
    [
      'visé (req/s)',
      'obtenu',
      'p50',
      'p99',
      'non-2xx',
      '5xx',
      'erreurs',
      `${baselineName} : obtenu`,
      'p50',
      'p99',
      'p50 ÷ base',
      'p99 ÷ base',
    ],
    steps.map(({ rate, result, baseline }) => [
      String(rate),
      achieved(result).toFixed(0),
      ms(result.latency.p50),
      ms(result.latency.p99),
      String(result.non2xx),
      String(result['5xx']),
      `${result.errors}${result.timeouts ? ` (${result.timeouts} délais)` : ''}`,
      achieved(baseline).toFixed(0),
      ms(baseline.latency.p50),
      ms(baseline.latency.p99),
      times(result.latency.p50, baseline.latency.p50),
      times(result.latency.p99, baseline.latency.p99),
    ]),
  );
  const first = steps.find(saturated);
  console.log(
    first
      ? `→ décrochage à ${first.rate} req/s : ${achieved(first.result).toFixed(0)} req/s obtenues, ` +
          `${first.result.non2xx} non-2xx (dont ${first.result['5xx']} 5xx), ${first.result.errors} erreurs de connexion` +
          (failed(first.result) > 0 ? ` ; codes : ${codes(first.result)}` : '')
      : `→ aucun décrochage jusqu'à ${steps.at(-1)?.rate} req/s (débit tenu à 10 % près, tout en 2xx)`,
  );
}

/**
 * Issue 19's target 5 in this run: the nearest queries' highest rate obtained beside index.html's,
 * a static file whose path the issue left alone (it stands for « today » on this machine: before
 * the issue, nearest reached 0.64× of it on a quiet machine, 1,862 ÷ 2,883 req/s on 2026-11-25);
 * twice today's throughput is 1.28× of it. And no failure past saturation, at any step.
 */
function printPeaks(steps: Step[]) {
  const peak = (pick: (step: Step) => autocannon.Result) =>
    Math.max(...steps.map((step) => achieved(pick(step))));
  const nearestPeak = peak((step) => step.result);
  const indexPeak = peak((step) => step.baseline);
  const failures = steps.reduce((sum, step) => sum + failed(step.result), 0);
  printTable(
    'Débit maximal obtenu (tous paliers) — cible de l’issue 19 : au plus proche ≥ 2× le débit d’avant (0,64× index.html, soit ≥ 1,28×), sans aucune erreur',
    [
      'au plus proche (req/s)',
      'index.html (req/s)',
      'rapport',
      'avant l’issue',
      'cible',
      'non-2xx + erreurs, tous paliers',
    ],
    [
      [
        nearestPeak.toFixed(0),
        indexPeak.toFixed(0),
        times(nearestPeak, indexPeak),
        '0.64×',
        `≥ 1.28× ${nearestPeak >= 1.28 * indexPeak ? '(tenue)' : '(non tenue)'}`,
        String(failures),
      ],
    ],
  );
}

const codes = (result: autocannon.Result) =>
  Object.entries(result.statusCodeStats ?? {})
    .map(([code, { count }]) => `${code}×${count ?? 0}`)
    .join(', ');

/** A random point over the Hérault (its bounding box, roughly). */
function nearestPath() {
  const lon = 2.95 + Math.random() * 1.25;
  const lat = 43.25 + Math.random() * 0.7;
  return `/api/offers/nearest?lon=${lon.toFixed(5)}&lat=${lat.toFixed(5)}&limit=10`;
}

const nearest: Target = {
  path: '/api/offers/nearest',
  requests: [{ setupRequest: (request) => ({ ...request, path: nearestPath() }) }],
};

async function login(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'coordinatrice@demo-cls.fr', password: 'demo-cls-2024' }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie?.startsWith('cls_session=')) {
    throw new Error(`connexion refusée : ${response.status} ${await response.text()}`);
  }
  return cookie;
}

/** offer.register with a new offer each time (a counter in its id). */
function registerOffer(cookie: string): Target {
  const run = Math.random().toString(36).slice(2, 8);
  let sent = 0;
  return {
    path: '/trpc/offer.register',
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    requests: [
      {
        setupRequest: (request) => {
          sent += 1;
          return {
            ...request,
            body: JSON.stringify({
              offerId: `charge-${run}-${sent}`,
              kind: 'sage_femme',
              source: 'manual',
              name: `Sage-femme de charge ${sent}`,
              address: { line: '', communeName: 'Montpellier' },
              position: { lon: 3.8 + (sent % 1000) / 10_000, lat: 43.6 + (sent % 997) / 10_000 },
              verifiedOn: today,
            }),
          };
        },
      },
    ],
  };
}

async function soak(platform: Platform, cookie: string) {
  const samples: Array<{ second: number; rss: number }> = [];
  const started = performance.now();
  const sample = () =>
    samples.push({ second: Math.round((performance.now() - started) / 1000), rss: rssMiB(platform.pid) });
  sample();
  const timer = setInterval(sample, 5_000);
  const [queries, commands] = await Promise.all([
    load(platform.baseUrl, nearest, 200, SOAK_SECONDS),
    load(platform.baseUrl, registerOffer(cookie), 20, SOAK_SECONDS),
  ]);
  clearInterval(timer);
  sample();
  const rss = samples.map((entry) => entry.rss);
  const settled = samples.find((entry) => entry.second >= 20)?.rss ?? rss[0] ?? 0;
  const end = rss.at(-1) ?? 0;
  printTable(
    `Endurance : ${SOAK_SECONDS} s de requêtes au plus proche (200 req/s) et d’offer.register (20 req/s) ensemble`,
    ['flux', 'obtenu (req/s)', 'p50', 'p99', 'non-2xx', 'erreurs'],
    [
      ['offres au plus proche', queries],
      ['offer.register', commands],
    ].map(([label, result]) => {
      const r = result as autocannon.Result;
      return [
        label as string,
        achieved(r).toFixed(0),
        ms(r.latency.p50),
        ms(r.latency.p99),
        String(r.non2xx),
        String(r.errors),
      ];
    }),
  );
  printTable(
    `Mémoire résidente du processus de l’API (VmRSS, relevée toutes les 5 s, ${samples.length} relevés)`,
    ['départ', 'après 20 s', 'max', 'fin', 'fin ÷ après 20 s', 'bornée (≤ 1,5×)'],
    [
      [
        `${(rss[0] ?? 0).toFixed(0)} Mio`,
        `${settled.toFixed(0)} Mio`,
        `${Math.max(...rss).toFixed(0)} Mio`,
        `${end.toFixed(0)} Mio`,
        times(end, settled),
        end <= 1.5 * settled ? 'oui' : 'NON',
      ],
    ],
  );
  console.log(
    `relevés (s:Mio) : ${samples.map((entry) => `${entry.second}:${entry.rss.toFixed(0)}`).join(' ')}`,
  );
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'cls-bench-load-'));
  chmodSync(dataDir, 0o755);
  const booting = performance.now();
  const platform = await startDemoPlatform(dataDir);
  try {
    console.log(
      `\nLoad benchmark — plateforme construite (apps/api/dist) démarrée avec la démo en ` +
        `${((performance.now() - booting) / 1000).toFixed(1)} s, ${SECONDS} s par palier, sur la boucle locale`,
    );
    const index = await fetch(`${platform.baseUrl}/`);
    if (!index.ok)
      console.log(`(index.html du portail : ${index.status} — la base n'est pas un fichier servi)`);

    const portal = await series(platform.baseUrl, nearest, { path: '/' }, PORTAL_RATES);
    printSeries(
      'Portail : GET /api/offers/nearest (10 plus proches, point aléatoire dans l’Hérault) ; base : GET / (index.html)',
      portal,
      'index.html',
    );
    printPeaks(portal);

    const cookie = await login(platform.baseUrl);
    const admin = await series(
      platform.baseUrl,
      registerOffer(cookie),
      { path: '/trpc/system.info', headers: { cookie } },
      COMMAND_RATES,
    );
    printSeries(
      'Administration : POST /trpc/offer.register (une offre nouvelle par requête) ; base : GET /trpc/system.info',
      admin,
      'system.info',
    );

    await soak(platform, cookie);
    const logged = platform
      .output()
      .split('\n')
      .filter((line) => /error|erreur|exception/i.test(line));
    console.log(
      logged.length > 0
        ? `\nLa plateforme a écrit ${logged.length} ligne(s) d’erreur, dont : ${logged.slice(0, 3).join(' | ')}`
        : '\nLa plateforme n’a écrit aucune ligne d’erreur.',
    );
  } finally {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
