import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportJson, startOfFactDate } from '@cls/audit';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, defaultSharedDir, loadSeeds } from '@cls/demo';
import { isEventOf } from '@cls/domain';
import type { EventStore, RecordedEvent } from '@cls/event-store';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService } from '../accounts/accounts.service.js';
import { AuditService } from '../audit/audit.service.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { startTestApp } from '../testing/test-app.js';
import { type DemoLoadResult, isDemoLoaded, loadDemo } from './load-demo.js';

const sharedDir = defaultSharedDir();
const seeds = loadSeeds(sharedDir);
if (!seeds) console.log(`[api-host] demo replay test skipped: no seeds under ${sharedDir} (set SHARED_DIR).`);

describe.skipIf(!seeds)('the demo, replayed through the command handlers', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let store: EventStore;
  let all: RecordedEvent[];
  let places: DemoLoadResult['places'] | undefined;

  beforeAll(async () => {
    ({ app } = await startTestApp(database.url));
    store = app.get(EVENT_STORE);
    expect(await isDemoLoaded(app)).toBe(false);
    const first = await loadDemo(app, sharedDir);
    // One event per command of the plan: none refused, none skipped.
    expect(first?.appended).toBe(first?.commands);
    places = first?.places;
    all = await store.readAll({ limit: 100_000 });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('holds the Cœur d’Hérault 2024 contract as its seed file counts it', async () => {
    const contract = await store.readStream('contract-cls-coeur-herault-2024');
    const count = (type: string) => contract.filter((event) => event.type === type).length;
    expect(count('ContractDrafted')).toBe(1);
    expect(count('AxisDefined')).toBe(4);
    expect(count('FicheActionDefined')).toBe(15);
    const planned = all.filter(
      (event) =>
        event.type === 'ActionPlanned' &&
        (event.data as { contractId: string }).contractId === 'cls-coeur-herault-2024',
    );
    expect(planned).toHaveLength(42);
    expect(
      planned.flatMap((event) => (event.data as { plannedDeliverables: unknown[] }).plannedDeliverables),
    ).toHaveLength(84);
    expect(all.filter((event) => event.type === 'ConventionDrafted').map((event) => event.stream)).toContain(
      'convention-cls-ch-2024-annexe8-cpts',
    );
    expect(await isDemoLoaded(app)).toBe(true);
  });

  it('declares CPTS Centre Hérault over the 77 communes of its territory, verified on its source’s date, linked to no action', async () => {
    const cpts = await store.readStream('offer-cpts-centre-herault');
    expect(cpts.map((event) => event.type)).toEqual(['OfferRegistered', 'CoverageDeclared']);
    // Seed 000's last « Date de mise à jour » (26/07/24), not the day of the replay.
    expect(cpts[0]?.data).toMatchObject({
      kind: 'cpts',
      source: 'manual',
      name: 'CPTS Centre Hérault',
      verifiedOn: '2024-07-26',
    });
    expect(cpts[0]?.metadata.occurredAt).toBe('2024-07-26T00:00:00.000Z');
    expect((cpts[1]?.data as { communes?: string[] } | undefined)?.communes).toHaveLength(77);
    expect(all.some((event) => event.type === 'OfferLinkedToAction')).toBe(false);
  });

  it('holds the Cœur d’Hérault 2024 contract signed in 2024 (day unknown), its plan dated at that adoption', async () => {
    const contract = await store.readStream('contract-cls-coeur-herault-2024');
    const signed = contract.find((event) => event.type === 'ContractSigned');
    expect(signed?.data).toMatchObject({ signedOn: '2024-01-01', signedOnPrecision: 'year' });
    const plan = all.filter(
      (event) =>
        isEventOf(event, ['ContractDrafted', 'AxisDefined', 'FicheActionDefined', 'ActionPlanned']) &&
        event.data.contractId === 'cls-coeur-herault-2024',
    );
    expect(plan).toHaveLength(1 + 4 + 15 + 42);
    for (const event of plan) expect(event.metadata.occurredAt).toBe('2024-01-01T00:00:00.000Z');
    // Each fiche with what its seed gives (fiche 1.1: « Date de mise à jour : 08/06/24 », 4 expected results).
    const fiche = plan.find(
      (event) => isEventOf(event, ['FicheActionDefined'] as const) && event.data.code === '1.1',
    );
    expect(fiche?.data).toMatchObject({ updatedOn: '2024-06-08', updatedOnPrecision: 'day' });
    expect(
      fiche && isEventOf(fiche, ['FicheActionDefined'] as const) ? fiche.data.expectedResults : [],
    ).toHaveLength(4);
    // The audit as of mid-2024, on the business clock: the contract signed, its whole plan there.
    const snapshot = await app.get(AuditService).asOf({
      contractId: 'cls-coeur-herault-2024',
      date: '2024-06-30',
      time: 'occurred',
    });
    expect(snapshot?.contract.status).toBe('signed');
    expect(snapshot?.actions).toHaveLength(42);
  });

  it('holds the 2019-2023 contract as its report shows it: signed in 2019, signatories unknown, closed at the end of 2023', async () => {
    const contract = await store.readStream('contract-cls-coeur-herault-2019');
    const signed = contract.find((event) => event.type === 'ContractSigned');
    expect(signed?.data).toMatchObject({ signedOn: '2019-01-01', signatories: [], signatoriesUnknown: true });
    expect(contract.at(-1)?.type).toBe('ContractClosed');
    expect(contract.at(-1)?.metadata.occurredAt).toBe('2023-12-31T00:00:00.000Z');
  });

  it('dates each of the 37 facts of the 2019 report at its real business time, with its precision', async () => {
    const facts = (await store.readStream('contract-cls-coeur-herault-2019')).filter(
      (event) => event.type === 'FactRecorded',
    );
    expect(facts).toHaveLength(37);
    const aniane = facts.find((event) => (event.data as { factId: string }).factId === 'cdh2019-03');
    expect(aniane?.data).toMatchObject({ subject: 'MSP Aniane', date: '2018-10', precision: 'month' });
    expect(aniane?.metadata.occurredAt).toBe('2018-10-01T00:00:00.000Z');
    for (const fact of facts) expect(fact.metadata.occurredAt < fact.metadata.recordedAt).toBe(true);
  });

  it('registers the seeds’ named places FINESS does not list, at their commune’s centre, and says why the others are not', async () => {
    expect(places?.registered).toEqual(['caarud-groupe-sos-beziers', 'caarud-groupe-sos-montpellier']);
    expect(places?.skipped.find((place) => place.id === 'msp-lodeve')?.reason).toMatch(
      /^FINESS la recense déjà/,
    );
    const [registered] = await store.readStream('offer-lieu-caarud-groupe-sos-beziers');
    expect(registered?.data).toEqual({
      offerId: 'lieu-caarud-groupe-sos-beziers',
      source: 'manual',
      kind: 'caarud',
      name: 'CAARUD Béziers (Groupe SOS)',
      address: { line: '', communeInsee: '34032', communeName: 'Béziers' },
      position: { lon: 3.230739, lat: 43.347511 },
      // The commune's centre, said so (« position approximative (commune) »).
      positionPrecision: 'commune',
      verifiedOn: '2024-07-26',
    });
  });

  it('appends nothing when replayed again', async () => {
    const again = await loadDemo(app, sharedDir);
    expect(again?.appended).toBe(0);
    expect(await store.readAll({ limit: 100_000 })).toHaveLength(all.length);
    expect(await store.verifyAll()).toMatchObject({ ok: true });
  }, 120_000);

  it('opens a session for each demo account, with its role', async () => {
    const accounts = app.get(AccountsService);
    for (const account of DEMO_ACCOUNTS) {
      const { session } = await accounts.login(account.email, DEMO_PASSWORD, '127.0.0.1');
      expect(session.grants.map((grant) => grant.role)).toEqual(account.grants.map((grant) => grant.role));
    }
  });

  it('lets an auditor see the 2019 report: its facts at their real dates, and the contract as of 2019-12-31', async () => {
    const audit = app.get(AuditService);
    const history = JSON.parse(
      readFileSync(join(sharedDir, 'seeds/history-coeur-herault-2019.json'), 'utf8'),
    ) as Array<{
      id: string;
      date: string;
    }>;
    // The timeline shows each fact at the first day its date covers (business time).
    const timeline = await audit.timeline({
      contractId: 'cls-coeur-herault-2019',
      type: 'FactRecorded',
      limit: 200,
    });
    expect(timeline.events).toHaveLength(history.length);
    for (const event of timeline.events) {
      const fact = history.find((candidate) => candidate.id === (event.data as { factId: string }).factId);
      expect(event.occurredAt.slice(0, 10)).toBe(startOfFactDate(fact?.date ?? ''));
    }
    const snapshot = await audit.asOf({
      contractId: 'cls-coeur-herault-2019',
      date: '2019-12-31',
      time: 'occurred',
    });
    const known = history.filter((fact) => startOfFactDate(fact.date) <= '2019-12-31').map((fact) => fact.id);
    expect(snapshot?.facts.map((fact) => fact.factId).sort()).toEqual(known.sort());
    expect(known.length).toBeLessThan(history.length);

    // The same question twice, the same bytes.
    const first = await audit.report({ contractId: 'cls-coeur-herault-2024', year: 2025 });
    const second = await audit.report({ contractId: 'cls-coeur-herault-2024', year: 2025 });
    expect(first && reportJson(first)).toBe(second && reportJson(second));
  });
});
