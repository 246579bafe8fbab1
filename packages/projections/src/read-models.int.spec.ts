import { randomUUID } from 'node:crypto';
import { contractAsOf } from '@cls/audit';
import { handleCommand } from '@cls/commands';
import { personalDataInClear, stoppedClock } from '@cls/commands/testing';
import type { Command } from '@cls/domain';
import { MemoryEventStore } from '@cls/event-store';
import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PROJECTIONS, AuditStreams, liveSchema, ProjectionRunner, ReadModelQueries } from './index.js';
import { appendScenario } from './testing-scenario.js';

/** Sends commands after the scenario's, through the command side, as its coordinator. */
async function send(store: MemoryEventStore, commands: Command[]): Promise<void> {
  for (const command of commands) {
    await handleCommand(
      store,
      command,
      { actor: { id: 'coordinatrice', role: 'coordinator' }, commandId: randomUUID() },
      { clock: stoppedClock('2025-06-30T12:00:00.000Z'), sealer: personalDataInClear },
    );
  }
}

/** Action 2.1-A2, added to the signed plan by an avenant. */
const groupeDeParole = (contractId: string) => ({
  actionId: `${contractId}.2.1-A2`,
  ficheCode: '2.1',
  code: '2.1-A2',
  title: 'Action 2.1-A2 : groupe de parole',
  pilots: [],
  plannedYears: { years: [2025], uncertain: false },
  plannedDeliverables: [],
});

/** Beyond the scenario: 1.1-A1 completed, 2.1-A1 suspended, 2.1-A2 suspended then resumed. */
const endings = (contractId = 'cls-test'): Command[] => [
  { type: 'CompleteAction', actionId: `${contractId}.1.1-A1`, completedOn: '2025-06-30' },
  { type: 'StartAction', actionId: `${contractId}.2.1-A1`, startedOn: '2025-02-01' },
  {
    type: 'SuspendAction',
    actionId: `${contractId}.2.1-A1`,
    suspendedOn: '2025-05-01',
    reason: 'Départ du pilote',
  },
  // The contract is signed: 2.1-A2 joins the plan through an avenant, then is planned with its id
  // (as the avenant reactor sends it).
  {
    type: 'DraftAmendment',
    contractId,
    amendmentId: 'avenant-1',
    title: 'Avenant n°1',
    changes: [{ type: 'PlanAction', ...groupeDeParole(contractId) }],
  },
  { type: 'SignAmendment', contractId, amendmentId: 'avenant-1', party: 'ARS', signedOn: '2025-01-20' },
  { type: 'PlanAction', contractId, ...groupeDeParole(contractId), amendmentId: 'avenant-1' },
  { type: 'StartAction', actionId: `${contractId}.2.1-A2`, startedOn: '2025-02-01' },
  {
    type: 'SuspendAction',
    actionId: `${contractId}.2.1-A2`,
    suspendedOn: '2025-03-01',
    reason: 'Locaux fermés',
  },
  { type: 'StartAction', actionId: `${contractId}.2.1-A2`, startedOn: '2025-04-01' },
];

