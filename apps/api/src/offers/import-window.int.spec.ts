import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@cls/domain';
import type { EventStore, RecordedEvent } from '@cls/event-store';
import { madeUpPractitioner, RPPS_HEADER } from '@cls/offers';
import type { ProjectionRunner, ReadModelQueries } from '@cls/projections';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { withPersonalDataOpened } from '../personal-data/opened-read-models.js';
import { PersonalDataVault } from '../personal-data/vault.js';
import { PROJECTION_RUNNER, READ_MODELS } from '../projections/projections.module.js';
import { startTestApp } from '../testing/test-app.js';
import { executeImportCommand } from './import-commands.js';
import { FINESS_IMPORTER, importOffers } from './import-offers.js';
import { importPractitioners } from './import-practitioners.js';
import { etalabFile } from './testing/etalab-file.js';

/*
 * The importers send their commands a window at a time (CommandWindow): the log and the read
 * model they leave must be those of the import one command at a time — same events on every
 * stream, same command ids, same offers, same reports — on a first import and on a re-import
 * that changes, adds and closes offers.
 */

const COMMUNES = [
  'insee,name,departement,epci_siren,epci_name,postcodes,population,lon,lat',
  '11069,Carcassonne,11,200035715,CA Carcassonne Agglo,11000,46513,2.349380,43.210394',
  '34032,Béziers,34,243400017,CA Béziers Méditerranée,34500,80497,3.238046,43.347856',
  '34172,Montpellier,34,243400017,Montpellier Méditerranée Métropole,34000,299096,3.869222,43.613366',
].join('\n');

/** An Annuaire Santé extraction: practitioners `numbers`, every third one at two sites, `renamed` with another name. */
function rppsLines(numbers: number[], renamed: Set<number>): string[] {
  return numbers.flatMap((n) => {
    const rpps = String(10_000_000_000 + n);
    const site = (
      structure: string,
      commune: ['34032', '34500', 'BEZIERS'] | ['11069', '11000', 'CARCASSONNE'],
    ) =>
      madeUpPractitioner({
        rpps,
        lastName: renamed.has(n) ? `NOUVEAU${n}` : `PRATICIEN${n}`,
        firstName: 'CAMILLE',
        profession: n % 2 === 0 ? ['50', 'Sage-Femme'] : ['60', 'Infirmier'],
        structureId: structure,
        number: String(n),
        street: 'DE LA REPUBLIQUE',
        cedex: `${commune[1]} ${commune[2]}`,
        postcode: commune[1],
        communeCode: commune[0],
      });
    const lines = [site(`S${n}A`, ['34032', '34500', 'BEZIERS'])];
    if (n % 3 === 0) lines.push(site(`S${n}B`, ['11069', '11000', 'CARCASSONNE']));
    return lines;
  });
}

/** What a stream's events say, but the personal data sealed (their ciphertext differs each time). */
function streamsOf(events: RecordedEvent[]): Record<string, string[]> {
  const streams: Record<string, string[]> = {};
  for (const event of events) {
    const { practitioner: _, ...data } = event.data as Record<string, unknown>;
    const stream = streams[event.stream] ?? [];
    stream.push(JSON.stringify({ type: event.type, data, commandId: event.metadata.commandId }));
    streams[event.stream] = stream;
  }
  return streams;
}

