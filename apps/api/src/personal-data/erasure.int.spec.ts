import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../accounts/provision.js';
import { httpClient } from '../testing/http-client.js';
import { startTestApp } from '../testing/test-app.js';

const password = 'un mot de passe assez long';
const contractId = 'cls-effacement';
const ERASED = '[donnée effacée]';

/** Everyone named in the scenario, by the part of their name least likely to appear elsewhere. */
const NAMES = ['Brindacier', 'Valadier', 'Durand', 'camille.durand@exemple.fr', 'Quillard', 'Tromelin'];

/** Every row of every table of the database as text (the log, the read models, the accounts…). */
async function everyRow(pool: Pool, schemas = '%'): Promise<string[]> {
  const { rows: tables } = await pool.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
        AND table_schema LIKE $1`,
    [schemas],
  );
  const texts: string[] = [];
  for (const table of tables) {
    const { rows } = await pool.query<{ row: string }>(
      `SELECT t::text AS row FROM "${table.schema}"."${table.name}" t`,
    );
    texts.push(...rows.map((row) => `${table.schema}.${table.name}: ${row.row}`));
  }
  return texts;
}

const naming = (texts: string[]) => texts.filter((text) => NAMES.some((name) => text.includes(name)));

describe('erasure: a person named anywhere (user, signer, attendee, pilot) is unreadable everywhere', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let pool: Pool;
  const admin = () => httpClient(base, password);
  let adminClient: ReturnType<typeof httpClient>;
  let auditor: ReturnType<typeof httpClient>;
  const actionId = `${contractId}.1.1-A1`;

  /** Once the read models include the admin's last command (the files read them without waiting). */
  const caughtUp = async () => expect((await adminClient.query('board.contracts')).status).toBe(200);
  /** A file of the audit (report, export) as the auditor downloads it. */
  const auditFile = async (path: string) => {
    const response = await fetch(`${base}${path}`, { headers: { cookie: await auditor.cookie() } });
    expect(response.status, path).toBe(200);
    return response.text();
  };
  const auditFiles = async () =>
    Promise.all([
      auditFile(`/api/audit/report.csv?contractId=${contractId}&year=2024&time=occurred`),
      auditFile(`/api/audit/report.html?contractId=${contractId}&year=2024&time=occurred`),
      auditFile(`/api/audit/report.json?contractId=${contractId}&year=2024&time=occurred`),
      auditFile('/api/audit/export.ndjson'),
    ]);
  /** What the admin and audit screens read, as JSON. */
  const screens = async () => {
    const read = async (client: ReturnType<typeof httpClient>, path: string, input?: unknown) => {
      const { status, data, error } = await client.query(path, input);
      expect(status, `${path} ${JSON.stringify(error)}`).toBe(200);
      return JSON.stringify(data);
    };
    return Promise.all([
      read(adminClient, 'board.users'),
      read(adminClient, 'board.meetings', { contractId }),
      read(adminClient, 'board.conventions', { contractId }),
      read(adminClient, 'board.action', { actionId }),
      read(adminClient, 'board.actions', { contractId }),
      read(auditor, 'audit.timeline', { limit: 200 }),
      read(auditor, 'audit.stream', { stream: `contract-${contractId}` }),
      read(auditor, 'audit.stream', { stream: 'meeting-copil-1' }),
      read(auditor, 'audit.asOf', { contractId, date: '2025-01-01' }),
      read(httpClient(base, password), 'portal.contract', { contractId }),
    ]);
  };

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
    pool = createPool(database.url, { max: 1 });
    await provisionUser(app, {
      userId: 'admin',
      email: 'admin@exemple.fr',
      displayName: 'Alice Admin',
      grants: [{ role: 'admin' }],
      password,
    });
    await provisionUser(app, {
      userId: 'auditrice',
      email: 'auditrice@exemple.fr',
      displayName: 'Aude Audit',
      grants: [{ role: 'auditor' }],
      password,
    });
    await provisionUser(app, {
      userId: 'camille',
      email: 'camille.durand@exemple.fr',
      displayName: 'Camille Durand',
      grants: [{ role: 'coordinator', contractId }],
      password,
    });
    adminClient = admin();
    await adminClient.login('admin@exemple.fr');
    auditor = httpClient(base, password);
    await auditor.login('auditrice@exemple.fr');
    const signer = { organisation: 'ARS Occitanie', signer: 'Octave Brindacier', signerId: 'person-octave' };
    for (const [path, input] of [
      [
        'contract.draft',
        {
          contractId,
          name: 'CLS à effacer',
          territory: { name: 'Lodévois', epci: [], communes: [] },
          period: { start: 2024, end: 2029 },
          parties: [signer, { organisation: 'Ville de Lodève' }],
        },
      ],
      ['contract.defineAxis', { contractId, code: '1', title: 'Accès aux soins' }],
      ['contract.defineFicheAction', { contractId, code: '1.1', axisCode: '1', title: 'Installer' }],
      [
        'action.plan',
        {
          actionId,
          contractId,
          ficheCode: '1.1',
          code: '1.1-A1',
          title: 'Accueillir les internes',
          pilots: ['CPTS'],
          // A pilot who is a person, not an organisation: no subject given, the command side gives one.
          pilotPersons: [{ name: 'Basile Tromelin' }],
          plannedYears: { years: [2025], uncertain: false },
        },
      ],
      [
        'contract.sign',
        { contractId, signedOn: '2024-03-01', signatories: [signer, { organisation: 'Ville de Lodève' }] },
      ],
      ['contract.defineGovernanceBody', { contractId, body: 'COPIL' }],
      [
        'meeting.schedule',
        {
          meetingId: 'copil-1',
          contractId,
          body: 'COPIL',
          title: 'COPIL de lancement',
          scheduledOn: '2024-05-02',
        },
      ],
      [
        'meeting.hold',
        {
          meetingId: 'copil-1',
          heldOn: '2024-05-02',
          attendees: [
            { name: 'Jeanne Valadier', organisation: 'CPTS' },
            // A user named as an attendee: sealed with her own key, erased with her.
            { name: 'Camille Durand', organisation: 'Pays', personId: 'camille' },
          ],
          decisions: ['Lancer le CLS'],
        },
      ],
      [
        'convention.draft',
        {
          conventionId: 'conv-effacement',
          contractId,
          title: 'Convention de partenariat',
          kind: 'convention',
          parties: ['ARS Occitanie', 'Ville de Lodève'],
        },
      ],
      [
        'convention.sign',
        {
          conventionId: 'conv-effacement',
          party: 'Ville de Lodève',
          signer: 'Hortense Quillard',
          signedOn: '2024-04-01',
        },
      ],
    ] as const) {
      const { status, error } = await adminClient.mutate(path, input);
      expect(status, `${path} ${JSON.stringify(error)}`).toBe(200);
    }
  });
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  it('keeps every name out of the log and the read models, and shows it opened to those who may read it', async () => {
    await caughtUp();
    expect(naming(await everyRow(pool, 'rm\\_%'))).toEqual([]);
    const { rows } = await pool.query<{ data: string }>('SELECT data::text FROM events');
    expect(naming(rows.map((row) => row.data))).toEqual([]);

    const meetings = (await adminClient.query('board.meetings', { contractId })).data as unknown as Array<{
      attendees: Array<{ name: string; personId: string }>;
    }>;
    expect(meetings[0]?.attendees.map((attendee) => attendee.name)).toEqual([
      'Jeanne Valadier',
      'Camille Durand',
    ]);
    const conventions = (await adminClient.query('board.conventions', { contractId }))
      .data as unknown as Array<{
      parties: Array<{ party: string; signer: string | null }>;
    }>;
    expect(conventions[0]?.parties.find((party) => party.party === 'Ville de Lodève')?.signer).toBe(
      'Hortense Quillard',
    );
    const action = (await adminClient.query('board.action', { actionId })).data as unknown as {
      pilots: string[];
      pilotPersons: Array<{ name: string }>;
    };
    expect(action.pilots).toEqual(['CPTS']);
    expect(action.pilotPersons.map((pilot) => pilot.name)).toEqual(['Basile Tromelin']);
    const stream = (await auditor.query('audit.stream', { stream: `contract-${contractId}` }))
      .data as unknown as {
      events: Array<{ type: string; data: { parties?: Array<{ signer?: string }> } }>;
    };
    expect(stream.events[0]?.data.parties?.[0]?.signer).toBe('Octave Brindacier');
    const [csv] = await auditFiles();
    expect(csv).toContain('Octave Brindacier');
    expect(csv).toContain('Hortense Quillard');
    const opened = (await screens()).join('\n');
    for (const name of [
      'Octave Brindacier',
      'Jeanne Valadier',
      'Camille Durand',
      'Hortense Quillard',
      'Basile Tromelin',
    ])
      expect(opened).toContain(name);
    // No screen ever shows a sealed value, and the public page of the contract names nobody.
    expect(opened).not.toContain('pii:');
    const portal = JSON.stringify(
      (await httpClient(base, password).query('portal.contract', { contractId })).data,
    );
    expect(naming([portal])).toEqual([]);
    expect(portal).not.toContain('pii:');
  });

  it('erases each of them by their subject: nowhere in the database, the screens, the reports or the export', async () => {
    const meetings = (await adminClient.query('board.meetings', { contractId })).data as unknown as Array<{
      attendees: Array<{ name: string; personId: string }>;
    }>;
    const conventions = (await adminClient.query('board.conventions', { contractId }))
      .data as unknown as Array<{
      parties: Array<{ party: string; signerId: string | null }>;
    }>;
    const action = (await adminClient.query('board.action', { actionId })).data as unknown as {
      pilotPersons: Array<{ personId: string }>;
    };
    const attendee = meetings[0]?.attendees.find((person) => person.name === 'Jeanne Valadier')?.personId;
    const conventionSigner = conventions[0]?.parties.find(
      (party) => party.party === 'Ville de Lodève',
    )?.signerId;
    const pilot = action.pilotPersons[0]?.personId;
    // Subjects the command side gave are people's, never a user's.
    for (const subject of [attendee, conventionSigner, pilot]) expect(subject).toMatch(/^person-/);

    // A mistyped password leaves the email in the login throttle's counters: the erasure takes it too.
    expect(
      (await httpClient(base, 'pas le bon mot de passe').login('camille.durand@exemple.fr')).status,
    ).toBe(401);
    const before = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n ?? 0;
    const erasedOn = new Date().toISOString().slice(0, 10);
    for (const subject of ['camille', 'person-octave', attendee, conventionSigner, pilot]) {
      const { status, error } = await adminClient.mutate('user.erase', { userId: subject, erasedOn });
      expect(status, `${subject} ${JSON.stringify(error)}`).toBe(200);
    }
    expect((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n).toBe(
      before + 5,
    );
    // Erased once: a second time is refused; a person nobody ever named is not found.
    expect((await adminClient.mutate('user.erase', { userId: 'person-octave', erasedOn })).status).toBe(409);
    expect((await adminClient.mutate('user.erase', { userId: 'person-inconnue', erasedOn })).status).toBe(
      404,
    );

    await caughtUp();
    expect(naming(await everyRow(pool))).toEqual([]);
    const files = await auditFiles();
    expect(naming(files)).toEqual([]);
    expect(files[0]).toContain(ERASED);
    const screensAfter = await screens();
    expect(naming(screensAfter)).toEqual([]);
    expect(screensAfter.join('\n')).not.toContain('pii:');
    const meetingsAfter = (await adminClient.query('board.meetings', { contractId }))
      .data as unknown as Array<{
      attendees: Array<{ name: string }>;
    }>;
    expect(meetingsAfter[0]?.attendees.map((person) => person.name)).toEqual([ERASED, ERASED]);
    // The account went with it, and every hash chain still holds.
    expect((await httpClient(base, password).login('camille.durand@exemple.fr')).status).toBe(401);
    expect((await adminClient.mutate('audit.verify')).data).toMatchObject({ ok: true });
  });
});