describe('read models, given the events of a contract', () => {
  const database = useTestDatabase();
  let pool: Pool;
  let runner: ProjectionRunner;
  let runnerStore: MemoryEventStore;
  const rows = async (projection: string, sql: string) => {
    const schema = await liveSchema(pool, projection);
    return (await pool.query(sql.replaceAll('{schema}', schema ?? 'missing'))).rows;
  };

  beforeAll(async () => {
    pool = createPool(database.url);
    const store = new MemoryEventStore();
    runnerStore = store;
    await appendScenario(store);
    runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS);
    await runner.start();
    expect(await runner.waitFor((await store.readAll({ limit: 1000 })).at(-1)?.position ?? 0, 10_000)).toBe(
      true,
    );
  });
  afterAll(async () => {
    await runner?.stop();
    await pool?.end();
  });

  it('contracts: the contract, its axes and fiches in order, its actions’ states', async () => {
    expect(
      await rows(
        'contracts',
        'SELECT contract_id, status, signed_on::text, period_start FROM {schema}.contracts',
      ),
    ).toEqual([{ contract_id: 'cls-test', status: 'signed', signed_on: '2024-03-15', period_start: 2024 }]);
    expect(await rows('contracts', 'SELECT code, ordinal FROM {schema}.axes ORDER BY ordinal')).toEqual([
      { code: '1', ordinal: 0 },
      { code: '2', ordinal: 1 },
    ]);
    expect(
      await rows(
        'contracts',
        'SELECT action_id, status, deliverables_planned, deliverables_produced FROM {schema}.actions ORDER BY action_id',
      ),
    ).toEqual([
      {
        action_id: 'cls-test.1.1-A1',
        status: 'in_progress',
        deliverables_planned: 2,
        deliverables_produced: 2,
      },
      { action_id: 'cls-test.2.1-A1', status: 'planned', deliverables_planned: 1, deliverables_produced: 0 },
    ]);
  });

  it('action board: status, axis, progress, dates, and a French full-text search', async () => {
    expect(
      await rows(
        'action_board',
        `SELECT action_id, axis_code, status, progress, percent_complete, started_on::text, deliverables_produced
           FROM {schema}.actions ORDER BY action_id`,
      ),
    ).toEqual([
      {
        action_id: 'cls-test.1.1-A1',
        axis_code: '1',
        status: 'in_progress',
        progress: 'delayed',
        percent_complete: 40,
        started_on: '2025-01-06',
        deliverables_produced: 2,
      },
      {
        action_id: 'cls-test.2.1-A1',
        axis_code: '2',
        status: 'planned',
        progress: null,
        percent_complete: null,
        started_on: null,
        deliverables_produced: 0,
      },
    ]);
    // "habitant" finds "habitants": French stemming.
    const found = await rows(
      'action_board',
      `SELECT action_id FROM {schema}.actions WHERE search @@ plainto_tsquery('french', 'habitant soin') ORDER BY action_id`,
    );
    expect(found).toHaveLength(2);
    expect(
      await rows(
        'action_board',
        `SELECT e.event->>'type' AS type FROM {schema}.timelines, json_array_elements(events::json) WITH ORDINALITY AS e (event, n)
          WHERE action_id = 'cls-test.1.1-A1' ORDER BY e.n`,
      ),
    ).toEqual([
      { type: 'ActionPlanned' },
      { type: 'ActionStarted' },
      { type: 'DeliverableProduced' },
      { type: 'DeliverableProduced' },
      { type: 'ProgressReported' },
    ]);
  });

  it('every read model has its query indexes once caught up', async () => {
    const { rows: checkpoints } = await pool.query(
      'SELECT name FROM projection_checkpoints WHERE indexes_pending ORDER BY name',
    );
    expect(checkpoints).toEqual([]);
    const expected = ALL_PROJECTIONS.flatMap(({ name, version, queryIndexesSql = '' }) =>
      [...queryIndexesSql.matchAll(/CREATE INDEX ON \{schema\}\.(\w+)/g)].map(
        (match) => `rm_${name}_v${version}.${match[1]}`,
      ),
    );
    expect(expected.length).toBeGreaterThan(10);
    const { rows: built } = await pool.query<{ table: string }>(
      `SELECT schemaname || '.' || tablename AS table FROM pg_indexes
        WHERE schemaname LIKE 'rm\\_%' AND indexname NOT LIKE '%pkey'`,
    );
    const tables = built.map((row) => row.table);
    for (const table of expected) expect(tables, table).toContain(table);
  });

  it('action board: a timeline past 2 kB is kept as written, not compressed', async () => {
    // Compressing each timeline as it grew cost a rebuild as much as writing it (issue 19).
    const schema = await liveSchema(pool, 'action_board');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const events = JSON.stringify(Array.from({ length: 100 }, () => ({ type: 'ProgressReported' })));
      await client.query(`INSERT INTO ${schema}.timelines (action_id, events) VALUES ('longue', $1)`, [
        events,
      ]);
      const { rows: stored } = await client.query(
        `SELECT octet_length(events) AS length, pg_column_compression(events) AS compression
           FROM ${schema}.timelines WHERE action_id = 'longue'`,
      );
      expect(stored).toEqual([{ length: events.length, compression: null }]);
      expect(events.length).toBeGreaterThan(2048);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('deliverables: planned ones, produced ones with their date, and the unplanned one', async () => {
    expect(
      await rows(
        'deliverables',
        'SELECT action_id, deliverable_id, planned, produced_on::text FROM {schema}.deliverables ORDER BY action_id, deliverable_id',
      ),
    ).toEqual([
      { action_id: 'cls-test.1.1-A1', deliverable_id: 'L1', planned: true, produced_on: '2025-03-14' },
      { action_id: 'cls-test.1.1-A1', deliverable_id: 'L2', planned: true, produced_on: null },
      { action_id: 'cls-test.1.1-A1', deliverable_id: 'X1', planned: false, produced_on: '2025-04-01' },
      { action_id: 'cls-test.2.1-A1', deliverable_id: 'L1', planned: true, produced_on: null },
    ]);
  });

  it('audit streams: the contract of every stream that names one', async () => {
    const streams = await rows(
      'audit_streams',
      'SELECT stream, contract_id FROM {schema}.streams ORDER BY stream',
    );
    const named = new Set(
      (await runnerStore.readAll({ limit: 1000 }))
        .filter((event) => typeof (event.data as { contractId?: unknown }).contractId === 'string')
        .map((event) => event.stream),
    );
    expect(streams.map((row) => row.stream)).toEqual([...named].sort());
    expect(streams.every((row) => row.contract_id === 'cls-test')).toBe(true);
    expect(streams.map((row) => row.stream)).toContain('action-cls-test.1.1-A1');

    // What the audit asks it: which streams to search, whose each event is.
    const auditStreams = new AuditStreams(pool);
    expect(await auditStreams.ofContract('cls-test')).toEqual(streams.map((row) => row.stream));
    expect(await auditStreams.ofContract('cls-inconnu')).toEqual([]);
    expect(await auditStreams.contractsOf(['action-cls-test.1.1-A1', 'user-inconnu'])).toEqual(
      new Map([['action-cls-test.1.1-A1', 'cls-test']]),
    );
    expect(await auditStreams.contractsOf([])).toEqual(new Map());
  });

  it('reports every projection live, at the head of the log, without lag', () => {
    expect(runner.status().map(({ name, status, lag }) => ({ name, status, lag }))).toEqual(
      ALL_PROJECTIONS.map(({ name }) => ({ name, status: 'live', lag: 0 })),
    );
  });
});

describe('read-model queries', () => {
  const database = useTestDatabase();
  let store: MemoryEventStore;
  let pool: Pool;
  let runner: ProjectionRunner;
  let queries: ReadModelQueries;

  beforeAll(async () => {
    pool = createPool(database.url);
    store = new MemoryEventStore();
    await appendScenario(store);
    // An MSP that action 1.1-A1 opened, and another no action did.
    const register = (offerId: string, name: string): Command => ({
      type: 'RegisterOffer',
      offerId,
      source: 'manual',
      kind: 'msp',
      name,
      address: { line: '1 place de la Mairie', communeName: 'Gignac' },
      position: { lon: 3.55, lat: 43.65 },
      verifiedOn: '2025-03-01',
    });
    await send(store, [
      register('msp-gignac', 'MSP de Gignac'),
      register('msp-aniane', 'MSP d’Aniane'),
      {
        type: 'LinkOfferToAction',
        offerId: 'msp-gignac',
        actionId: 'cls-test.1.1-A1',
        contractId: 'cls-test',
      },
      // What a coordinator says of the MSP of Aniane, then no longer vouches for (its publics).
      {
        type: 'UpdateOffer',
        offerId: 'msp-aniane',
        changes: {
          openingHours: 'Mo-Fr 08:30-12:00,14:00-18:00; PH off',
          publics: ['enfants', 'adultes'],
          access: ['sans_avance_de_frais'],
          languages: ['anglais'],
          wheelchair: true,
          teleconsultation: false,
          services: ['vaccination'],
          appointmentUrl: 'https://rdv.example.fr/aniane',
        },
        verifiedOn: '2025-04-01',
      },
      {
        type: 'UpdateOffer',
        offerId: 'msp-aniane',
        changes: {},
        remove: ['publics'],
        verifiedOn: '2025-04-02',
      },
    ]);
    runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS);
    await runner.start();
    await runner.waitFor((await store.readAll({ limit: 1000 })).at(-1)?.position ?? 0, 10_000);
    queries = new ReadModelQueries(pool);
  });
  afterAll(async () => {
    await runner?.stop();
    await pool?.end();
  });

  it('rolls progress up from actions to fiches and axes', async () => {
    const overview = await queries.contractOverview('cls-test');
    expect(
      overview?.axes.map((axis) => [axis.code, axis.progress, axis.fiches.map((fiche) => fiche.progress)]),
    ).toEqual([
      ['1', 0.5, [0.5]],
      ['2', 0, [0]],
    ]);
    expect(overview?.axes[0]).toMatchObject({
      actions: 1,
      counted: 1,
      completed: 0,
      byStatus: { in_progress: 1 },
    });
    expect(overview?.deliverablesByYear).toEqual([{ year: 2025, planned: 3, produced: 2 }]);
  });

  it('filters the action board and searches it in French', async () => {
    expect((await queries.actions({ contractId: 'cls-test' })).map((action) => action.code)).toEqual([
      '1.1-A1',
      '2.1-A1',
    ]);
    expect(
      (await queries.actions({ contractId: 'cls-test', status: 'in_progress' })).map((a) => a.code),
    ).toEqual(['1.1-A1']);
    expect((await queries.actions({ contractId: 'cls-test', axisCode: '2' })).map((a) => a.code)).toEqual([
      '2.1-A1',
    ]);
    expect((await queries.actions({ contractId: 'cls-test', search: 'habitant' })).length).toBe(2);
    expect((await queries.actions({ contractId: 'cls-test', search: 'vaccination' })).length).toBe(0);
  });

  it('gives a contract’s public page: its plan, what each action produced and the offers it opened', async () => {
    const page = await queries.publicContract('cls-test');
    expect(page).toMatchObject({ contractId: 'cls-test', name: 'CLS de test', status: 'signed' });
    expect(page?.axes.map((axis) => [axis.code, axis.fiches.map((fiche) => fiche.code)])).toEqual([
      ['1', ['1.1']],
      ['2', ['2.1']],
    ]);
    expect(page?.axes[0]?.fiches[0]?.actions).toEqual([
      {
        actionId: 'cls-test.1.1-A1',
        code: '1.1-A1',
        title: 'Action 1.1-A1 : accès aux soins des habitants',
        status: 'in_progress',
        plannedYears: [2024, 2025],
        deliverablesPlanned: 2,
        deliverablesProduced: [
          { title: 'Cartographie', producedOn: '2025-03-14', link: null },
          { title: 'Affiche', producedOn: '2025-04-01', link: null },
        ],
        offers: [{ id: 'msp-gignac', name: 'MSP de Gignac', kind: 'msp' }],
      },
    ]);
    expect(page?.axes[1]?.fiches[0]?.actions.map((action) => action.offers)).toEqual([[]]);
    expect(await queries.publicContract('inconnu')).toBeUndefined();
  });

  it('gives the offers an event changed after a position, with their links: linked, then updated', async () => {
    const events = await store.readAll({ limit: 1000 });
    const linked = events.find((event) => event.type === 'OfferLinkedToAction')?.position ?? 0;
    const changedSince = async (position: number) =>
      (await queries.offersChangedSince(position))?.map((offer) => [offer.id, offer.links.length]);
    expect(await changedSince(0)).toEqual([
      ['msp-aniane', 0],
      ['msp-gignac', 1],
    ]);
    expect(await changedSince(linked - 1)).toEqual([
      ['msp-aniane', 0],
      ['msp-gignac', 1],
    ]);
    // The MSP of Gignac's last change is its link; the MSP of Aniane was updated after it.
    expect(await changedSince(linked)).toEqual([['msp-aniane', 0]]);
    expect(await changedSince(await queries.offersRevision())).toEqual([]);
  });

  it('gives every offer with the actions it is a deliverable of, named', async () => {
    const offers = await queries.offers();
    expect(offers.map((offer) => [offer.id, offer.links])).toEqual([
      ['msp-aniane', []],
      [
        'msp-gignac',
        [
          {
            contractId: 'cls-test',
            contractName: 'CLS de test',
            actionId: 'cls-test.1.1-A1',
            actionCode: '1.1-A1',
            actionTitle: 'Action 1.1-A1 : accès aux soins des habitants',
          },
        ],
      ],
    ]);
  });

  it('gives an offer’s hours, access, languages… as coordinators entered them, and null once cleared', async () => {
    const aniane = (await queries.offers()).find((offer) => offer.id === 'msp-aniane');
    expect(aniane).toMatchObject({
      openingHours: 'Mo-Fr 08:30-12:00,14:00-18:00; PH off',
      publics: null,
      access: ['sans_avance_de_frais'],
      languages: ['anglais'],
      wheelchair: true,
      teleconsultation: false,
      services: ['vaccination'],
      appointmentUrl: 'https://rdv.example.fr/aniane',
      verifiedOn: '2025-04-02',
    });
  });

  it('gives an action with its timeline and deliverables', async () => {
    const action = await queries.action('cls-test.1.1-A1');
    expect(action?.timeline.map((entry) => entry.type)).toEqual([
      'ActionPlanned',
      'ActionStarted',
      'DeliverableProduced',
      'DeliverableProduced',
      'ProgressReported',
    ]);
    expect(
      action?.deliverables.map((deliverable) => [deliverable.deliverableId, deliverable.producedOn]),
    ).toEqual([
      ['L1', '2025-03-14'],
      ['L2', null],
      ['X1', '2025-04-01'],
    ]);
    expect(await queries.action('inconnue')).toBeUndefined();
  });
});

