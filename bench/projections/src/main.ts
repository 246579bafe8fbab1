/**
 * Read models, measured in one run on the embedded PostgreSQL:
 *   baseline  the raw catch-up read of the log (readAll pages of 1000);
 *   rebuild   every projection built from position 0 over ≥ 100,000 generated events;
 *   lag       from an append's acknowledgement to the projections having applied it,
 *             while about 200 commands per second are appended.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  benchSetting,
  type CpuSeconds,
  cpuSeconds,
  percentile,
  printTable,
  rate,
} from '@cls/bench-event-store/measure';
import type { EventData, EventType } from '@cls/domain';
import type { NewEvent } from '@cls/event-store';
import { PostgresEventStore } from '@cls/event-store/postgres';
import { createPool, type Pool, withDatabase } from '@cls/postgres';
import { startEmbeddedPostgres } from '@cls/postgres/embedded';
import { ALL_PROJECTIONS, type Projection, ProjectionRunner, schemaOf } from '@cls/projections';

const CONTRACTS = benchSetting('BENCH_CONTRACTS', 300);
/**
 * `BENCH_STATEMENTS=1`: PostgreSQL's statements of the rebuild, the costliest first
 * (pg_stat_statements: calls, planning and execution time, rows).
 */
const STATEMENTS = process.env.BENCH_STATEMENTS === '1';
/** `BENCH_PROJECTIONS=contracts,action_board` measures only those (all by default). */
const only = process.env.BENCH_PROJECTIONS?.split(',').filter(Boolean);
const PROJECTIONS = only
  ? ALL_PROJECTIONS.filter((projection) => only.includes(projection.name))
  : ALL_PROJECTIONS;
const ACTIONS_PER_CONTRACT = 40;
/** Health offers registered per contract (one in five reported, one report in two dismissed). */
const OFFERS_PER_CONTRACT = 20;
const actor = { actor: { id: 'bench', role: 'admin' } };

/** An event as the domain writes it: its data checked against the catalogue. */
const event = <Type extends EventType>(type: Type, data: EventData<Type>): NewEvent => ({ type, data });

/**
 * What the other read models read beside a contract's life: its organisation,
 * a governance meeting, its team's accounts, the health offers of its territory
 * and residents' reports on them.
 */
function aroundContract(contractId: string): Array<{ stream: string; events: NewEvent[] }> {
  const organisationId = `org-${contractId}`;
  const organisation = { organisationId, name: `Communauté de communes ${contractId}` };
  const offers = Array.from({ length: OFFERS_PER_CONTRACT }, (_, n) => {
    const offerId = `finess-${contractId}-${n}`;
    return {
      stream: `offer-${offerId}`,
      events: [
        event('OfferRegistered', {
          offerId,
          source: 'finess',
          // Nine digits, one number per offer: the contract's then the offer's.
          finess: `${contractId.replace(/\D/g, '').padStart(6, '0')}${String(n).padStart(3, '0')}`,
          kind: n % 2 ? 'msp' : 'centre_sante',
          name: `Maison de santé ${n} de ${contractId}`,
          address: {
            line: `${n} rue de la Santé`,
            postcode: '34800',
            communeInsee: '34079',
            communeName: 'Clermont',
          },
          position: { lon: 3.4 + n / 1000, lat: 43.6 + n / 1000 },
          phone: '0467960000',
          category: { code: '603', label: 'Maison de santé (L.6223-3)' },
          verifiedOn: '2025-01-08',
        }),
      ],
    };
  });
  const reports = Array.from({ length: OFFERS_PER_CONTRACT / 5 }, (_, n) => {
    const reportId = `report-${contractId}-${n}`;
    const offerId = `finess-${contractId}-${n * 5}`;
    return {
      stream: `offer-report-${reportId}`,
      events: [
        event('OfferErrorReported', {
          reportId,
          offerId,
          topic: 'horaires',
          message: 'Fermé le samedi',
          reportedOn: '2025-05-01',
        }),
        ...(n % 2
          ? [
              event('OfferReportDismissed', {
                reportId,
                offerId,
                reason: 'Horaires vérifiés',
                dismissedOn: '2025-05-10',
              }),
            ]
          : []),
      ],
    };
  });
  const users = [1, 2].map((n) => {
    const userId = `user-${contractId}-${n}`;
    return {
      stream: `user-${userId}`,
      events: [
        event('UserInvited', { userId, email: `${userId}@cls.example`, displayName: `Personne ${n}` }),
        event('RoleGranted', { userId, role: n === 1 ? 'coordinator' : 'elected', scope: { contractId } }),
      ],
    };
  });
  const meetingId = `meeting-${contractId}`;
  return [
    {
      stream: `organisation-${organisationId}`,
      events: [
        event('OrganisationRegistered', { ...organisation, kind: 'epci' }),
        event('OrganisationUpdated', { organisationId, changes: { website: 'https://cc.example' } }),
      ],
    },
    {
      stream: `meeting-${meetingId}`,
      events: [
        event('MeetingScheduled', {
          meetingId,
          contractId,
          body: 'Comité de pilotage',
          title: 'COPIL annuel',
          scheduledOn: '2025-06-15',
        }),
      ],
    },
    ...users,
    ...offers,
    ...reports,
  ];
}

