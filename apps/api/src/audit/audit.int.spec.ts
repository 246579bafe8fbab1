import { verifyNdjson } from '@cls/audit';
import type { EventStore } from '@cls/event-store';
import { withoutSearch } from '@cls/event-store/contract';
import { PostgresEventStore } from '@cls/event-store/postgres';
import { createPool, type Pool } from '@cls/postgres';
import type { ProjectionRunner } from '@cls/projections';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../accounts/provision.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PROJECTION_RUNNER } from '../projections/projections.module.js';
import { httpClient } from '../testing/http-client.js';
import { startTestApp } from '../testing/test-app.js';
import { LogIndexKeeper } from './log-index-keeper.js';

const password = 'un mot de passe assez long';
const contractId = 'cls-audit';

/**
 * The app on `databaseUrl` (its log in `openStore` when given), with a contract, an axis, a fiche
 * and an action appended by three accounts, every read model (and the log's index) caught up.
 */
async function auditedContract(databaseUrl: string, openStore?: () => EventStore) {
  const { app, base } = await startTestApp(databaseUrl, {}, 0, openStore ? { openStore } : {});
  for (const [userId, grant] of [
    ['admin', { role: 'admin' as const }],
    ['coordinatrice', { role: 'coordinator' as const, contractId }],
    ['auditrice', { role: 'auditor' as const }],
  ] as const) {
    await provisionUser(app, {
      userId,
      grants: [grant],
      email: `${userId}@exemple.fr`,
      displayName: userId,
      password,
    });
  }
  const admin = httpClient(base, password);
  await admin.login('admin@exemple.fr');
  for (const [path, input] of [
    [
      'contract.draft',
      {
        contractId,
        name: 'CLS audité',
        territory: { name: 'Territoire', epci: [], communes: [] },
        period: { start: 2024, end: 2029 },
        parties: [],
      },
    ],
    ['contract.defineAxis', { contractId, code: '1', title: 'Accès aux soins' }],
    [
      'contract.defineFicheAction',
      { contractId, code: '1.1', axisCode: '1', title: 'Installer des médecins' },
    ],
  ] as const) {
    const { status, error } = await admin.mutate(path, input);
    expect(status, JSON.stringify(error)).toBe(200);
  }
  const coordinator = httpClient(base, password);
  await coordinator.login('coordinatrice@exemple.fr');
  const { status } = await coordinator.mutate('action.plan', {
    actionId: `${contractId}.1.1-A1`,
    contractId,
    ficheCode: '1.1',
    code: '1.1-A1',
    title: 'Accueillir les internes',
    pilots: ['CPTS'],
    partners: [],
    plannedYears: { years: [2025], uncertain: false },
    plannedDeliverables: [{ deliverableId: 'd1', title: 'Guide d’accueil' }],
  });
  expect(status).toBe(200);
  // The timeline finds a contract's streams in the audit_streams read model: once it has the action's.
  const head = (await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 100_000 })).at(-1);
  expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(head?.position ?? 0, 60_000)).toBe(true);
  await app.get(LogIndexKeeper).waitFor(head?.position ?? 0);
  return { app, base };
}

/**
 * The searches of the log (timeline, facets, causal chains), on the app at `server.base`;
 * `server.indexed` resolves once what the log holds can be searched (at once on PostgreSQL).
 */
