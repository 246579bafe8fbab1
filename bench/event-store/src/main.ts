/**
 * Event-store benchmark, on one embedded PostgreSQL, in one run:
 *   baseline  raw single-row INSERTs of rows shaped like ours (same columns and indexes);
 *   ours      PostgresEventStore appends (expected revision + hash chain), reads, subscription;
 *   peer      Emmett's PostgreSQL event store, same workload.
 * Every figure is printed with its ratio to the baseline and to the peer of the same run.
 * Absolute numbers depend on the machine; ratios are what to compare.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreMigrations, PostgresEventStore } from '@cls/event-store/postgres';
import { createPool, migrate, withDatabase } from '@cls/postgres';
import { startEmbeddedPostgres } from '@cls/postgres/embedded';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import {
  benchSetting,
  type CpuSeconds,
  cpuPerThousand,
  cpuSeconds,
  measureThroughput,
  percentile,
  printTable,
  rate,
  ratio,
  type Throughput,
} from './measure.js';

const SECONDS = benchSetting('BENCH_SECONDS', 3);
const WRITER_COUNTS = [1, 32];
/** Turns of the stream re-read, each store in turn. */
const READ_TURNS = benchSetting('BENCH_READ_TURNS', 3);
const actor = { id: 'bench', role: 'admin' };
const payload = (writer: number, iteration: number) => ({
  action: `action-${writer}`,
  etat: 'en cours',
  commentaire: `Point d'avancement n°${iteration} — réunion du comité technique`,
  indicateurs: [iteration, writer, 42],
});

type Measured = Throughput & { cpu: ReturnType<typeof cpuPerThousand> };

/** A measure with the CPU it cost (this process and the server), per thousand events written. */
async function withCpu(dataDir: string, batch: number, run: () => Promise<Throughput>): Promise<Measured> {
  const before: CpuSeconds = cpuSeconds(dataDir);
  const measured = await run();
  return { ...measured, cpu: cpuPerThousand(before, cpuSeconds(dataDir), measured.operations * batch) };
}

/** The target for a row of the appends table (issue #19), beside its figures. */
function target(row: { label: string; writers: number }): string {
  if (row.label.startsWith('lots')) return 'CLS / pair ≥ 1.0×';
  return row.writers > 1 ? 'CLS / base ≥ 1.2×' : '—';
}