/** The contract's indicators and means, on its stream after its signature. */
function contractFollowUp(contractId: string): NewEvent[] {
  const funder = { organisationId: `org-${contractId}`, name: `Communauté de communes ${contractId}` };
  return [
    ...[1, 2].map((n) =>
      event('IndicatorDefined', {
        contractId,
        indicatorId: `${contractId}-ind${n}`,
        ficheCode: `${n}.1`,
        label: `Indicateur ${n}`,
        kind: null,
        direction: null,
        targets: [{ year: 2025, value: 100 }],
        aggregation: 'sum',
      }),
    ),
    ...[1, 2].flatMap((n) => [
      event('FundingLinePlanned', {
        contractId,
        fundingLineId: `fl${n}`,
        funder,
        actionId: `${contractId}.${n}`,
        label: `Financement ${n}`,
        amounts: [{ year: 2025, planned: 10000 * n }],
      }),
      event('FundingAmountsRecorded', { contractId, fundingLineId: `fl${n}`, year: 2025, paid: 5000 * n }),
    ]),
    event('StaffTimeRecorded', {
      contractId,
      year: 2025,
      role: 'Coordination CLS',
      organisation: funder,
      fte: 0.8,
    }),
  ];
}

/** A contract's life: structure, then actions that start, report, deliver and end. */
function contractEvents(contractId: string): Array<{ stream: string; events: NewEvent[] }> {
  const fiche = (n: number) => `${(n % 4) + 1}.${(n % 3) + 1}`;
  const structure: NewEvent[] = [
    {
      type: 'ContractDrafted',
      data: {
        contractId,
        name: `CLS ${contractId}`,
        territory: { name: 'T', epci: [], communes: [] },
        period: { start: 2024, end: 2029 },
        parties: [],
      },
    },
    ...[1, 2, 3, 4].map((axis) => ({
      type: 'AxisDefined',
      data: { contractId, code: String(axis), title: `Axe ${axis}`, objectives: [] },
    })),
    ...[1, 2, 3, 4].flatMap((axis) =>
      [1, 2, 3].map((n) => ({
        type: 'FicheActionDefined',
        data: {
          contractId,
          axisCode: String(axis),
          code: `${axis}.${n}`,
          title: `Fiche ${axis}.${n}`,
          objectives: [],
          pilots: [],
          partners: [],
          publics: [],
        },
      })),
    ),
    {
      type: 'ContractSigned',
      data: { contractId, signedOn: '2024-03-01', signatories: [{ organisation: 'ARS' }] },
    },
  ];
  const actions = Array.from({ length: ACTIONS_PER_CONTRACT }, (_, n) => {
    const actionId = `${contractId}.${n}`;
    const events: NewEvent[] = [
      {
        type: 'ActionPlanned',
        data: {
          actionId,
          contractId,
          ficheCode: fiche(n),
          code: `${fiche(n)}-A${n}`,
          title: `Action ${n} pour les habitants`,
          pilots: ['Coordination CLS'],
          partners: [],
          plannedYears: { years: [2025], uncertain: false },
          plannedDeliverables: [
            { deliverableId: 'L1', title: 'Livrable' },
            { deliverableId: 'L2', title: 'Autre' },
          ],
        },
      },
      { type: 'ActionStarted', data: { actionId, startedOn: '2025-01-06' } },
      ...[10, 30, 50, 70].map((percentComplete) => ({
        type: 'ProgressReported',
        data: { actionId, reportedOn: '2025-03-01', progress: 'on_track', percentComplete },
      })),
      {
        type: 'DeliverableProduced',
        data: { actionId, deliverableId: 'L1', title: 'Livrable', producedOn: '2025-04-01', planned: true },
      },
      {
        type: 'IndicatorMeasured',
        data: {
          actionId,
          indicator: 'Participants',
          value: n,
          period: { year: 2025 },
          measuredOn: '2025-06-01',
        },
      },
      // One action in two measures a catalogue indicator too.
      ...(n % 2
        ? [
            event('IndicatorMeasured', {
              actionId,
              indicatorId: `${contractId}-ind${n % 4 === 1 ? 1 : 2}`,
              indicator: 'Indicateur',
              value: n,
              period: { year: 2025 },
              measuredOn: '2025-06-01',
            }),
          ]
        : []),
      { type: 'ActionCompleted', data: { actionId, completedOn: '2025-12-01' } },
    ];
    return { stream: `action-${actionId}`, events };
  });
  return [
    { stream: `contract-${contractId}`, events: [...structure, ...contractFollowUp(contractId)] },
    ...actions,
    ...aroundContract(contractId),
  ];
}