function searchTests(server: { base: string; indexed: () => Promise<void> }) {
  it('lists the timeline newest first, filtered by actor and contract, page by page', async () => {
    const auditor = httpClient(server.base, password);
    await auditor.login('auditrice@exemple.fr');
    const { data } = await auditor.query('audit.timeline', { contractId, limit: 2 });
    const page = data as unknown as { events: Array<{ position: number; type: string }>; nextBefore: number };
    expect(page.events.map((event) => event.type)).toEqual(['ActionPlanned', 'FicheActionDefined']);
    const next = await auditor.query('audit.timeline', { contractId, limit: 10, before: page.nextBefore });
    expect((next.data as unknown as typeof page).events.map((event) => event.type)).toEqual([
      'AxisDefined',
      'ContractDrafted',
    ]);
    const evidence = (
      await auditor.query('audit.events', { positions: [page.events[1]?.position, page.events[0]?.position] })
    ).data as unknown as Array<{ type: string }>;
    expect(evidence.map((event) => event.type)).toEqual(['FicheActionDefined', 'ActionPlanned']);
    const facets = (await auditor.query('audit.facets')).data as unknown as {
      actors: Array<{ id: string; name: string }>;
    };
    expect(facets.actors.find((actor) => actor.id === 'coordinatrice')?.name).toBe('coordinatrice');
    const byCoordinator = await auditor.query('audit.timeline', { actorId: 'coordinatrice' });
    expect((byCoordinator.data as unknown as typeof page).events.map((event) => event.type)).toEqual([
      'ActionPlanned',
    ]);
  });

  it('filters the timeline by stream category and by day on either clock, each event with its contract', async () => {
    const auditor = httpClient(server.base, password);
    await auditor.login('auditrice@exemple.fr');
    type Page = { events: Array<{ type: string; contractId: string | null; recordedAt: string }> };
    const timeline = async (filter: Record<string, unknown>) =>
      ((await auditor.query('audit.timeline', filter)).data as unknown as Page).events;
    const ofContract = await timeline({ contractId });
    expect(ofContract.length).toBe(4);
    expect(ofContract.every((event) => event.contractId === contractId)).toBe(true);
    expect(await timeline({ category: 'action' })).toMatchObject([{ type: 'ActionPlanned', contractId }]);

    // Days are inclusive: the day the events were recorded holds them, the days around it none.
    const day = ofContract[0]?.recordedAt.slice(0, 10) ?? '';
    const shift = (days: number) => new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);
    const thatDay = ofContract.filter((event) => event.recordedAt.startsWith(day)).length;
    for (const time of ['recorded', 'occurred']) {
      expect(await timeline({ contractId, time, from: day, to: day })).toHaveLength(thatDay);
      expect(await timeline({ contractId, time, to: shift(-1) })).toEqual([]);
      expect(await timeline({ contractId, time, from: shift(1) })).toEqual([]);
    }
  });

  it('opens the causal chain of an event and a stream with the state after each event', async () => {
    const auditor = httpClient(server.base, password);
    await auditor.login('auditrice@exemple.fr');
    const timeline = (await auditor.query('audit.timeline', { type: 'AxisDefined' })).data as unknown as {
      events: Array<{ position: number; commandId: string }>;
    };
    const axis = timeline.events[0];
    const chain = (await auditor.query('audit.chain', { position: axis?.position })).data as unknown as {
      correlated: Array<{ commandId: string }>;
    };
    expect(chain.correlated.map((event) => event.commandId)).toEqual([axis?.commandId]);

    const stream = (await auditor.query('audit.stream', { stream: `contract-${contractId}` }))
      .data as unknown as {
      events: Array<{ revision: number; stateAfter: { axes?: Record<string, unknown> } }>;
    };
    expect(stream.events.map((event) => event.revision)).toEqual([0, 1, 2]);
    expect(Object.keys(stream.events[1]?.stateAfter.axes ?? {})).toEqual(['1']);
  });

  it('shows the commands a client sent as one batch (same correlation id) as one causal chain', async () => {
    const coordinator = httpClient(server.base, password);
    await coordinator.login('coordinatrice@exemple.fr');
    // The server issues the batch's correlation id; the client sends it back with each command.
    const begun = await coordinator.mutate('batch.begin', { label: 'Import CSV test' });
    const { correlationId } = begun.data as unknown as { correlationId: string };
    const batch = { 'x-cls-correlation-id': correlationId };
    for (const code of ['1.2', '1.3']) {
      const { status } = await coordinator.mutate(
        'contract.defineFicheAction',
        { contractId, code, axisCode: '1', title: `Fiche ${code}` },
        batch,
      );
      expect(status).toBe(200);
    }
    await server.indexed();
    const auditor = httpClient(server.base, password);
    await auditor.login('auditrice@exemple.fr');
    const { events } = (await auditor.query('audit.timeline', { type: 'FicheActionDefined', limit: 1 }))
      .data as unknown as { events: Array<{ position: number }> };
    const chain = (await auditor.query('audit.chain', { position: events[0]?.position })).data as unknown as {
      correlated: Array<{ correlationId: string; data: { code: string } }>;
    };
    expect(chain.correlated.map((event) => [event.correlationId, event.data.code])).toEqual([
      [correlationId, '1.2'],
      [correlationId, '1.3'],
    ]);
  });
}