async function main() {
  const dataDir = join(tmpdir(), `cls-bench-pg-${randomBytes(6).toString('hex')}`);
  const server = await startEmbeddedPostgres({
    dataDir,
    port: 54000 + Math.floor(Math.random() * 900),
    persistent: false,
  });
  const admin = createPool(server.url, { max: 1 });
  for (const name of ['bench_raw', 'bench_ours', 'bench_peer']) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  try {
    console.log(`Event-store benchmark — PostgreSQL embarqué, ${SECONDS} s par mesure, fsync actif`);
    const ours = await PostgresEventStore.open({ connectionString: withDatabase(server.url, 'bench_ours') });
    const peer = getPostgreSQLEventStore(withDatabase(server.url, 'bench_peer'));
    const raw = createPool(withDatabase(server.url, 'bench_raw'), { max: 32 });
    // The baseline table is the event store's own (same migration: columns and indexes), without its logic.
    await migrate(raw, 'event-store', eventStoreMigrations);
    await raw.query('CREATE SEQUENCE events_position');
    // Emmett creates its schema on first use: do it outside the measurements.
    await peer.appendToStream(`warmup-${randomUUID()}`, [{ type: 'Warmup', data: {} }]);

    const results: Array<{
      label: string;
      writers: number;
      ours: Measured;
      peer: Measured;
      raw: Measured;
    }> = [];
    for (const batch of [1, 10]) {
      for (const writers of WRITER_COUNTS) {
        const rawRun = await withCpu(dataDir, batch, () =>
          measureThroughput(
            writers,
            SECONDS,
            async (writer, iteration) => {
              for (let n = 0; n < batch; n += 1) {
                await raw.query(
                  `INSERT INTO events (position, id, stream, category, revision, type, version, data, actor_id, actor_role,
                 occurred_at, recorded_at, prev_hash, hash, global_hash)
               VALUES (nextval('events_position'), $1, $2, 'action', $3, 'ProgressReported', 1, $4, 'bench', 'admin',
                 now(), now(), $5, $5, $5)`,
                  [
                    randomUUID(),
                    `action-raw${batch}-${writers}-${writer}`,
                    iteration * batch + n,
                    JSON.stringify(payload(writer, iteration)),
                    '0'.repeat(64),
                  ],
                );
              }
            },
            batch,
          ),
        );
        const oursRun = await withCpu(dataDir, batch, () =>
          measureThroughput(
            writers,
            SECONDS,
            async (writer, iteration) => {
              await ours.append(
                `action-ours${batch}-${writers}-${writer}`,
                Array.from({ length: batch }, () => ({
                  type: 'ProgressReported',
                  data: payload(writer, iteration),
                })),
                { actor, expectedRevision: iteration === 0 ? 'no_stream' : iteration * batch - 1 },
              );
            },
            batch,
          ),
        );
        const peerRun = await withCpu(dataDir, batch, () =>
          measureThroughput(
            writers,
            SECONDS,
            async (writer, iteration) => {
              await peer.appendToStream(
                `action-peer${batch}-${writers}-${writer}`,
                Array.from({ length: batch }, () => ({
                  type: 'ProgressReported',
                  data: payload(writer, iteration),
                })),
                {
                  expectedStreamVersion:
                    iteration === 0 ? 'STREAM_DOES_NOT_EXIST' : BigInt(iteration * batch),
                },
              );
            },
            batch,
          ),
        );
        results.push({
          label: batch === 1 ? 'un événement par append' : 'lots de 10 événements',
          writers,
          ours: oursRun,
          peer: peerRun,
          raw: rawRun,
        });
      }
    }
    printTable(
      "Appends (événements écrits par seconde ; base = INSERT d'une ligne en autocommit)",
      [
        'charge',
        'écrivains',
        'INSERT brut',
        'Emmett (pair)',
        'CLS',
        'CLS / base',
        'CLS / pair',
        'pair / base',
        'objectif',
      ],
      results.map((row) => [
        row.label,
        String(row.writers),
        rate(row.raw.perSecond),
        rate(row.peer.perSecond),
        rate(row.ours.perSecond),
        ratio(row.ours.perSecond, row.raw.perSecond),
        ratio(row.ours.perSecond, row.peer.perSecond),
        ratio(row.peer.perSecond, row.raw.perSecond),
        target(row),
      ]),
    );

    const cpu = (spent: Measured['cpu']) => `${spent.total.toFixed(0)} ms`;
    printTable(
      "Coût CPU des appends (ms de CPU par millier d'événements, Node + PostgreSQL ; plus bas = moins cher)",
      ['charge', 'écrivains', 'INSERT brut', 'Emmett (pair)', 'CLS', 'dont Node', 'CLS / base', 'CLS / pair'],
      results.map((row) => [
        row.label,
        String(row.writers),
        cpu(row.raw.cpu),
        cpu(row.peer.cpu),
        cpu(row.ours.cpu),
        `${row.ours.cpu.node.toFixed(0)} ms`,
        ratio(row.ours.cpu.total, row.raw.cpu.total),
        ratio(row.ours.cpu.total, row.peer.cpu.total),
      ]),
    );

    // Reads: our catch-up over the whole log, and both stores reading the same streams back.
    const readStarted = performance.now();
    let caughtUp = 0;
    for (let from = 0; ; ) {
      const page = await ours.readAll({ fromPosition: from, limit: 1000 });
      caughtUp += page.length;
      if (page.length < 1000) break;
      from = page[page.length - 1]?.position ?? from;
    }
    const catchUpRate = caughtUp / ((performance.now() - readStarted) / 1000);

    // Both stores read back the streams they wrote in batches, in turns (CLS, Emmett, CLS…),
    // so that neither gets the quieter moments of a shared machine; rates over all turns.
    const streamReads = async (read: (stream: string) => Promise<number>, prefix: string) => {
      const started = performance.now();
      let events = 0;
      for (const writers of WRITER_COUNTS) {
        for (let writer = 0; writer < writers; writer += 1)
          events += await read(`action-${prefix}10-${writers}-${writer}`);
      }
      return { events, seconds: (performance.now() - started) / 1000 };
    };
    const reread = { ours: { events: 0, seconds: 0 }, peer: { events: 0, seconds: 0 } };
    for (let turn = 0; turn < READ_TURNS; turn += 1) {
      for (const [who, read] of [
        ['ours', async (stream: string) => (await ours.readStream(stream)).length],
        ['peer', async (stream: string) => (await peer.readStream(stream)).events.length],
      ] as const) {
        const { events, seconds } = await streamReads(read, who);
        reread[who].events += events;
        reread[who].seconds += seconds;
      }
    }
    const oursStreamRate = reread.ours.events / reread.ours.seconds;
    const peerStreamRate = reread.peer.events / reread.peer.seconds;
    printTable(
      'Lectures (événements lus par seconde)',
      ['lecture', 'CLS', 'Emmett (pair)', 'CLS / pair', 'objectif'],
      [
        ['rattrapage du journal (readAll par pages de 1000)', rate(catchUpRate), '—', '—', '≥ 50 000/s'],
        [
          `relecture des flux écrits par lots (${READ_TURNS} tours alternés)`,
          rate(oursStreamRate),
          rate(peerStreamRate),
          ratio(oursStreamRate, peerStreamRate),
          'CLS / pair ≥ 1.0×',
        ],
      ],
    );

    // Subscription latency: from the append call to the event in the subscriber's hands.
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const { position: head } = await ours.append(`meeting-${randomUUID()}`, [{ type: 'Marker', data: {} }], {
      actor,
    });
    const subscription = ours.subscribeAll({ fromPosition: head });
    const consumer = (async () => {
      for await (const message of subscription) {
        if (message.kind !== 'event') continue;
        const sent = sentAt.get(message.event.id);
        if (sent !== undefined) latencies.push(performance.now() - sent);
      }
    })();
    const latencyDeadline = performance.now() + SECONDS * 1000;
    for (let n = 0; performance.now() < latencyDeadline; n += 1) {
      const id = randomUUID();
      sentAt.set(id, performance.now());
      await ours.append(`action-latency`, [{ id, type: 'ProgressReported', data: { n } }], { actor });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    await subscription.close();
    await consumer;
    printTable(
      "Abonnement : latence de bout en bout (de l'appel à append à la réception)",
      ['événements', 'p50', 'p99'],
      [
        [
          String(latencies.length),
          `${percentile(latencies, 50).toFixed(2)} ms`,
          `${percentile(latencies, 99).toFixed(2)} ms`,
        ],
      ],
    );

    await ours.close();
    await peer.close();
    await raw.end();
    // Emmett's pool keeps idle connections without an error listener: when the
    // server stops they report the shutdown, which is expected here.
    process.on('uncaughtException', (error: Error & { code?: string }) => {
      if (error.code !== '57P01') throw error;
    });
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