async function main() {
  const dataDir = join(tmpdir(), `cls-bench-projections-${randomBytes(6).toString('hex')}`);
  const server = await startEmbeddedPostgres({
    dataDir,
    port: 56000 + Math.floor(Math.random() * 900),
    persistent: false,
    unsafeFastWrites: true,
    ...(STATEMENTS && {
      settings: {
        shared_preload_libraries: 'pg_stat_statements',
        'pg_stat_statements.track_planning': 'on',
      },
    }),
  });
  const admin = createPool(server.url, { max: 1 });
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  const url = withDatabase(server.url, 'bench');
  try {
    const store = await PostgresEventStore.open({ connectionString: url });
    const appends = Array.from({ length: CONTRACTS }, (_, n) => contractEvents(`c${n}`)).flat();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < appends.length) {
          const append = appends[next++];
          if (append) await store.append(append.stream, append.events, actor);
        }
      }),
    );
    const head = (await store.readAll({ fromPosition: 0, limit: 1 })).length ? await lastPosition(store) : 0;
    console.log(
      `Projections benchmark — ${head.toLocaleString('fr-FR')} événements générés (${CONTRACTS} contrats)`,
    );

    // The log settled before either read is measured: the first read of freshly written rows
    // sets their hint bits, which made the raw read 14-24 % slower than a second one (and the
    // rebuild, reading after it, look faster beside it).
    const vacuum = createPool(url, { max: 1 });
    await vacuum.query('VACUUM ANALYZE events');
    await vacuum.end();

    /** The whole log read in pages of 1000, as `read` reads it: its rate and CPU. */
    const timedRead = async (read: (from: number) => Promise<Array<{ position: number }>>) => {
      const cpu = cpuSeconds(dataDir);
      const started = performance.now();
      for (let from = 0; ; ) {
        const page = await read(from);
        if (page.length === 0) break;
        from = page[page.length - 1]?.position ?? from;
      }
      return { rate: head / ((performance.now() - started) / 1000), cpu: cpuSpent(cpu, cpuSeconds(dataDir)) };
    };
    const { rate: readRate, cpu: readCpu } = await timedRead((from) =>
      store.readAll({ fromPosition: from, limit: 1000 }),
    );
    // What the runner reads (fewer columns): shown beside the baseline, the target is against the raw read.
    const projectedRead = await timedRead((from) =>
      store.readForProjections({ fromPosition: from, limit: 1000 }),
    );

    const pool = createPool(url, { max: 8 });
    const runner = new ProjectionRunner(store, pool, PROJECTIONS, {
      batchSize: 1000,
      catchUpBatchSize: benchSetting('BENCH_CATCH_UP_BATCH', 5000),
      onError: (error) => console.error(error),
    });
    if (STATEMENTS) {
      await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await pool.query('SELECT pg_stat_statements_reset()');
    }
    const cpu = cpuSeconds(dataDir);
    const started = performance.now();
    await runner.start();
    if (!(await runner.waitFor(head, 600_000))) throw new Error('reconstruction inachevée');
    // Counted in the rebuild: the indexes only queries use, built once it has caught up.
    while ((await pool.query('SELECT 1 FROM projection_checkpoints WHERE indexes_pending')).rowCount)
      await new Promise((resolve) => setTimeout(resolve, 5));
    const rebuildRate = head / ((performance.now() - started) / 1000);
    const rebuildCpu = cpuSpent(cpu, cpuSeconds(dataDir));
    if (STATEMENTS) await printStatements(pool);
    await everyReadModelFed(pool, PROJECTIONS);

    // Lag: 200 appends per second for 5 s, each timed until every projection has applied it.
    const lags: number[] = [];
    const deadline = performance.now() + 5000;
    const pending: Promise<void>[] = [];
    for (let n = 0; performance.now() < deadline; n += 1) {
      const tick = performance.now();
      pending.push(
        (async () => {
          const { position } = await store.append(
            `action-c0.${n % ACTIONS_PER_CONTRACT}`,
            [
              {
                type: 'ProgressReported',
                data: {
                  actionId: `c0.${n % ACTIONS_PER_CONTRACT}`,
                  reportedOn: '2025-05-01',
                  progress: 'delayed',
                },
              },
            ],
            actor,
          );
          const acknowledged = performance.now();
          await runner.waitFor(position, 10_000);
          lags.push(performance.now() - acknowledged);
        })(),
      );
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, tick + 5 - performance.now())));
    }
    await Promise.all(pending);
    await runner.stop();

    printTable(
      'Lecture du journal et reconstruction de toutes les projections',
      ['mesure', 'débit', 'rapport à la lecture brute', 'objectif'],
      [
        ['lecture brute du journal (readAll)', rate(readRate), '1.00×', ''],
        [
          'lecture des colonnes des projections (readForProjections)',
          rate(projectedRead.rate),
          `${(projectedRead.rate / readRate).toFixed(2)}×`,
          '',
        ],
        [
          `reconstruction des ${PROJECTIONS.length} projections depuis 0`,
          rate(rebuildRate),
          `${(rebuildRate / readRate).toFixed(2)}×`,
          '≥ 40 000/s et ≥ 0.35×',
        ],
      ],
    );
    console.log(
      `La reconstruction lit avec readForProjections : ${(rebuildRate / projectedRead.rate).toFixed(2)}× cette lecture.`,
    );
    const perHundredThousand = (seconds: number) => `${((seconds * 100_000) / head).toFixed(2)} s`;
    printTable(
      'Temps CPU pour 100 000 événements (moins sensible que le débit à la charge de la machine)',
      ['mesure', 'Node', 'PostgreSQL', 'total', 'rapport à la lecture brute'],
      [
        [
          'lecture brute du journal (readAll)',
          perHundredThousand(readCpu.node),
          perHundredThousand(readCpu.postgres),
          perHundredThousand(readCpu.total),
          '1.00×',
        ],
        [
          'lecture des colonnes des projections (readForProjections)',
          perHundredThousand(projectedRead.cpu.node),
          perHundredThousand(projectedRead.cpu.postgres),
          perHundredThousand(projectedRead.cpu.total),
          `${(projectedRead.cpu.total / readCpu.total).toFixed(2)}×`,
        ],
        [
          `reconstruction des ${PROJECTIONS.length} projections`,
          perHundredThousand(rebuildCpu.node),
          perHundredThousand(rebuildCpu.postgres),
          perHundredThousand(rebuildCpu.total),
          `${(rebuildCpu.total / readCpu.total).toFixed(2)}×`,
        ],
      ],
    );
    printTable(
      `Retard des projections sous ~200 commandes/s (${lags.length} ajouts en 5 s)`,
      ['p50', 'p99', 'max', 'objectif p99'],
      [
        [
          `${percentile(lags, 50).toFixed(1)} ms`,
          `${percentile(lags, 99).toFixed(1)} ms`,
          `${Math.max(...lags).toFixed(1)} ms`,
          '< 50 ms',
        ],
      ],
    );
    await pool.end();
    await store.close();
  } finally {
    await server.stop();
  }
}

