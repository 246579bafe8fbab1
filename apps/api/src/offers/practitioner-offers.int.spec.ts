import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@cls/event-store';
import type { ProjectionRunner } from '@cls/projections';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainCommand } from '../commands/domain-command.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PROJECTION_RUNNER } from '../projections/projections.module.js';
import { trpcCall } from '../testing/security.js';
import { startTestApp } from '../testing/test-app.js';

// Béziers's centre, as the open data's communes.csv gives it.
const COMMUNES = [
  'insee,name,departement,epci_siren,epci_name,postcodes,population,lon,lat',
  '34032,Béziers,34,243400017,CA Béziers Méditerranée,34500,80497,3.238046,43.347856',
].join('\n');
const beziers = { lon: 3.238046, lat: 43.347856 };
const ADMIN = { id: 'import-rpps-test', role: 'admin' };

/** A made-up liberal sage-femme at her practice in Béziers, placed at the commune's centre. */
const registration = {
  type: 'RegisterOffer',
  offerId: 'rpps-10000000001-test',
  source: 'rpps',
  rpps: '10000000001',
  practitioner: { name: 'Camille Exemple' },
  kind: 'sage_femme',
  name: 'Sage-femme',
  address: { line: '', postcode: '34500', communeInsee: '34032', communeName: 'Béziers' },
  position: beziers,
  positionPrecision: 'commune',
  practice: { profession: { code: '50', label: 'Sage-Femme' }, mode: 'liberal' },
  verifiedOn: '2026-11-30',
};

interface Found {
  id: string;
  practitioner?: string | null;
  practice?: { profession: { code: string } } | null;
  positionPrecision?: string | null;
}

describe('a practitioner’s offer: the name sealed in the log, opened for the portal, erasable', () => {
  const database = useTestDatabase();
  let dataDir: string;
  let app: INestApplication;
  let base: string;

  const caughtUp = async () => {
    const head = (await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 100_000 })).at(-1);
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(head?.position ?? 0, 60_000)).toBe(
      true,
    );
  };
  /**
   * The portal's sages-femmes around Béziers once `expected` holds of them. The portal's index is
   * rebuilt from the read model after it moves (and a new version of the read model goes live just
   * after it caught up), so a search right after the catch-up may still answer from the previous
   * index: asked again, for up to 30 s, until it shows what the log says. A portal that never
   * shows it still fails, with its last answer.
   */
  const sagesFemmes = async (expected: (found: Found[]) => boolean) => {
    let last: { status: number; results: Found[] } = { status: 0, results: [] };
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const { status, body } = await trpcCall(base, 'query', 'portal.search', {
        center: beziers,
        kinds: ['sage_femme'],
      });
      last = {
        status,
        results:
          status === 200 ? (body as { result: { data: { results: Found[] } } }).result.data.results : [],
      };
      if (status === 200 && expected(last.results)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(last.status).toBe(200);
    return last.results;
  };
  const execute = (command: { type: string } & Record<string, unknown>, id: string) =>
    app.get(CommandBus).execute(new DomainCommand(command, { actor: ADMIN, commandId: id }));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cls-practitioners-'));
    mkdirSync(join(dataDir, 'geo'));
    writeFileSync(join(dataDir, 'geo/communes.csv'), COMMUNES);
    ({ app, base } = await startTestApp(database.url, { OPEN_DATA_DIR: dataDir }));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seals the practitioner’s name with the subject of their RPPS number, and the portal reads it opened', async () => {
    await execute(registration, 'register-sage-femme');
    const events = await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 100 });
    const registered = events.find((event) => event.type === 'OfferRegistered');
    expect(JSON.stringify(registered?.data)).not.toContain('Camille');
    expect(registered?.data).toMatchObject({ practitioner: { personId: 'person-rpps-10000000001' } });

    await caughtUp();
    expect(await sagesFemmes((found) => found.length > 0)).toMatchObject([
      {
        id: 'rpps-10000000001-test',
        practitioner: 'Camille Exemple',
        practice: { profession: { code: '50' } },
        positionPrecision: 'commune',
      },
    ]);
  });

  it('keeps the offer once the practitioner is erased: the name reads erased', async () => {
    await execute(
      { type: 'ErasePersonalData', userId: 'person-rpps-10000000001', erasedOn: '2026-12-01' },
      'erase',
    );
    await caughtUp();
    expect(await sagesFemmes((found) => found[0]?.practitioner !== 'Camille Exemple')).toMatchObject([
      {
        id: 'rpps-10000000001-test',
        practitioner: '[donnée effacée]',
        practice: { profession: { code: '50' } },
      },
    ]);
  });
});