describe('imports with commands in flight give what the one-at-a-time import gives', () => {
  const sequentialDb = useTestDatabase();
  const concurrentDb = useTestDatabase();
  let dataDir: string;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cls-import-window-'));
    mkdirSync(join(dataDir, 'geo'));
    writeFileSync(join(dataDir, 'geo/communes.csv'), COMMUNES);
    for (const database of [sequentialDb, concurrentDb])
      apps.push((await startTestApp(database.url, { OPEN_DATA_DIR: dataDir })).app);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const write = (name: string, text: string, encoding: 'latin1' | 'utf8') => {
    const path = join(dataDir, name);
    writeFileSync(path, text, encoding);
    return path;
  };
  const logOf = async (app: INestApplication) => {
    const events = await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 100_000 });
    expect(
      await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(events.at(-1)?.position ?? 0, 60_000),
    ).toBe(true);
    const queries = withPersonalDataOpened(
      app.get<ReadModelQueries>(READ_MODELS),
      app.get(PersonalDataVault),
    );
    const offers = (await queries.offers()).sort((a, b) => a.id.localeCompare(b.id));
    return { streams: streamsOf(events), offers };
  };

  it('first import and re-import (changed, added, closed): same events, same offers, same reports', async () => {
    const all = [...Array(60).keys()].map((n) => n + 1);
    const finessFirst = write(
      'etalab-cs1100507-stock-20261102-0336.csv',
      etalabFile('2026-11-02', all, new Set()),
      'latin1',
    );
    // A week later: 3 phones changed, 2 establishments gone (closed), 2 new ones.
    const later = [...all.filter((n) => n !== 7 && n !== 8), 61, 62];
    const finessLater = write(
      'etalab-cs1100507-stock-20261109-0336.csv',
      etalabFile('2026-11-09', later, new Set([2, 13, 26])),
      'latin1',
    );
    const rppsFirst = write(
      'PS_LibreAcces_Personne_activite_202611300908.txt',
      `${[RPPS_HEADER, ...rppsLines(all.slice(0, 40), new Set())].join('\n')}\n`,
      'utf8',
    );
    const rppsLater = write(
      'PS_LibreAcces_Personne_activite_202612070908.txt',
      `${[RPPS_HEADER, ...rppsLines([...all.slice(0, 40).filter((n) => n !== 5), 41], new Set([10]))].join('\n')}\n`,
      'utf8',
    );

    const reports = [];
    for (const [at, app] of apps.entries()) {
      const window = at === 0 ? 1 : 16;
      reports.push([
        await importOffers(app, finessFirst, { window }),
        await importPractitioners(app, rppsFirst, { window }),
        await importOffers(app, finessLater, { window }),
        await importPractitioners(app, rppsLater, { window }),
        // A second run of the same files appends nothing.
        await importOffers(app, finessLater, { window }),
        await importPractitioners(app, rppsLater, { window }),
      ]);
    }
    const [sequential, concurrent] = reports as [(typeof reports)[number], (typeof reports)[number]];
    expect(concurrent).toEqual(sequential);
    // The files did what they say, in both.
    expect(sequential[0]).toMatchObject({ added: 48, rejected: [{ line: 5 }] });
    expect(sequential[1]).toMatchObject({ added: 53 });
    expect(sequential[2]).toMatchObject({ added: 2, changed: 3, closed: 2 });
    expect(sequential[3]).toMatchObject({ added: 1, changed: 1, closed: 1 });
    for (const again of [sequential[4], sequential[5]])
      expect(again).toMatchObject({ added: 0, changed: 0, closed: 0 });

    const [one, many] = [await logOf(apps[0] as INestApplication), await logOf(apps[1] as INestApplication)];
    expect(Object.keys(many.streams).sort()).toEqual(Object.keys(one.streams).sort());
    for (const [stream, events] of Object.entries(one.streams)) expect(many.streams[stream]).toEqual(events);
    expect(many.offers.length).toBe(48 + 2 + 53 + 1);
    expect(many.offers).toEqual(one.offers);
  });

  it('two imports of one file at once append each offer once, and both report it added', async () => {
    const app = apps[1] as INestApplication;
    const numbers = [...Array(30).keys()].map((n) => n + 200);
    const file = write(
      'etalab-cs1100507-stock-20261116-0336.csv',
      etalabFile('2026-11-16', numbers, new Set()),
      'latin1',
    );
    const store = app.get<EventStore>(EVENT_STORE);
    const before = (await store.readAll({ fromPosition: 0, limit: 100_000 })).at(-1)?.position ?? 0;
    // Both plan every offer as new: the commands of one meet the other's already appended. Their
    // first windows (four commands each) are held until both are sent, so that neither plans
    // after the other's offers reached the read model, however the machine schedules them.
    const bus = app.get(CommandBus);
    const execute = bus.execute.bind(bus);
    let open = () => {};
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    let sent = 0;
    const held = vi.spyOn(bus, 'execute').mockImplementation(async (command) => {
      sent += 1;
      if (sent === 8) open();
      await opened;
      return execute(command);
    });
    const [one, other] = await Promise.all([
      importOffers(app, file, { window: 4 }),
      importOffers(app, file, { window: 4 }),
    ]).finally(() => held.mockRestore());
    for (const report of [one, other])
      expect(report).toMatchObject({ added: 24, changed: 0, rejected: [{ line: 5 }] });
    const appended = await store.readAll({ fromPosition: before, limit: 100_000 });
    const registered = appended.filter((event) => event.type === 'OfferRegistered');
    expect(registered.length).toBe(24);
    expect(new Set(registered.map((event) => event.stream)).size).toBe(24);
    // And nothing else twice: each command's events once.
    const commands = appended.map((event) => `${event.metadata.commandId}:${event.type}`);
    expect(new Set(commands).size).toBe(commands.length);
  });

  it('an import command that went through already is answered with its first result, not refused', async () => {
    const app = apps[1] as INestApplication;
    const bus = app.get(CommandBus);
    const store = app.get<EventStore>(EVENT_STORE);
    const command = {
      type: 'RegisterOffer',
      offerId: 'finess-349999999',
      source: 'finess',
      finess: '349999999',
      kind: 'msp',
      name: 'MSP DE L’ESSAI',
      address: { line: '1 rue de la République', postcode: '34000', communeName: 'Montpellier' },
      position: { lon: 3.87, lat: 43.61 },
      verifiedOn: '2026-11-16',
    };
    const metadata = { actor: FINESS_IMPORTER, commandId: 'essai-finess-349999999' };
    const count = async () => (await store.readStream('offer-finess-349999999')).length;
    await executeImportCommand(bus, command, metadata);
    expect(await count()).toBe(1);
    // Decided without the lookup, it is refused (the offer exists); asked again with it, its first result.
    await expect(executeImportCommand(bus, command, metadata)).resolves.toBeUndefined();
    // Under another command id, the same registration is the decider's refusal.
    await expect(
      executeImportCommand(bus, command, { ...metadata, commandId: 'autre-import' }),
    ).rejects.toBeInstanceOf(DomainError);
    expect(await count()).toBe(1);
  });
});