describe('governance read model', () => {
  const database = useTestDatabase();

  it('keeps who signed a convention when, meetings with their decisions, and indicator series', async () => {
    const pool = createPool(database.url);
    const store = new MemoryEventStore();
    await appendScenario(store);
    const by = { actor: { id: 'coordinatrice', role: 'coordinator' } };
    await store.append(
      'convention-cpts',
      [
        {
          type: 'ConventionDrafted',
          data: {
            conventionId: 'cpts',
            contractId: 'cls-test',
            title: 'Convention CPTS',
            kind: 'convention',
            parties: ['Pays', 'CPTS'],
            object: '',
          },
        },
        {
          type: 'ConventionSigned',
          // The signer's name as the log carries it: sealed with the key of its subject (opened by the host).
          data: {
            conventionId: 'cpts',
            party: 'pays',
            signedOn: '2024-06-20',
            signer: 'pii:v1:scellé',
            signerId: 'person-1',
          },
        },
      ],
      by,
    );
    await store.append(
      'meeting-copil',
      [
        {
          type: 'MeetingScheduled',
          data: {
            meetingId: 'copil',
            contractId: 'cls-test',
            body: 'COPIL',
            title: 'Bilan',
            scheduledOn: '2025-06-01',
          },
        },
        {
          type: 'MeetingHeld',
          data: {
            meetingId: 'copil',
            heldOn: '2025-06-01',
            attendees: [{ name: 'ARS' }],
            // Written before decisions had ids, owners and due dates: its text alone.
            decisions: ['Prolonger l’action 1.1-A1'],
          },
        },
      ],
      by,
    );
    await store.append(
      'contract-cls-test',
      [
        {
          type: 'GovernanceBodyDefined',
          data: { contractId: 'cls-test', body: 'COPIL', role: '', members: [], meetingsPerYear: 2 },
        },
        {
          type: 'GovernanceBodyDefined',
          data: { contractId: 'cls-test', body: 'Comité technique', role: 'Suivi', members: ['ARS'] },
        },
        {
          type: 'GovernanceBodyUpdated',
          data: {
            contractId: 'cls-test',
            body: 'COPIL',
            role: 'Pilotage',
            members: ['ARS', 'Pays'],
            meetingsPerYear: 1,
          },
        },
      ],
      { ...by, expectedRevision: 'any' },
    );
    await store.append(
      'meeting-cotech',
      [
        {
          type: 'MeetingScheduled',
          data: {
            meetingId: 'cotech',
            contractId: 'cls-test',
            body: 'Comité technique',
            title: 'Suivi',
            scheduledOn: '2025-09-01',
          },
        },
        {
          type: 'MeetingHeld',
          data: {
            meetingId: 'cotech',
            heldOn: '2025-09-01',
            attendees: [{ name: 'pii:v1:scellé', personId: 'person-2' }],
            decisions: [
              {
                decisionId: 'd1',
                text: 'Relancer la CPAM',
                owner: 'Pays',
                ownerPerson: 'pii:v1:scellé',
                ownerPersonId: 'person-3',
                dueOn: '2025-10-15',
                actionIds: ['cls-test.1.1-A1'],
              },
              { decisionId: 'd2', text: 'Valider le calendrier' },
            ],
          },
        },
        {
          type: 'DecisionFollowedUp',
          data: {
            meetingId: 'cotech',
            decisionId: 'd1',
            status: 'in_progress',
            on: '2025-09-10',
            comment: 'Courrier envoyé',
          },
        },
        {
          type: 'DecisionFollowedUp',
          data: { meetingId: 'cotech', decisionId: 'd2', status: 'done', on: '2025-09-12' },
        },
      ],
      by,
    );
    await store.append(
      'action-cls-test.1.1-A1',
      [
        {
          type: 'IndicatorMeasured',
          data: {
            actionId: 'cls-test.1.1-A1',
            indicator: 'Médecins installés',
            value: 3,
            period: { year: 2025 },
            measuredOn: '2025-12-31',
          },
        },
      ],
      by,
    );
    const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS);
    await runner.start();
    await runner.waitFor((await store.readAll({ limit: 1000 })).at(-1)?.position ?? 0, 10_000);
    const queries = new ReadModelQueries(pool);
    expect(await queries.conventions('cls-test')).toEqual([
      {
        conventionId: 'cpts',
        title: 'Convention CPTS',
        kind: 'convention',
        object: '',
        status: 'partially_signed',
        amendments: 0,
        amendmentList: [],
        terminatedOn: null,
        terminationReason: null,
        // Drafted (0), signed by one party (1): what its edit forms send as `expectedRevision`.
        revision: 1,
        parties: [
          { party: 'Pays', signer: 'pii:v1:scellé', signerId: 'person-1', signedOn: '2024-06-20' },
          { party: 'CPTS', signer: null, signerId: null, signedOn: null },
        ],
      },
    ]);
    const undecided = { owner: null, ownerPerson: null, ownerPersonId: null, dueOn: null, actionIds: [] };
    expect(await queries.meetings('cls-test')).toMatchObject([
      {
        meetingId: 'copil',
        status: 'held',
        heldOn: '2025-06-01',
        minutesLink: null,
        decisions: [
          {
            decisionId: 'd1',
            text: 'Prolonger l’action 1.1-A1',
            ...undecided,
            status: 'todo',
            statusOn: null,
            followUps: [],
          },
        ],
      },
      {
        meetingId: 'cotech',
        body: 'Comité technique',
        decisions: [
          {
            decisionId: 'd1',
            text: 'Relancer la CPAM',
            owner: 'Pays',
            ownerPerson: 'pii:v1:scellé',
            ownerPersonId: 'person-3',
            dueOn: '2025-10-15',
            actionIds: ['cls-test.1.1-A1'],
            status: 'in_progress',
            statusOn: '2025-09-10',
            followUps: [{ status: 'in_progress', on: '2025-09-10', comment: 'Courrier envoyé' }],
          },
          {
            decisionId: 'd2',
            ...undecided,
            status: 'done',
            followUps: [{ status: 'done', on: '2025-09-12', comment: null }],
          },
        ],
      },
    ]);
    expect(await queries.governanceBodies('cls-test')).toEqual([
      // Each with the revision of the contract's stream they are on: their edit forms' `expectedRevision`.
      { body: 'COPIL', role: 'Pilotage', members: ['ARS', 'Pays'], meetingsPerYear: 1, revision: 8 },
      { body: 'Comité technique', role: 'Suivi', members: ['ARS'], meetingsPerYear: null, revision: 8 },
    ]);
    // A measure named by its free label only (before the catalogue): the indicators read model lists it.
    expect(await queries.uncataloguedMeasures('cls-test')).toEqual([
      {
        label: 'Médecins installés',
        unit: null,
        years: [
          { year: 2025, total: 3, actions: [{ actionId: 'cls-test.1.1-A1', code: '1.1-A1', value: 3 }] },
        ],
      },
    ]);
    await runner.stop();
    await pool.end();
  });
});

