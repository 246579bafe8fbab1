import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@cls/event-store';
import { madeUpPractitioner, REAL_RPPS_LINES, RPPS_HEADER } from '@cls/offers';
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
import { importPractitioners } from './import-practitioners.js';
import { describeImportReport } from './import-report.js';

// Centres of ../shared/data/geo/communes.csv.
const COMMUNES = [
  'insee,name,departement,epci_siren,epci_name,postcodes,population,lon,lat',
  '11069,Carcassonne,11,200035715,CA Carcassonne Agglo,11000,46513,2.349380,43.210394',
  '34032,Béziers,34,243400017,CA Béziers Méditerranée,34500,80497,3.238046,43.347856',
  '34301,Sète,34,200066355,CA Sète Agglopôle Méditerranée,34200,44558,3.654593,43.391928',
].join('\n');
const beziers = { lon: 3.238046, lat: 43.347856 };

// Made-up practitioners (the Annuaire Santé's layout, invented people), beside real lines.
const sageFemme = (rpps: string, lastName: string, site: Partial<Parameters<typeof madeUpPractitioner>[0]>) =>
  madeUpPractitioner({
    rpps,
    lastName,
    firstName: 'CAMILLE',
    profession: ['50', 'Sage-Femme'],
    structureId: `C${rpps}${site.postcode ?? ''}`,
    cedex: '34500 BEZIERS',
    postcode: '34500',
    communeCode: '34032',
    communeName: 'Béziers',
    ...site,
  });
const LINES = {
  exempleBeziers: sageFemme('10000000001', 'EXEMPLE', { street: 'DE LA REPUBLIQUE', structureId: 'C1' }),
  exempleSete: sageFemme('10000000001', 'EXEMPLE', {
    structureId: 'C2',
    cedex: '34200 SETE',
    postcode: '34200',
    communeCode: '',
    communeName: '',
  }),
  modeleBeziers: sageFemme('10000000002', 'MODELE', { structureId: 'C3' }),
  salariedBeziers: sageFemme('10000000003', 'SALARIEE', { structureId: 'C4', mode: 'S' }),
  nurseBeziers: madeUpPractitioner({
    rpps: '10000000004',
    lastName: 'SOIGNANT',
    firstName: 'ALEX',
    profession: ['60', 'Infirmier'],
    structureId: 'C5',
    cedex: '34500 BEZIERS',
    postcode: '34500',
    communeCode: '34032',
  }),
  carcassonne: sageFemme('10000000005', 'AUDOISE', {
    structureId: 'C6',
    cedex: '11000 CARCASSONNE',
    postcode: '11000',
    communeCode: '11069',
  }),
};

interface Found {
  id: string;
  name: string;
  kind: string;
  commune: string;
  practitioner?: string | null;
  positionPrecision?: string | null;
}

