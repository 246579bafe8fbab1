import { generateKeyPairSync } from 'node:crypto';
import { parseNdjson, type SignedHead, verifyNdjson } from '@cls/audit';
import type { RecordedEvent } from '@cls/event-store';
import { forgePostgresLog } from '@cls/event-store/forgery';
import { createPool } from '@cls/postgres';
import { createTestDatabase, type TestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { provisionUser } from '../accounts/provision.js';
import { httpClient } from '../testing/http-client.js';
import { startTestApp } from '../testing/test-app.js';

/*
 * A database administrator can change the events table as they like and, with
 * this repository's source, re-compute every hash so that each chain holds on
 * its own. What they cannot do is sign: the platform keeps the heads it signed
 * (and an auditor keeps the signed head of an earlier export), and a rewritten
 * history no longer passes through them.
 */

const password = 'un mot de passe assez long';
const contractId = 'cls-signe';
const keys = generateKeyPairSync('ed25519');
const LOG_SIGNING_KEY = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_KEY = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

type Integrity = {
  ok: boolean;
  brokenLink: { stream: string; revision: number; position: number; reason: string } | null;
  signedHead: SignedHead | null;
};

describe('tamper evidence: history rewritten in PostgreSQL, every hash re-computed', () => {
  const opened: Array<{ app: INestApplication; database?: TestDatabase }> = [];
  afterEach(async () => {
    for (const { app, database } of opened.splice(0).reverse()) {
      await app.close();
      await database?.drop();
    }
  });

  /** A platform on a fresh database, a contract drafted with two axes then an action planned. */
  async function platformWithALog() {
    const database = await createTestDatabase(inject('postgresServerUrl'));
    const { app, base } = await startTestApp(database.url, { LOG_SIGNING_KEY });
    opened.push({ app, database });
    for (const [userId, grant] of [
      ['admin', { role: 'admin' as const }],
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
          name: 'CLS signé',
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
      ['contract.defineAxis', { contractId, code: '2', title: 'Prévention' }],
      [
        'action.plan',
        {
          actionId: `${contractId}.1.1-A1`,
          contractId,
          ficheCode: '1.1',
          code: '1.1-A1',
          title: 'Accueillir les internes',
          pilots: ['CPTS'],
          partners: [],
          plannedYears: { years: [2025], uncertain: false },
          plannedDeliverables: [],
        },
      ],
    ] as const) {
      const { status, error } = await admin.mutate(path, input);
      expect(status, JSON.stringify(error)).toBe(200);
    }
    const auditor = httpClient(base, password);
    await auditor.login('auditrice@exemple.fr');
    const exportLog = async () =>
      (
        await fetch(`${base}/api/audit/export.ndjson`, { headers: { cookie: await auditor.cookie() } })
      ).text();
    const verify = async () => (await auditor.mutate('audit.verify')).data as unknown as Integrity;
    return { database, base, auditor, exportLog, verify };
  }

  /** The signed head an export ends with. */
  const signedHeadOf = (ndjson: string) => parseNdjson(ndjson).signedHead;

  it('signs the head of an intact log at each check and in each export; serves its public key', async () => {
    const { base, exportLog, verify } = await platformWithALog();
    const checked = await verify();
    expect(checked).toMatchObject({ ok: true, brokenLink: null });
    expect(checked.signedHead).toMatchObject({ position: expect.any(Number), globalHash: /^[0-9a-f]{64}$/ });
    const served = await fetch(`${base}/api/audit/public-key`);
    expect(served.headers.get('content-type')).toMatch(/application\/x-pem-file/);
    expect(await served.text()).toBe(PUBLIC_KEY);

    const exported = await exportLog();
    const verification = await verifyNdjson(exported, { densePositions: true, publicKeys: [keys.publicKey] });
    expect(verification).toMatchObject({ ok: true, signature: 'valid', unsignedTail: 0 });
    expect(signedHeadOf(exported)?.position).toBe(verification.result.events);
  });

  it('deletes the last event of a stream and renumbers the positions after it: refused by the platform and by the offline verifier', async () => {
    const { database, verify, exportLog } = await platformWithALog();
    expect((await verify()).ok).toBe(true);
    const before = await exportLog();

    // The contract's last event (axis 2), followed by the action's: gone, the action moved down one position.
    await forgePostgresLog(database.url, (events) => {
      const contract = events.filter((event) => event.stream === `contract-${contractId}`);
      const last = contract.at(-1) as RecordedEvent;
      return events
        .filter((event) => event !== last)
        .map((event) =>
          event.position > last.position ? { ...event, position: event.position - 1 } : event,
        );
    });

    const integrity = await verify();
    expect(integrity).toMatchObject({
      ok: false,
      brokenLink: { reason: expect.stringMatching(/tête signée.*position \d+/) },
      signedHead: null,
    });
    await expectRefusedEverywhere(exportLog, before);
  });

  it('edits an event and re-computes its stream’s hashes and the global chain: refused by the platform, also after a restart, and by the offline verifier', async () => {
    const { database, verify, exportLog } = await platformWithALog();
    expect((await verify()).ok).toBe(true);
    const before = await exportLog();

    await forgePostgresLog(database.url, (events) =>
      events.map((event) =>
        event.stream === `contract-${contractId}` && event.revision === 1
          ? { ...event, data: { ...(event.data as object), title: 'Accès aux soins (réécrit)' } }
          : event,
      ),
    );

    expect(await verify()).toMatchObject({
      ok: false,
      brokenLink: { reason: expect.stringMatching(/tête signée.*réécrit/) },
    });
    // Another process (a replica, a restart) reads the heads kept in the database.
    const { app, base } = await startTestApp(database.url, { LOG_SIGNING_KEY });
    opened.push({ app });
    const auditor = httpClient(base, password);
    await auditor.login('auditrice@exemple.fr');
    expect((await auditor.mutate('audit.verify')).data).toMatchObject({ ok: false });
    await expectRefusedEverywhere(exportLog, before);
  });

  it('also deletes the signed heads kept in the database: the running platform still has the last it signed', async () => {
    const { database, verify } = await platformWithALog();
    const signed = await verify();
    const pool = createPool(database.url, { max: 1 });
    await pool.query('DELETE FROM signed_heads');
    await pool.end();
    expect(await verify()).toMatchObject({
      ok: false,
      brokenLink: {
        position: signed.signedHead?.position,
        reason: expect.stringMatching(/supprimée de la table signed_heads/),
      },
      signedHead: null,
    });
    await forgePostgresLog(database.url, (events) =>
      events.map((event) =>
        event.stream === `contract-${contractId}` && event.revision === 1
          ? { ...event, data: { ...(event.data as object), title: 'Accès aux soins (réécrit)' } }
          : event,
      ),
    );
    // The table is empty: only the head this process remembers is left to catch the rewrite.
    expect(await verify()).toMatchObject({
      ok: false,
      brokenLink: { reason: expect.stringMatching(/chaîne globale différente de la tête signée/) },
    });
  });

  it('puts a signed head covering the events read in every annual report (JSON, CSV, HTML)', async () => {
    const { base, auditor } = await platformWithALog();
    const cookie = await auditor.cookie();
    // This year's: the events were recorded today, and the report reads the log in record time (asked: the default is business dates).
    const query = `contractId=${contractId}&year=${new Date().getFullYear()}&time=recorded`;
    // The report finds the contract's streams through the audit_streams read model: wait until it has caught up.
    await expect
      .poll(
        async () => (await fetch(`${base}/api/audit/report.json?${query}`, { headers: { cookie } })).status,
      )
      .toBe(200);
    const response = await fetch(`${base}/api/audit/report.json?${query}`, { headers: { cookie } });
    const json = (await response.json()) as { source: { lastPosition: number }; signedHead: SignedHead };
    expect(response.status, JSON.stringify(json)).toBe(200);
    expect(json.signedHead.position).toBeGreaterThanOrEqual(json.source.lastPosition);
    const again = (await (
      await fetch(`${base}/api/audit/report.json?${query}`, { headers: { cookie } })
    ).json()) as {
      signedHead: SignedHead;
    };
    // The same log, the same bytes: the earliest head covering the report is reused.
    expect(again.signedHead).toEqual(json.signedHead);
    const csv = await (await fetch(`${base}/api/audit/report.csv?${query}`, { headers: { cookie } })).text();
    expect(csv).toContain(json.signedHead.signature);
    const html = await (
      await fetch(`${base}/api/audit/report.html?${query}`, { headers: { cookie } })
    ).text();
    expect(html).toMatch(/<footer>[\s\S]*Tête signée du journal[\s\S]*<\/footer>/);
    expect(html).toContain(json.signedHead.signature);
  });
});

/**
 * After the rewrite, the platform signs nothing: the export says why instead of a
 * signed head. The offline verifier finds the export taken before intact and
 * signed; the one taken after, checked against the earlier export's signed head,
 * broken.
 */
async function expectRefusedEverywhere(exportLog: () => Promise<string>, before: string) {
  const earlierHead = parseNdjson(before).signedHead;
  expect(earlierHead).toMatchObject({ globalHash: /^[0-9a-f]{64}$/ });
  const after = await exportLog();
  const trailer = JSON.parse(after.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
  expect(trailer).toMatchObject({ signedHead: null, refused: expect.stringMatching(/tête signée/) });

  expect(await verifyNdjson(before, { densePositions: true, publicKeys: [keys.publicKey] })).toMatchObject({
    ok: true,
    signature: 'valid',
  });
  const checked = await verifyNdjson(after, {
    densePositions: true,
    publicKeys: [keys.publicKey],
    expectHeads: earlierHead ? [earlierHead] : [],
  });
  expect(checked.ok).toBe(false);
  expect(checked.brokenLink?.reason).toMatch(/tête signée en position/);
}