describe('users read model', () => {
  const database = useTestDatabase();

  it('lists users with the roles they hold now', async () => {
    const pool = createPool(database.url);
    const store = new MemoryEventStore();
    const by = { actor: { id: 'admin', role: 'admin' } };
    await store.append(
      'user-camille',
      [
        {
          type: 'UserInvited',
          data: { userId: 'camille', email: 'camille@exemple.fr', displayName: 'Camille' },
        },
        { type: 'RoleGranted', data: { userId: 'camille', role: 'coordinator', scope: { contractId: 'a' } } },
        { type: 'RoleGranted', data: { userId: 'camille', role: 'coordinator', scope: { contractId: 'b' } } },
        { type: 'RoleRevoked', data: { userId: 'camille', role: 'coordinator', scope: { contractId: 'a' } } },
        // An ARS grant is told from another by its departments.
        {
          type: 'RoleGranted',
          data: { userId: 'camille', role: 'ars', scope: { departments: ['11', '34'] } },
        },
        { type: 'RoleGranted', data: { userId: 'camille', role: 'ars', scope: { departments: ['34'] } } },
        { type: 'RoleRevoked', data: { userId: 'camille', role: 'ars', scope: { departments: ['34'] } } },
      ],
      by,
    );
    const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS);
    await runner.start();
    await runner.waitFor(7, 10_000);
    expect(await new ReadModelQueries(pool).users()).toEqual([
      {
        userId: 'camille',
        email: 'camille@exemple.fr',
        displayName: 'Camille',
        grants: [
          { role: 'ars', contractId: '', actionId: '', departments: ['11', '34'] },
          { role: 'coordinator', contractId: 'b', actionId: '', departments: [] },
        ],
      },
    ]);
    await runner.stop();
    await pool.end();
  });
});

