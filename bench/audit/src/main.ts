/**
 * The audit's questions over a contract of about 10,000 events, measured in one run
 * on the embedded PostgreSQL, through the platform's own command side and audit:
 *   baseline  a plain read of the contract's streams (what every answer starts with);
 *   as of     the contract's state at a date, business time (read + fold);
 *   diff      two states and what changed between them;
 *   report    the annual evaluation report, rendered as HTML.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@cls/api-host/app';
import { AuditService } from '@cls/api-host/audit';
import { DomainCommand } from '@cls/api-host/commands';
import { parseEnv } from '@cls/api-host/config';
import { contractAsOf, reportHtml } from '@cls/audit';
import { benchSetting, percentile, printTable } from '@cls/bench-event-store/measure';
import { DEMO_CONTRACT_ID, loadSeeds, planDemo } from '@cls/demo';
import { startEmbeddedPostgres } from '@cls/postgres/embedded';
import { CommandBus } from '@nestjs/cqrs';

const TARGET_EVENTS = benchSetting('BENCH_EVENTS', 10_000);
const RUNS = benchSetting('BENCH_RUNS', 15);
const actor = { id: 'bench', role: 'admin' };

/** Milliseconds of each run of `question`, after one warm-up. */
async function timed(question: () => Promise<unknown>): Promise<number[]> {
  await question();
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    await question();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main() {
  const seeds = loadSeeds();
  if (!seeds) {
    console.log('bench/audit : graines absentes (../shared/seeds, SHARED_DIR=…) : rien à mesurer.');
    return;
  }
  const server = await startEmbeddedPostgres({
    dataDir: join(tmpdir(), `cls-bench-audit-${randomBytes(6).toString('hex')}`),
    port: 56000 + Math.floor(Math.random() * 900),
    persistent: false,
    unsafeFastWrites: true,
  });
  const parsed = parseEnv({ NODE_ENV: 'test', DEMO: 'false' });
  if (!parsed.ok) throw new Error(parsed.message);
  const { app } = await createApp({
    env: parsed.env,
    databaseUrl: server.url,
    version: 'bench',
    quiet: true,
  });
  try {
    // The Cœur d'Hérault contract of the seeds, signed, then lived: each action reports its progress
    // month after month, produces its deliverables, measures an indicator and ends.
    const bus = app.get(CommandBus);
    const send = (command: { type: string } & Record<string, unknown>) =>
      bus.execute(new DomainCommand(command, { actor, commandId: randomBytes(16).toString('hex') }));
    // With the directory's organisations, which the contract's means name (funders, staff).
    const planned = planDemo(seeds).filter(
      ({ command }) =>
        command.type === 'RegisterOrganisation' ||
        command.contractId === DEMO_CONTRACT_ID ||
        String(command.actionId ?? '').startsWith(DEMO_CONTRACT_ID),
    );
    let events = 0;
    // The demo's commands sign it (in 2024, as its sources show it).
    for (const { command } of planned) events += (await send(command)).appended;
    const actions = planned
      .filter(({ command }) => command.type === 'PlanAction')
      .map(({ command }) => command);
    const reportsPerAction = Math.max(1, Math.ceil((TARGET_EVENTS - events) / actions.length) - 4);
    for (const action of actions) {
      const actionId = String(action.actionId);
      await send({ type: 'StartAction', actionId, startedOn: '2024-05-02' });
      for (let report = 0; report < reportsPerAction; report += 1) {
        const day = new Date(Date.UTC(2024, 5, 1) + report * 86_400_000 * 3).toISOString().slice(0, 10);
        await send({
          type: 'ReportProgress',
          actionId,
          reportedOn: day,
          progress: report % 7 === 0 ? 'delayed' : 'on_track',
          percentComplete: Math.min(99, Math.round((100 * report) / reportsPerAction)),
        });
      }
      for (const deliverable of (action.plannedDeliverables as Array<{
        deliverableId: string;
        title: string;
      }>) ?? []) {
        await send({ type: 'ProduceDeliverable', actionId, ...deliverable, producedOn: '2025-06-15' });
      }
      await send({
        type: 'MeasureIndicator',
        actionId,
        indicator: 'Personnes touchées',
        value: 40,
        period: { year: 2025 },
        measuredOn: '2025-12-01',
      });
      await send({ type: 'CompleteAction', actionId, completedOn: '2025-12-15' });
    }

    const audit = app.get(AuditService);
    const all = await audit.contractEvents(DEMO_CONTRACT_ID);
    console.log(
      `\nAudit benchmark — contrat ${DEMO_CONTRACT_ID} : ${all.length.toLocaleString('fr-FR')} événements`,
    );

    const read = await timed(() => audit.contractEvents(DEMO_CONTRACT_ID));
    const asOf = await timed(() =>
      audit.asOf({ contractId: DEMO_CONTRACT_ID, date: '2025-06-30', time: 'occurred' }),
    );
    const diff = await timed(() =>
      audit.diff({ contractId: DEMO_CONTRACT_ID, from: '2024-12-31', to: '2025-12-31', time: 'occurred' }),
    );
    const report = await timed(async () => {
      const built = await audit.report({ contractId: DEMO_CONTRACT_ID, year: 2025 });
      if (built) reportHtml(built, { eventLink: (position) => `/admin/audit/evenements/${position}` });
    });
    // What the answer costs beyond the read: the fold alone, over events already in memory.
    const fold = await timed(async () =>
      contractAsOf(all, DEMO_CONTRACT_ID, { date: '2025-06-30', time: 'occurred' }),
    );
    const baseline = percentile(read, 50);
    const row = (label: string, samples: number[]) => [
      label,
      `${percentile(samples, 50).toFixed(1)} ms`,
      `${percentile(samples, 99).toFixed(1)} ms`,
      `${(percentile(samples, 50) / baseline).toFixed(2)}×`,
    ];
    printTable(
      `Réponses de l’audit (${RUNS} mesures chacune)`,
      ['question', 'p50', 'max', 'rapport à la lecture'],
      [
        row('lecture simple des flux du contrat', read),
        row('état du contrat au 30 juin 2025', asOf),
        row('  dont le pliage seul (en mémoire)', fold),
        row('différence 2024-12-31 → 2025-12-31', diff),
        row('rapport d’évaluation 2025 (HTML)', report),
      ],
    );
  } finally {
    await app.close();
    await server.stop();
  }
}

await main();
