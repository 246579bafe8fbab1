import { randomUUID } from 'node:crypto';
import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData, EMAIL_OF, IDS, login, provisionAccounts, trpcCall } from './testing/security.js';
import { startTestApp } from './testing/test-app.js';

/**
 * Attacks of the security review on sizes and identifiers, over HTTP: each was
 * accepted before (a 64 MB body parsed, a 10 MB event kept, an evaluation's id
 * squatted by another contract, another user's command id replayed).
 */
describe('bounded inputs and ids that cannot be squatted', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let pool: Pool;
  let admin: string;
  let coordinator: string;
  let otherCoordinator: string;
  const countEvents = async () =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n ?? 0;

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
    pool = createPool(database.url, { max: 1 });
    await provisionAccounts(app);
    admin = await login(base, EMAIL_OF.admin);
    coordinator = await login(base, EMAIL_OF.coordinator);
    otherCoordinator = await login(base, EMAIL_OF.otherCoordinator);
    await buildData(base, admin);
  });
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  it('refuses a body over 1 MB before reading it whole (413), appending nothing', async () => {
    const before = await countEvents();
    const objectives = Array.from({ length: 200 }, () => 'x'.repeat(10_000));
    const response = await trpcCall(
      base,
      'mutation',
      'contract.defineAxis',
      { contractId: IDS.contract, code: '9', title: 'Axe géant', objectives },
      { token: admin },
    );
    expect(response.status).toBe(413);
    expect(await countEvents()).toBe(before);
  });

  it('refuses, with the field, a list longer than its maximum', async () => {
    const response = await trpcCall(
      base,
      'mutation',
      'contract.defineAxis',
      {
        contractId: IDS.contract,
        code: '9',
        title: 'Axe',
        objectives: Array.from({ length: 51 }, () => 'x'),
      },
      { token: admin },
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('50 éléments au plus');
  });

  it('refuses an event larger than the log accepts (400 with the reason), appending nothing', async () => {
    const before = await countEvents();
    // 30 objectives of 10,000 characters: each field within its bounds, 300 kB together.
    const response = await trpcCall(
      base,
      'mutation',
      'contract.defineAxis',
      {
        contractId: IDS.contract,
        code: '8',
        title: 'Axe',
        objectives: Array.from({ length: 30 }, () => 'é'.repeat(5_000)),
      },
      { token: admin },
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/256 Kio/);
    expect(await countEvents()).toBe(before);
  });

  it('derives an evaluation’s id from its contract and year: another contract cannot take it first', async () => {
    // The other contract's coordinator names the evaluation the contract will need for 2026.
    const squat = await trpcCall(
      base,
      'mutation',
      'evaluation.open',
      { evaluationId: `${IDS.contract}.2026`, contractId: IDS.other, year: 2026 },
      { token: otherCoordinator },
    );
    expect(squat.status).toBe(200);
    expect((squat.body as { result: { data: { stream: string } } }).result.data.stream).toBe(
      `evaluation-${IDS.other}.2026`,
    );
    const real = await trpcCall(
      base,
      'mutation',
      'evaluation.open',
      { contractId: IDS.contract, year: 2026 },
      { token: coordinator },
    );
    expect(real.status).toBe(200);
    expect((real.body as { result: { data: { stream: string } } }).result.data.stream).toBe(
      `evaluation-${IDS.contract}.2026`,
    );
  });

  it('writes CSV that is safe to open: an offer named as a formula is text in /api/offers.csv', async () => {
    const name = '=HYPERLINK("http://x";"y")';
    const registered = await trpcCall(
      base,
      'mutation',
      'offer.register',
      {
        offerId: 'offre-formule',
        kind: 'msp',
        name,
        address: { line: '@SUM(1+1)', postcode: '34700', communeInsee: '34142', communeName: 'Lodève' },
        position: { lon: 3.31, lat: 43.73 },
        source: 'manual',
        verifiedOn: '2025-01-10',
      },
      { token: admin },
    );
    expect(registered.status).toBe(200);
    const position = (registered.body as { result: { data: { position: number } } }).result.data.position;
    let csv = '';
    for (let attempt = 0; attempt < 50 && !csv.includes('offre-formule'); attempt += 1) {
      const response = await fetch(`${base}/api/offers.csv`, {
        headers: { 'x-cls-min-position': String(position) },
      });
      csv = await response.text();
      if (!csv.includes('offre-formule')) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const line = csv.split('\r\n').find((row) => row.startsWith('offre-formule')) ?? '';
    expect(line).toContain(`"'=HYPERLINK(""http://x"";""y"")"`);
    expect(line).toContain(`'@SUM(1+1)`);
    // No cell of the file starts with a formula character (longitudes aside: plain numbers).
    const cells = csv.split('\r\n').flatMap((row) => row.split(','));
    expect(cells.filter((cell) => /^"?[=+@\t]/.test(cell) || /^"?-(?![\d.]+$)/.test(cell))).toEqual([]);
  });

  type Scheduled = { status: number; stream: string; position: number; appended: number };
  /** A meeting scheduled over HTTP by the holder of `token`, with a command id or a correlation header. */
  const schedule = async (
    token: string,
    meetingId: string,
    options: { commandId?: string; correlation?: string } = {},
  ): Promise<Scheduled> => {
    const response = await trpcCall(
      base,
      'mutation',
      'meeting.schedule',
      {
        ...(options.commandId ? { commandId: options.commandId } : {}),
        meetingId,
        contractId: IDS.contract,
        body: 'COPIL',
        title: 'COPIL',
        scheduledOn: '2026-04-01',
      },
      { token, headers: options.correlation ? { 'x-cls-correlation-id': options.correlation } : {} },
    );
    const data = (response.body as { result?: { data: Omit<Scheduled, 'status'> } }).result?.data;
    return { status: response.status, stream: '', position: 0, appended: 0, ...data };
  };

  it('issues correlation ids itself: a client’s x-cls-correlation-id is only a label unless the server gave it', async () => {
    const metadataAt = async ({ position }: Scheduled) =>
      (
        await pool.query<{ correlation_id: string; label: string | null }>(
          'SELECT correlation_id, label FROM events WHERE position = $1',
          [position],
        )
      ).rows[0];
    // Made up by the client (here the demo's own correlation): kept as a label, not as the correlation.
    const forged = await metadataAt(
      await schedule(coordinator, 'copil-etiquette', { correlation: 'demo-seeds' }),
    );
    expect(forged?.correlation_id).not.toBe('demo-seeds');
    expect(forged?.label).toBe('demo-seeds');
    // Issued by the server to this user: the commands of the batch share it, with its label.
    const begun = await trpcCall(
      base,
      'mutation',
      'batch.begin',
      { label: 'Import CSV avancement' },
      { token: coordinator },
    );
    const correlationId = (begun.body as { result: { data: { correlationId: string } } }).result.data
      .correlationId;
    expect(correlationId).toMatch(/^batch-/);
    for (const meetingId of ['copil-lot-1', 'copil-lot-2']) {
      expect(
        await metadataAt(await schedule(coordinator, meetingId, { correlation: correlationId })),
      ).toEqual({
        correlation_id: correlationId,
        label: 'Import CSV avancement',
      });
    }
    // Someone else's batch is not theirs to join.
    const other = await metadataAt(await schedule(admin, 'copil-intrus', { correlation: correlationId }));
    expect(other?.correlation_id).not.toBe(correlationId);
  });

  it('scopes a command id to its actor: another user’s id does not turn one’s command into a no-op', async () => {
    const commandId = randomUUID();
    expect(await schedule(admin, 'copil-admin', { commandId })).toMatchObject({ status: 200, appended: 1 });
    const before = await countEvents();
    expect(await schedule(coordinator, 'copil-coordination', { commandId })).toMatchObject({
      status: 200,
      stream: 'meeting-copil-coordination',
      appended: 1,
    });
    expect(await countEvents()).toBe(before + 1);
    // The coordinator's own retry is still answered with her first result.
    expect(await schedule(coordinator, 'copil-coordination', { commandId })).toMatchObject({
      status: 200,
      stream: 'meeting-copil-coordination',
      appended: 0,
    });
    expect(await countEvents()).toBe(before + 1);
  });
});