describe('the action board and the audit', () => {
  const database = useTestDatabase();

  it('agree on each action’s status, start and end (a suspended action has not ended)', async () => {
    const pool = createPool(database.url);
    const store = new MemoryEventStore();
    await appendScenario(store);
    await send(store, endings());
    const events = await store.readAll({ limit: 1000 });
    const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS);
    await runner.start();
    expect(await runner.waitFor(events.at(-1)?.position ?? 0, 10_000)).toBe(true);
    const board = await new ReadModelQueries(pool).actions({ contractId: 'cls-test' });
    const snapshot = contractAsOf(events, 'cls-test', {
      time: 'recorded',
      date: new Date().toISOString().slice(0, 10),
    });
    const summary = (action: {
      code: string;
      status: string;
      startedOn: string | null;
      endedOn: string | null;
    }) => ({
      code: action.code,
      status: action.status,
      startedOn: action.startedOn,
      endedOn: action.endedOn,
    });
    expect(board.map(summary)).toEqual([
      { code: '1.1-A1', status: 'completed', startedOn: '2025-01-06', endedOn: '2025-06-30' },
      { code: '2.1-A1', status: 'suspended', startedOn: '2025-02-01', endedOn: null },
      { code: '2.1-A2', status: 'in_progress', startedOn: '2025-02-01', endedOn: null },
    ]);
    expect(snapshot?.actions.map(summary)).toEqual(board.map(summary));
    await runner.stop();
    await pool.end();
  });
});