describe('importPractitioners: the Annuaire Santé extraction through the command side', () => {
  const database = useTestDatabase();
  let dataDir: string;
  let app: INestApplication;
  let base: string;
  const file = (name: string, lines: string[]) => {
    const path = join(dataDir, name);
    writeFileSync(path, `${[RPPS_HEADER, ...lines].join('\n')}\n`);
    return path;
  };
  const eventCount = async () =>
    (await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 100_000 })).length;
  const caughtUp = async () => {
    const head = (await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 100_000 })).at(-1);
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(head?.position ?? 0, 60_000)).toBe(
      true,
    );
  };
  const nearest = async (kind: string) => {
    for (const deadline = Date.now() + 30_000; ; ) {
      const { status, body } = await trpcCall(base, 'query', 'portal.search', {
        center: beziers,
        kinds: [kind],
      });
      if (status === 200 || Date.now() > deadline) {
        expect(status).toBe(200);
        return (body as { result: { data: { results: Found[] } } }).result.data.results;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cls-rpps-'));
    mkdirSync(join(dataDir, 'geo'));
    writeFileSync(join(dataDir, 'geo/communes.csv'), COMMUNES);
    ({ app, base } = await startTestApp(database.url, { OPEN_DATA_DIR: dataDir }));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds the liberal sites, leaves the rest out, reports a malformed line, and a second run appends nothing', async () => {
    const cut = LINES.modeleBeziers.split('|').slice(0, 20).join('|');
    const extraction = file('PS_LibreAcces_Personne_activite_202611300908.txt', [
      LINES.exempleBeziers,
      LINES.exempleSete,
      LINES.modeleBeziers,
      LINES.salariedBeziers,
      LINES.nurseBeziers,
      REAL_RPPS_LINES.salariedGeneralist,
      REAL_RPPS_LINES.liberalSpeechTherapist,
      cut,
      LINES.carcassonne,
    ]);
    const first = await importPractitioners(app, extraction);
    expect(first).toMatchObject({
      verifiedOn: '2026-11-30',
      read: { count: 9 },
      ignored: { count: 3 },
      added: 5,
      changed: 0,
      closed: 0,
      rejected: [{ line: 9, reason: '20 champs au lieu de 53 (ligne coupée ou « | » en trop)' }],
    });
    expect(describeImportReport(first)).toContain('5 offres ajoutées, 0 modifiées, 0 fermées');
    const events = await eventCount();

    const second = await importPractitioners(app, extraction);
    expect(second).toMatchObject({ added: 0, changed: 0, closed: 0, unchanged: 5 });
    expect(await eventCount()).toBe(events);
  });

  it('shows the liberal sages-femmes of Béziers in the portal’s nearest search, names and accents intact', async () => {
    await caughtUp();
    const found = await nearest('sage_femme');
    expect(
      found.slice(0, 2).map((offer) => [offer.practitioner, offer.commune, offer.positionPrecision]),
    ).toEqual(
      expect.arrayContaining([
        ['CAMILLE EXEMPLE', 'Béziers', 'commune'],
        ['CAMILLE MODELE', 'Béziers', 'commune'],
      ]),
    );
    expect(found.map((offer) => offer.commune)).toEqual(['Béziers', 'Béziers', 'Sète', 'Carcassonne']);
    expect(found.map((offer) => offer.practitioner)).not.toContain('CAMILLE SALARIEE');
    const nurses = await nearest('infirmier');
    expect(nurses.map((offer) => [offer.name, offer.practitioner])).toEqual([
      ['Infirmier ou infirmière', 'ALEX SOIGNANT'],
    ]);
  });

  it('closes the site a practitioner left, only in the departments the file covers', async () => {
    // MODELE's line is cut this time: her site may still be there, so it is not closed.
    const cut = LINES.modeleBeziers.split('|').slice(0, 40).join('|');
    const later = file('PS_LibreAcces_Personne_activite_202612010908.txt', [
      LINES.exempleBeziers,
      cut,
      LINES.nurseBeziers,
    ]);
    const report = await importPractitioners(app, later);
    expect(report).toMatchObject({
      added: 0,
      changed: 0,
      closed: 1,
      unchanged: 2,
      rejected: [{ line: 3, reason: '40 champs au lieu de 53 (ligne coupée ou « | » en trop)' }],
    });
    expect(report.notes).toContain(
      '1 offre absente laissée ouverte : une ligne de leur praticien est rejetée, le site y figure peut-être',
    );
    await caughtUp();
    // Sète (34) closed; Carcassonne (11), a department this file does not cover, untouched.
    const communes = (await nearest('sage_femme')).map((offer) => offer.commune);
    expect(communes).toEqual(['Béziers', 'Béziers', 'Carcassonne']);
    // The public REST answers the same: the liberal sages-femmes nearest to Béziers.
    const response = await fetch(
      `${base}/api/offers/nearest?lon=${beziers.lon}&lat=${beziers.lat}&kind=sage_femme`,
    );
    const { results } = (await response.json()) as { results: Array<{ id: string; commune: string }> };
    expect(results.map((offer) => [offer.id, offer.commune])).toEqual([
      ['rpps-10000000001-tc1', 'Béziers'],
      ['rpps-10000000002-tc3', 'Béziers'],
      ['rpps-10000000005-tc6', 'Carcassonne'],
    ]);
  });

  it('keeps an erased practitioner’s sites without recording their name again, a new site included', async () => {
    await app
      .get(CommandBus)
      .execute(
        new DomainCommand(
          { type: 'ErasePersonalData', userId: 'person-rpps-10000000001', erasedOn: '2026-12-02' },
          { actor: { id: 'admin-test', role: 'admin' }, commandId: 'erase-exemple' },
        ),
      );
    await caughtUp();
    const newSite = sageFemme('10000000001', 'EXEMPLE', { structureId: 'C7', street: 'DU FAUBOURG' });
    const events = await eventCount();
    const report = await importPractitioners(
      app,
      file('PS_LibreAcces_Personne_activite_202612030908.txt', [
        LINES.exempleBeziers,
        newSite,
        LINES.modeleBeziers,
        LINES.nurseBeziers,
      ]),
    );
    expect(report).toMatchObject({ added: 1, changed: 0, closed: 0, unchanged: 3, rejected: [] });
    expect(await eventCount()).toBe(events + 1);
    const registered = (
      await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 100_000 })
    ).at(-1);
    expect(registered?.data).not.toHaveProperty('practitioner');
    await caughtUp();
    const names = (await nearest('sage_femme')).map((offer) => [offer.id, offer.practitioner ?? null]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['rpps-10000000001-tc1', '[donnée effacée]'],
        ['rpps-10000000001-tc7', null],
        ['rpps-10000000002-tc3', 'CAMILLE MODELE'],
      ]),
    );
  });
  it('keeps a site placed at its BAN address there when a later import has no address for it', async () => {
    const extraction = file('PS_LibreAcces_Personne_activite_202612040908.txt', [
      LINES.modeleBeziers,
      LINES.nurseBeziers,
    ]);
    // A point of the BAN for MODELE's site (the BAN's own look-up is tested apart).
    const atAddress = await importPractitioners(app, extraction, {
      addressPosition: (offer) =>
        offer.offerId === 'rpps-10000000002-tc3' ? { lon: 3.2301, lat: 43.3442 } : undefined,
    });
    expect(atAddress).toMatchObject({ added: 0, changed: 1, unchanged: 1, rejected: [] });
    const events = await eventCount();
    const without = await importPractitioners(app, extraction);
    expect(without).toMatchObject({ added: 0, changed: 0, unchanged: 2, rejected: [] });
    expect(await eventCount()).toBe(events);
    await caughtUp();
    const modele = (await nearest('sage_femme')).find((offer) => offer.id === 'rpps-10000000002-tc3');
    expect(modele?.positionPrecision).toBe('address');
  });
  it('says so when the file gives no savoir-faire (the newest extractions publish them apart)', async () => {
    const columns = RPPS_HEADER.split('|');
    const kept = columns.flatMap((name, index) => (/savoir-faire/i.test(name) ? [] : [index]));
    const without = (line: string) => kept.map((index) => line.split('|')[index]).join('|');
    const path = join(dataDir, 'PS_LibreAcces_Personne_activite_202612050908.txt');
    writeFileSync(path, `${without(RPPS_HEADER)}\n${without(LINES.nurseBeziers)}\n`);
    const report = await importPractitioners(app, path);
    expect(report).toMatchObject({ added: 0, changed: 0, unchanged: 1, rejected: [] });
    expect(report.notes).toContain(
      'Ce fichier ne donne pas les savoir-faire (colonne « Code savoir-faire » absente) : aucun médecin généraliste n’en est tiré',
    );
  });
});