describe('the audit: timeline, causal chains, streams, integrity, replay check', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let pool: Pool;
  const server = { base: '', indexed: async () => {} };
  const countEvents = async () =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n ?? 0;

  beforeAll(async () => {
    ({ app, base } = await auditedContract(database.url));
    server.base = base;
    pool = createPool(database.url, { max: 1 });
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  searchTests(server);

  it('refuses the audit to a coordinator, and any command to an auditor (403, nothing appended)', async () => {
    const coordinator = httpClient(base, password);
    await coordinator.login('coordinatrice@exemple.fr');
    expect((await coordinator.query('audit.timeline', {})).status).toBe(403);

    const auditor = httpClient(base, password);
    await auditor.login('auditrice@exemple.fr');
    const before = await countEvents();
    const refused = await auditor.mutate('contract.defineAxis', {
      contractId,
      code: '2',
      title: 'Prévention',
    });
    expect(refused.status).toBe(403);
    expect(refused.error?.message).toMatch(/auditeur/);
    expect(await countEvents()).toBe(before);
  });

  it('replays every read model into shadow tables: identical to the live ones', async () => {
    const auditor = httpClient(base, password);
    await auditor.login('auditrice@exemple.fr');
    const { data } = await auditor.mutate('audit.replayCheck');
    const check = data as unknown as { readModels: Array<{ name: string; identical: boolean }> };
    expect(check.readModels.length).toBeGreaterThan(5);
    expect(check.readModels.every((model) => model.identical)).toBe(true);
  });

  it('answers a contract as of a date, the diff between two dates, and the printable report', async () => {
    const auditor = httpClient(base, password);
    await auditor.login('auditrice@exemple.fr');
    const today = new Date().toISOString().slice(0, 10);
    const asOf = (await auditor.query('audit.asOf', { contractId, date: today, time: 'recorded' }))
      .data as unknown as {
      axes: Array<{ code: string }>;
      actions: Array<{ code: string }>;
    };
    expect(asOf.axes.map((axis) => axis.code)).toEqual(['1']);
    expect(asOf.actions.map((action) => action.code)).toEqual(['1.1-A1']);
    // In record time, the log knew nothing of it in 2020.
    const before = (await auditor.query('audit.asOf', { contractId, date: '2020-01-01', time: 'recorded' }))
      .data as unknown as typeof asOf;
    expect([before.axes, before.actions]).toEqual([[], []]);
    const diff = (
      await auditor.query('audit.diff', { contractId, from: '2020-01-01', to: today, time: 'recorded' })
    ).data as unknown as { events: unknown[] };
    expect(diff.events.length).toBeGreaterThan(3);

    const cookie = await auditor.cookie();
    const html = await fetch(`${base}/api/audit/report.html?contractId=${contractId}&year=2026`, {
      headers: { cookie },
    });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toMatch(/<html lang="fr"/);
    // A year before anything of the contract: said plainly, on the default clock as on the record one.
    for (const time of ['', '&time=recorded']) {
      const empty = (await (
        await fetch(`${base}/api/audit/report.json?contractId=${contractId}&year=1995${time}`, {
          headers: { cookie },
        })
      ).json()) as { time: string; nothingRecorded: string | null; sections: unknown[] };
      expect(empty.time).toBe(time ? 'recorded' : 'occurred');
      expect(empty.nothingRecorded).toMatch(/ce rapport n’a rien à dire de cette année\.$/);
      expect(empty.sections).toEqual([]);
    }
    expect((await fetch(`${base}/api/audit/report.csv?contractId=${contractId}&year=2026`)).status).toBe(401);
    expect(
      (await fetch(`${base}/api/audit/report.csv?contractId=${contractId}&year=abc`, { headers: { cookie } }))
        .status,
    ).toBe(400);
  });

  it('exports the log as NDJSON that the offline verifier accepts', async () => {
    const auditor = httpClient(base, password);
    await auditor.login('auditrice@exemple.fr');
    const response = await fetch(`${base}/api/audit/export.ndjson`, {
      headers: { cookie: await auditor.cookie() },
    });
    const text = await response.text();
    // One line per event, then the head the platform verified the log up to and signed.
    const lines = text.trim().split('\n');
    expect(lines.length).toBe((await countEvents()) + 1);
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({ signedHead: { position: lines.length - 1 } });
    const verified = await verifyNdjson(text, { densePositions: true });
    expect(verified.ok).toBe(true);
    const altered = text.replace('Accès aux soins', 'Accès aux soins (modifié)');
    expect((await verifyNdjson(altered, { densePositions: true })).brokenLink).toMatchObject({
      stream: `contract-${contractId}`,
      revision: 1,
    });
  });

  it('names the stream and revision of an event altered in PostgreSQL', async () => {
    const auditor = httpClient(base, password);
    await auditor.login('auditrice@exemple.fr');
    expect(((await auditor.mutate('audit.verify')).data as { ok: boolean }).ok).toBe(true);

    await pool.query(
      `UPDATE events SET data = '{"contractId":"cls-audit","code":"1","title":"Accès aux soins (modifié)"}'
        WHERE stream = $1 AND revision = 1`,
      [`contract-${contractId}`],
    );
    const { data } = await auditor.mutate('audit.verify');
    expect(data).toMatchObject({ ok: false, brokenLink: { stream: `contract-${contractId}`, revision: 1 } });
    expect((await auditor.query('audit.integrity')).data).toMatchObject({ ok: false });
    const health = (await (await fetch(`${base}/healthz`)).json()) as { integrity: unknown };
    expect(health.integrity).toMatchObject({
      ok: false,
      brokenLink: { stream: `contract-${contractId}`, revision: 1 },
    });
  });
});

describe('the audit of a log that cannot search itself (KurrentDB), through its index in PostgreSQL', () => {
  const database = useTestDatabase();
  let app: INestApplication | undefined;
  const server = {
    base: '',
    indexed: async () => {
      const store = app?.get<EventStore>(EVENT_STORE);
      await app?.get(LogIndexKeeper).waitFor((await store?.headPosition()) ?? 0);
    },
  };

  beforeAll(async () => {
    ({ app, base: server.base } = await auditedContract(database.url, () =>
      withoutSearch(PostgresEventStore.connect({ connectionString: database.url })),
    ));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  searchTests(server);
});
