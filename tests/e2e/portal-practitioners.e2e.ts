import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadSeeds } from '@cls/demo';
import { madeUpPractitioner, practitionerOfferId, REAL_RPPS_LINES, RPPS_HEADER, siteKey } from '@cls/offers';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import { press, type } from './support/keyboard.js';
import { repositoryRoot, usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const seeds = loadSeeds();
if (!seeds) console.log('[e2e] portal-practitioners skipped: no seeds under ../shared (set SHARED_DIR).');

/*
 * The first « Done when » of issue 18: `pnpm offers:import` on an Annuaire Santé extraction shows
 * the liberal sages-femmes of a commune in the portal's nearest search (kind sage_femme), accents
 * intact, and leaves the salaried ones and the other professions out. The extraction is the real
 * header, a REAL line (a médecin salaried at Pontarlier's hospital, quoted in packages/offers'
 * fixtures) and MADE-UP practitioners of Pontarlier (no public file shows a liberal sage-femme's
 * line; names and numbers invented), run through the built command line as a scheduler would.
 */
const PONTARLIER = { street: ['R', 'Rue'] as [string, string], cedex: '25300 PONTARLIER', postcode: '25300' };
const person = (rpps: string, firstName: string, lastName: string) => ({
  rpps,
  firstName,
  lastName,
  structureId: `C${rpps}`,
  cedex: PONTARLIER.cedex,
  postcode: PONTARLIER.postcode,
});
const LINES = [
  RPPS_HEADER,
  // Liberal sages-femmes: one with the commune's code, one with only its « Bureau cedex ».
  madeUpPractitioner({
    ...person('10000000501', 'BÉRÉNICE', 'LEFÈVRE'),
    profession: ['50', 'Sage-Femme'],
    number: '12',
    streetType: PONTARLIER.street,
    street: 'DE LA RÉPUBLIQUE',
    communeCode: '25462',
    communeName: 'Pontarlier',
    phone: '0381000001',
  }),
  madeUpPractitioner({
    ...person('10000000502', 'HÉLOÏSE', 'DUPRÉ'),
    profession: ['50', 'Sage-Femme'],
    number: '3',
    streetType: PONTARLIER.street,
    street: 'SAINT-PIERRE',
  }),
  // A salaried sage-femme at the hospital: no offer of her own.
  madeUpPractitioner({
    ...person('10000000503', 'ÉMILIE', 'FAURÉ'),
    profession: ['50', 'Sage-Femme'],
    mode: 'S',
    communeCode: '25462',
  }),
  // Other professions, liberal: offers, but not sages-femmes.
  madeUpPractitioner({
    ...person('10000000504', 'JÉRÔME', 'MARCHAND'),
    profession: ['60', 'Infirmier'],
    communeCode: '25462',
  }),
  madeUpPractitioner({
    ...person('10000000505', 'ANNE-SOPHIE', 'GÉRARD'),
    profession: ['10', 'Médecin'],
    savoirFaire: ['SM54', 'Médecine Générale'],
    communeCode: '25462',
  }),
  REAL_RPPS_LINES.salariedGeneralist,
];

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

/** Runs the built `pnpm offers:import` and resolves with how it ended. */
function importFile(file: string, env: Record<string, string>, options: readonly string[] = []) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const script = join(repositoryRoot, 'apps/api/dist/offers-import.js');
    const child = spawn(process.execPath, [script, file, ...options], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe.skipIf(!seeds)('the Annuaire Santé imported, the portal finds the liberal sages-femmes', () => {
  // The command line seals the practitioners' names with the key the platform opens them with.
  const key = randomBytes(32).toString('hex');
  const running = usePlatformInBrowser({ PERSONAL_DATA_KEY: key });
  const dir = mkdtempSync(join(tmpdir(), 'cls-rpps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'PS_LibreAcces_Personne_activite_202612010908.txt');
  writeFileSync(file, `${LINES.join('\r\n')}\r\n`);
  const env = () => ({
    NODE_ENV: 'development',
    DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${running.platform.postgresPort}/cls`,
    PERSONAL_DATA_KEY: key,
  });

  it('pnpm offers:import adds the liberal sites, then appends nothing on a second run', async () => {
    const first = await importFile(file, env());
    expect(first.output).toContain(
      '4 offres ajoutées, 0 modifiées, 0 fermées, 0 inchangées, 0 ligne rejetée',
    );
    expect(first.code).toBe(0);
    const second = await importFile(file, env());
    expect(second.output).toContain('0 offres ajoutées, 0 modifiées, 0 fermées, 4 inchangées');
    expect(second.code).toBe(0);
  }, 240_000);

  /** The names of the listed offers, once the platform has projected the import. */
  async function listedNames(page: Page) {
    return page.locator('.result .result__name').allTextContents();
  }

  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`from Pontarlier, keyboard only, the sages-femmes: liberal ones only, accents intact (${device})`, async () => {
      const context = await running.browser.newContext({ locale: 'fr-FR', ...options });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${running.platform.baseUrl}/`);
      const place = page.getByRole('combobox', { name: 'Commune ou code postal' });
      await type(place, 'Pontarlier');
      await page.getByRole('option', { name: /^Pontarlier/ }).waitFor();
      await place.press('ArrowDown');
      await place.press('Enter');
      await expect.poll(() => page.getByTestId('results-summary').textContent()).toMatch(/de Pontarlier/);

      // The professions are kinds among the filters, each with its count.
      const midwives = page.getByRole('checkbox', { name: /^Sage-femme/ });
      await expect.poll(() => midwives.count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByRole('checkbox', { name: /^Médecin généraliste/ }).count()).toBe(1);
      await press(midwives, 'Space');
      await expect.poll(() => new URL(page.url()).searchParams.get('types')).toBe('sage_femme');

      await expect
        .poll(async () => (await listedNames(page)).sort())
        .toEqual(['Bérénice Lefèvre', 'Héloïse Dupré']);
      const list = (await page.locator('.results').textContent()) ?? '';
      expect(list).not.toMatch(/Fauré|Marchand|Gérard|Leger/i);
      expect(list).not.toContain('Ã');
      expect(await page.getByTestId('result-mode').allTextContents()).toEqual([
        'exercice libéral',
        'exercice libéral',
      ]);
      // Placed at the commune's centre: a distance in kilometres, said « environ », never « 10 m ».
      expect(await page.getByTestId('distance').allTextContents()).toEqual([
        'à environ 1 km',
        'à environ 1 km',
      ]);
      expect(await page.getByTestId('result-approximate').first().textContent()).toContain(
        'position approximative (commune)',
      );
      // Sages-femmes near: no pointer to look elsewhere.
      expect(await page.getByTestId('missing-kinds').count()).toBe(0);
      await expectAccessible(page);
      await saveScreenshot(page, `portal-practitioners-${device}-list`);

      // Her card, opened from the keyboard.
      await press(page.locator('.result__name a', { hasText: 'Bérénice Lefèvre' }));
      const card = page.getByRole('article');
      await card.getByRole('heading', { level: 2, name: 'Bérénice Lefèvre' }).waitFor();
      expect(await card.getByTestId('card-kind').textContent()).toBe('Sage-femme');
      expect(await card.getByTestId('card-practice').textContent()).toBe('Sage-femme, exercice libéral');
      expect(await card.getByTestId('approximate-position').textContent()).toContain(
        'position approximative (commune) : sur la carte, le point est le centre de la commune',
      );
      expect(await card.textContent()).toContain('12 Rue de la République, 25300 Pontarlier');
      // No route to the commune's centre: the address is looked up.
      expect(await card.getByTestId('directions').count()).toBe(0);
      expect(await card.getByTestId('address-search').getAttribute('href')).toMatch(
        /^https:\/\/www\.openstreetmap\.org\/search\?query=12%20Rue%20de%20la%20R%C3%A9publique/,
      );
      expect(await card.getByTestId('offer-source').textContent()).toMatch(
        /^Source : l’Annuaire Santé \(RPPS\), le répertoire national des professionnels de santé, extraction du 1er décembre 2026\./,
      );
      await expectAccessible(page);
      await saveScreenshot(page, `portal-practitioners-${device}-card`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  for (const [device, viewport] of [
    ['desktop', DESKTOP.viewport],
    ['phone', PHONE.viewport],
  ] as const) {
    it(`the admin app shows the same facts of her offer (${device})`, async () => {
      const page = await signIn(running, 'coordinatrice@demo-cls.fr', viewport);
      const offerId = practitionerOfferId('10000000501', siteKey('', 'C10000000501', {}));
      // Found in the directory by her name, though the offer is named by its profession.
      await page.goto(`${running.platform.baseUrl}/admin/offres`);
      await type(page.getByRole('searchbox', { name: 'Rechercher' }), 'Lefèvre');
      const found = page.getByTestId(`offer-${offerId}`);
      await expect
        .poll(() => found.textContent())
        .toMatch(/^Bérénice Lefèvre \(position approximative \(commune\)\)/);
      expect(await page.getByTestId('offers-count').textContent()).toBe('1 offre');
      await press(found.getByRole('link', { name: 'Bérénice Lefèvre' }));
      await page.getByRole('heading', { level: 1, name: 'Bérénice Lefèvre' }).waitFor();
      expect(await page.getByTestId('offer-practice').textContent()).toBe(
        'Sage-femme, exercice libéral — profession 50 « Sage-Femme » de l’Annuaire Santé',
      );
      expect(
        await page.getByText('Annuaire Santé (RPPS) n° 10000000501, extraction du 1er décembre 2026').count(),
      ).toBe(1);
      expect(await page.getByTestId('offer-position').textContent()).toContain(
        'position approximative (commune)',
      );
      await expectAccessible(page);
      await saveScreenshot(page, `admin-practitioner-${device}`);
      await page.close();
    });
  }

  it('with --addresses, a site the BAN has is placed at its door: no « approximative », a route to it', async () => {
    // Made-up sages-femmes of L'Abergement-de-Varey (01), one at a number the BAN has (its real
    // lines: packages/offers/src/ban/fixtures), one at a number it has not.
    const at = (rpps: string, firstName: string, lastName: string, number: string) =>
      madeUpPractitioner({
        rpps,
        firstName,
        lastName,
        structureId: `C${rpps}`,
        profession: ['50', 'Sage-Femme'],
        number,
        streetType: ['PL', 'Place'],
        street: 'DU PESE LAIT',
        cedex: "01640 L'ABERGEMENT-DE-VAREY",
        postcode: '01640',
        communeCode: '01002',
      });
    const extraction = join(dir, 'PS_LibreAcces_Personne_activite_202612020908.txt');
    writeFileSync(
      extraction,
      `${[RPPS_HEADER, at('10000000601', 'ODILE', 'BÉRAUD', '6'), at('10000000602', 'AGNÈS', 'CÔTÉ', '8')].join('\r\n')}\r\n`,
    );
    const ban = join(dir, 'adresses-01.csv.gz');
    writeFileSync(
      ban,
      gzipSync(readFileSync(join(repositoryRoot, 'packages/offers/src/ban/fixtures/adresses-sample.csv'))),
    );
    // The commune's centre as the API Découpage administratif serves it (--communes); here the mean of
    // its two BAN addresses, given for the test.
    const centres = join(dir, 'communes.json');
    writeFileSync(
      centres,
      JSON.stringify([{ code: '01002', centre: { type: 'Point', coordinates: [5.4284, 46.0008] } }]),
    );
    const run = await importFile(extraction, env(), [`--addresses=${ban}`, `--communes=${centres}`]);
    expect(run.output).toContain('2 offres ajoutées');
    expect(run.output).toContain(
      'Adresses BAN adresses-01.csv.gz : 3 lignes lues, 2 adresses des communes des sites gardées',
    );
    expect(run.output).toContain('adresses trouvées : 1, non trouvées (position approximative, commune) : 1');
    expect(run.code).toBe(0);

    const context = await running.browser.newContext({ locale: 'fr-FR', ...DESKTOP });
    const page = await context.newPage();
    await page.goto(
      `${running.platform.baseUrl}/?q=Place%20du%20Pese%20Lait&lon=5.425179&lat=46.005447&types=sage_femme`,
    );
    await expect.poll(async () => (await listedNames(page)).sort()).toEqual(['Agnès Côté', 'Odile Béraud']);
    expect(await page.getByTestId('distance').allTextContents()).toEqual(['à 10 m', 'à environ 1 km']);
    await press(page.locator('.result__name a', { hasText: 'Odile Béraud' }));
    const card = page.getByRole('article');
    await card.getByRole('heading', { level: 2, name: 'Odile Béraud' }).waitFor();
    expect(await card.getByTestId('approximate-position').count()).toBe(0);
    expect(await card.getByTestId('directions').count()).toBe(1);
    await context.close();
  }, 240_000);
});
