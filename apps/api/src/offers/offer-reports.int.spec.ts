import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILT,
  buildData,
  EMAIL_OF,
  IDS,
  login,
  provisionAccounts,
  type RawResponse,
  trpcCall,
} from '../testing/security.js';
import { startTestApp } from '../testing/test-app.js';

/*
 * Issue 17, item 4: « Signaler une erreur ». A resident reports an error on an
 * offer without an account; the coordinators of the offer's territory check it
 * in their queue, then dismiss it with a reason or resolve it by updating the offer.
 */

type QueueItem = {
  reportId: string;
  topic: string;
  message: string;
  contact: string | null;
  offer: { id: string; phone: string | null; verifiedOn: string };
};

const dataOf = <Data>(response: RawResponse) => (response.body as { result: { data: Data } }).result.data;
const fieldErrorsOf = (response: RawResponse) =>
  (response.body as { error: { data: { fieldErrors?: Record<string, string[]> } } }).error.data.fieldErrors;

describe('« Signaler une erreur »: a resident’s report, its limit, the coordinators’ queue', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let pool: Pool;
  const tokens: Record<string, string> = {};
  let client = 0;
  /** A client address of its own (behind the trusted proxy): each test has its own budget of reports. */
  const from = () => ({ 'x-forwarded-for': `203.0.113.${++client}` });
  const countEvents = async () =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n ?? 0;
  const report = (input: unknown, headers = from()) =>
    trpcCall(base, 'mutation', 'portal.reportOfferError', input, { headers });
  const queue = async (token: string | undefined) =>
    trpcCall(base, 'query', 'reports.queue', undefined, { token });
  /** The queue once the read models show `reports` of them (they follow the log). */
  async function queueOnce(token: string, count: number): Promise<QueueItem[]> {
    for (let tries = 0; tries < 100; tries++) {
      const items = dataOf<QueueItem[]>(await queue(token));
      if (items.length === count) return items;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the queue never held ${count} reports`);
  }

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url, { TRUST_PROXY: 'loopback', REPORT_RATE_LIMIT: '3' }));
    pool = createPool(database.url, { max: 1 });
    await provisionAccounts(app);
    for (const role of ['admin', 'coordinator', 'otherCoordinator', 'pilot'] as const)
      tokens[role] = await login(base, EMAIL_OF[role]);
    // It includes a resident's report on the offer in Lodève (the coordinator's territory).
    await buildData(base, tokens.admin as string);
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  it('records a report as nobody’s account, its contact sealed, and shows it to the territory’s coordination only', async () => {
    const answer = await report({
      offerId: IDS.reportedOffer,
      topic: 'horaires',
      message: 'Fermé le samedi matin',
      contact: 'habitante@exemple.fr',
      siteWeb: '',
    });
    expect([answer.status, dataOf(answer)]).toEqual([200, { received: true }]);
    const { rows } = await pool.query<{ actor_id: string; actor_role: string; data: string }>(
      `SELECT actor_id, actor_role, data::text FROM events WHERE type = 'OfferErrorReported' ORDER BY position`,
    );
    expect(rows.map((row) => [row.actor_id, row.actor_role])).toEqual([
      ['public', 'public'],
      ['public', 'public'],
    ]);
    expect(rows[1]?.data).not.toContain('habitante@exemple.fr');

    const items = await queueOnce(tokens.coordinator as string, 2);
    expect(items.map((item) => [item.offer.id, item.topic, item.message, item.contact])).toEqual([
      [IDS.reportedOffer, 'telephone', 'Le numéro ne répond plus', null],
      [IDS.reportedOffer, 'horaires', 'Fermé le samedi matin', 'habitante@exemple.fr'],
    ]);
    expect(dataOf(await queue(tokens.otherCoordinator))).toEqual([]);
    expect((await queue(tokens.pilot)).status).toBe(403);
    expect((await queue(undefined)).status).toBe(401);

    // The portal's card and its search say a report is being checked.
    const card = await trpcCall(base, 'query', 'portal.offer', { id: IDS.reportedOffer });
    expect(dataOf<{ reportPending?: boolean }>(card).reportPending).toBe(true);
    const other = await trpcCall(base, 'query', 'portal.offer', { id: IDS.offer });
    expect(dataOf<{ reportPending?: boolean }>(other).reportPending).toBe(false);
  });

  it('erases a resident’s contact with their subject’s key: the queue then reads it erased', async () => {
    const { rows } = await pool.query<{ subject: string }>(
      `SELECT data->>'contactPersonId' AS subject FROM events
        WHERE type = 'OfferErrorReported' AND data->>'contactPersonId' IS NOT NULL`,
    );
    const [subject] = rows.map((row) => row.subject);
    expect(subject).toMatch(/^person-/);
    const erased = await trpcCall(
      base,
      'mutation',
      'user.erase',
      { userId: subject, erasedOn: '2026-12-03' },
      { token: tokens.admin },
    );
    expect(erased.status).toBe(200);
    const items = await queueOnce(tokens.coordinator as string, 2);
    expect(items.map((item) => item.contact)).toEqual([null, '[donnée effacée]']);
  });

  it('answers a bot that filled the hidden field as if accepted, and stores nothing', async () => {
    const before = await countEvents();
    const answer = await report({
      offerId: IDS.reportedOffer,
      topic: 'autre',
      message: 'Achetez nos montres',
      siteWeb: 'https://spam.example',
    });
    expect([answer.status, dataOf(answer)]).toEqual([200, { received: true }]);
    expect(await countEvents()).toBe(before);
  });

  it('refuses bad input with a French message per field, and an unknown offer with a 404, storing nothing', async () => {
    const before = await countEvents();
    const headers = from();
    const other = await report({ offerId: IDS.reportedOffer, topic: 'autre', message: '  ' }, headers);
    expect(other.status).toBe(400);
    expect(fieldErrorsOf(other)).toMatchObject({ message: ['décrivez ce qui est faux'] });
    const wrong = await report({ offerId: IDS.reportedOffer, topic: 'couleur', contact: 'demain' }, from());
    expect(wrong.status).toBe(400);
    expect(fieldErrorsOf(wrong)).toMatchObject({
      topic: ['choisissez ce qui est faux'],
      contact: ['contact : une adresse électronique ou un numéro de téléphone (ex. 06 12 34 56 78)'],
    });
    const unknown = await report({ offerId: 'offre-inconnue', topic: 'telephone' }, from());
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain('Offre offre-inconnue introuvable');
    expect(await countEvents()).toBe(before);
  });

  it('refuses a flood of reports from one address with a 429, its reason and Retry-After', async () => {
    const headers = from();
    const statuses: number[] = [];
    let refused: RawResponse | undefined;
    for (let n = 0; n < 6; n++) {
      const answer = await report({ offerId: IDS.offer, topic: 'adresse', message: `essai ${n}` }, headers);
      statuses.push(answer.status);
      if (answer.status === 429) refused = answer;
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(JSON.stringify(refused?.body)).toContain(
      'Au plus 3 signalements par heure depuis une même adresse : réessayez plus tard',
    );
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(3000);
    // Another address still may.
    expect((await report({ offerId: IDS.offer, topic: 'adresse', message: 'autre' })).status).toBe(200);
  });

  it('lets the territory’s coordination dismiss a report with a reason, or resolve it: the queue empties', async () => {
    const [first, second] = await queueOnce(tokens.coordinator as string, 2);
    expect(first?.reportId).toBe(BUILT.reportId);
    const dismiss = (reportId: string, reason: string, token: string | undefined) =>
      trpcCall(
        base,
        'mutation',
        'reports.dismiss',
        { reportId, reason, dismissedOn: '2026-12-03' },
        { token },
      );
    const noReason = await dismiss(BUILT.reportId, ' ', tokens.coordinator);
    expect([noReason.status, fieldErrorsOf(noReason)]).toEqual([400, { reason: ['motif requis'] }]);
    expect((await dismiss(BUILT.reportId, 'Le numéro est le bon', tokens.otherCoordinator)).status).toBe(403);
    expect((await dismiss(BUILT.reportId, 'Le numéro est le bon', tokens.coordinator)).status).toBe(200);
    expect((await dismiss(BUILT.reportId, 'Encore', tokens.coordinator)).status).toBe(409);

    // « Corriger la fiche »: the offer updated, then the report resolved.
    const update = await trpcCall(
      base,
      'mutation',
      'offer.update',
      { offerId: IDS.reportedOffer, changes: { phone: '04 67 44 00 00' }, verifiedOn: '2026-12-03' },
      { token: tokens.coordinator },
    );
    expect(update.status).toBe(200);
    const resolve = await trpcCall(
      base,
      'mutation',
      'reports.resolve',
      { reportId: second?.reportId, resolvedOn: '2026-12-03' },
      { token: tokens.coordinator },
    );
    expect(resolve.status).toBe(200);
    // What remains: the reports on the Montpellier offer, outside the coordinator's territory.
    expect(await queueOnce(tokens.coordinator as string, 0)).toEqual([]);
    const all = dataOf<QueueItem[]>(await queue(tokens.admin));
    expect(all.every((item) => item.offer.id === IDS.offer)).toBe(true);
    let card: unknown;
    for (let tries = 0; tries < 100; tries++) {
      card = dataOf(await trpcCall(base, 'query', 'portal.offer', { id: IDS.reportedOffer }));
      if ((card as { phone: string | null }).phone === '0467440000') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(card).toMatchObject({ reportPending: false, phone: '0467440000', verifiedOn: '2026-12-03' });
  });
});
