import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@cls/event-store';
import type { ProjectionRunner, ReadModelQueries } from '@cls/projections';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PROJECTION_RUNNER, READ_MODELS } from '../projections/projections.module.js';
import { startTestApp } from '../testing/test-app.js';
import { describeImport, importOffers } from './import-offers.js';

// Lines of the national file's layout (etalab-cs1100507, 2021-01-08; see
// packages/offers/src/finess/fixtures/etalab-sample.csv), saved as UTF-8 WITHOUT BOM: the file
// the issue quotes, whose accents came out as « MÃ©dico » when it was read as Latin-1.
const NATIONAL_UTF8 = [
  'finess;etalab;97;2021-01-08',
  'structureet;340015163;340011295;CMP CATTP LA PALANCA;CENTRE MÉDICO-PSYCHOLOGIQUE CATTP LA PALANCA;;;11;R;DES PEUPLIERS;;;301;34;HERAULT;34200 SETE;0467465757;;156;Centre Médico-Psychologique (C.M.P.);1111;Autres Etablissements de Lutte contre les Maladies Mentales;26340390900017;;03;ARS établissements Publics de santé dotation globale;1;Etablissement public de santé;2001-01-01;2001-01-01;2020-12-01;',
  "structureet;340020072;340020064;MSP BOUSQUET D'ORB;MAISON DE SANTÉ PLURIPROFESSIONNELLE DU BOUSQUET D'ORB;;;57;AV;JEAN JAURES;;;038;34;HERAULT;34260 LE BOUSQUET D ORB;0467950968;;603;Maison de santé (L.6223-3);2103;Autres structures d'exercice libéral;53513254200015;;03;ARS établissements Publics de santé dotation globale;1;Etablissement public de santé;2011-09-01;2011-09-01;2020-12-01;",
  'structureet;340099997;340099998;LIGNE TRONQUEE;;;;12;R',
  'geolocalisation;340015163;754188.3;6257055.4;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2020-12-01',
  'geolocalisation;340020072;713636.7;6287913.7;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2020-12-01',
  '',
].join('\r\n');

describe('pnpm offers:import on a UTF-8 national FINESS file without BOM', () => {
  const database = useTestDatabase();
  let dir: string;
  let app: INestApplication;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cls-national-'));
    ({ app } = await startTestApp(database.url, { OPEN_DATA_DIR: dir }));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every accent, reports the malformed line, and appends nothing the second time', async () => {
    const file = join(dir, 'etalab-cs1100507-stock-20210108-0333.csv');
    writeFileSync(file, NATIONAL_UTF8, 'utf8');
    const report = await importOffers(app, file);
    expect(report).toMatchObject({
      format: 'etalab',
      encoding: 'utf-8',
      verifiedOn: '2021-01-08',
      added: 2,
      rejected: [{ line: 4, reason: 'ligne structureet de 9 champs au lieu de 32' }],
    });
    expect(describeImport(report).split('\n').slice(0, 3)).toEqual([
      `Import FINESS, extraction nationale du 2021-01-08 : ${file} (UTF-8)`,
      '  2 établissements lus, 0 hors offres de soins',
      '  2 offres ajoutées, 0 modifiées, 0 fermées, 0 inchangées, 1 ligne rejetée',
    ]);

    const head = (await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 1000 })).at(-1);
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(head?.position ?? 0, 60_000)).toBe(
      true,
    );
    const rows = await app.get<ReadModelQueries>(READ_MODELS).offers();
    expect(rows.map((row) => row.categoryLabel).sort()).toEqual([
      'Centre Médico-Psychologique (C.M.P.)',
      'Maison de santé (L.6223-3)',
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Ã|�/);

    const again = await importOffers(app, file);
    expect(again).toMatchObject({ added: 0, changed: 0, closed: 0, unchanged: 2 });
  });
});