/** The generated log must feed every read model measured: one left empty would flatter the rebuild. */
async function everyReadModelFed(pool: Pool, projections: Projection[]): Promise<void> {
  for (const projection of projections) {
    const schema = schemaOf(projection);
    const { rows: tables } = await pool.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
      [schema],
    );
    const empty: string[] = [];
    for (const { table_name } of tables) {
      const { rowCount } = await pool.query(`SELECT 1 FROM ${schema}."${table_name}" LIMIT 1`);
      if (!rowCount) empty.push(table_name);
    }
    if (empty.length > 0) console.log(`  (${projection.name} : tables vides ${empty.join(', ')})`);
    if (empty.length === tables.length)
      throw new Error(`le journal généré ne nourrit pas ${projection.name}`);
  }
}

/** The rebuild's statements as PostgreSQL counted them, the costliest first. */
async function printStatements(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{
    calls: string;
    plan: number;
    exec: number;
    rows: string;
    query: string;
  }>(
    `SELECT calls::text, total_plan_time AS plan, total_exec_time AS exec, rows::text,
            regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
      ORDER BY total_plan_time + total_exec_time DESC`,
  );
  const total = rows.reduce((sum, row) => sum + row.plan + row.exec, 0);
  const calls = rows.reduce((sum, row) => sum + Number(row.calls), 0);
  printTable(
    `Instructions de la reconstruction (pg_stat_statements) : ${calls.toLocaleString('fr-FR')} appels, ${total.toFixed(0)} ms de planification et d'exécution`,
    ['appels', 'planif.', 'exéc.', 'lignes', 'instruction'],
    rows
      .slice(0, 25)
      .map((row) => [
        row.calls,
        `${row.plan.toFixed(0)} ms`,
        `${row.exec.toFixed(0)} ms`,
        row.rows,
        row.query,
      ]),
  );
}

function cpuSpent(before: CpuSeconds, after: CpuSeconds): { node: number; postgres: number; total: number } {
  const node = after.node - before.node;
  const postgres = after.postgres - before.postgres;
  return { node, postgres, total: node + postgres };
}

async function lastPosition(store: PostgresEventStore): Promise<number> {
  let last = 0;
  for (let from = 0; ; ) {
    const page = await store.readAll({ fromPosition: from, limit: 5000 });
    if (page.length === 0) return last;
    last = page[page.length - 1]?.position ?? last;
    from = last;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