describe('indicator catalogue read model', () => {
  const database = useTestDatabase();

  it('aggregates each catalogue indicator per year by its rule, against its target: a rate is not added', async () => {
    const pool = createPool(database.url);
    const store = new MemoryEventStore();
    await appendScenario(store);
    const contractId = 'cls-test';
    const actionId = `${contractId}.1.1-A1`;
    const measure = (indicatorId: string, value: number, measuredOn: string): Command => ({
      type: 'MeasureIndicator',
      actionId,
      indicatorId,
      indicator: indicatorId,
      value,
      period: { year: 2025 },
      measuredOn,
    });
    const freeLabel = (indicator: string, value: number): Command & { type: 'MeasureIndicator' } => ({
      type: 'MeasureIndicator',
      actionId,
      indicator,
      value,
      period: { year: 2025 },
      measuredOn: '2025-06-30',
    });
    await send(store, [
      {
        type: 'DefineIndicator',
        contractId,
        indicatorId: 'medecins',
        ficheCode: '1.1',
        label: 'Nombre de médecins installés',
        unit: 'médecins',
        aggregation: 'sum',
        targets: [{ year: 2025, value: 10 }],
      },
      {
        type: 'DefineIndicator',
        contractId,
        indicatorId: 'taux',
        ficheCode: '1.1',
        label: 'Taux de dépistage',
        unit: '%',
        aggregation: 'latest',
        targets: [{ year: 2025, value: 50 }],
      },
      measure('medecins', 3, '2025-03-31'),
      measure('medecins', 4, '2025-06-30'),
      measure('taux', 40, '2025-03-31'),
      measure('taux', 45, '2025-06-30'),
      // Named by their free label only, as before the catalogue.
      { ...freeLabel('Participants aux ateliers', 12), unit: 'personnes' },
      freeLabel('Taux de participation', 40),
    ]);
    const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS);
    await runner.start();
    await runner.waitFor((await store.readAll({ limit: 1000 })).at(-1)?.position ?? 0, 10_000);
    const catalogue = await new ReadModelQueries(pool).indicatorCatalogue(contractId);
    expect(catalogue.map(({ indicatorId, kind, years }) => ({ indicatorId, kind, years }))).toEqual([
      { indicatorId: 'medecins', kind: null, years: [{ year: 2025, value: 7, target: 10, measures: 2 }] },
      { indicatorId: 'taux', kind: null, years: [{ year: 2025, value: 45, target: 50, measures: 2 }] },
    ]);
    // Outside the catalogue: each action's value; a total for counts only, never for a rate.
    const action = { actionId, code: '1.1-A1' };
    expect(await new ReadModelQueries(pool).uncataloguedMeasures(contractId)).toEqual([
      {
        label: 'Participants aux ateliers',
        unit: 'personnes',
        years: [{ year: 2025, total: 12, actions: [{ ...action, value: 12 }] }],
      },
      {
        label: 'Taux de participation',
        unit: null,
        years: [{ year: 2025, total: null, actions: [{ ...action, value: 40 }] }],
      },
    ]);
    await runner.stop();
    await pool.end();
  });
});
