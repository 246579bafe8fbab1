import { join } from 'node:path';
import { DEMO_CONTRACT_ID, loadSeeds } from '@cls/demo';
import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import { repositoryRoot, usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';

const seeds = loadSeeds();
if (!seeds)
  console.log('[e2e] portal cards browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const PHONE: BrowserContextOptions = {
  viewport: { width: 375, height: 740 },
  isMobile: true,
  hasTouch: true,
};
/** Lodève's centre (geo/communes.csv). */
const LODEVE = `/?q=Lod%C3%A8ve&commune=34142&lon=3.30576&lat=43.73063`;
/** FINESS 340028000 « MSP DU LODEVOIS », opened 2019-12-06, with a phone. */
const LODEVE_MSP = 'finess-340028000';
/** FINESS 340787134 « CMP CATTP ADULTE LODEVE », whose opening date is FINESS's placeholder 1904-04-04. */
const LODEVE_CMP = 'finess-340787134';

/** Cards a resident can trust and act on: names, founding year, directions, the source's date. */
describe.skipIf(!seeds)('the portal’s offer cards', () => {
  const running = usePlatformInBrowser();

  async function open(path: string, options: BrowserContextOptions) {
    const context = await running.browser.newContext({ locale: 'fr-FR', ...options });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${running.platform.baseUrl}${path}`);
    return { page, errors, close: () => context.close() };
  }

  for (const [device, options] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`shows a readable card on a ${device}: name, « ouvert depuis », directions, the source's date`, async () => {
      const { page, errors, close } = await open(`${LODEVE}&offre=${LODEVE_MSP}`, options);
      const card = page.getByRole('article');
      await card.getByRole('heading', { level: 2, name: 'MSP du Lodevois' }).waitFor();
      expect(await card.getByTestId('opened-since').textContent()).toBe('2019');
      expect(await card.textContent()).toContain('Ouvert depuis2019');
      expect(await card.textContent()).not.toMatch(/Ouverture/);
      const directions = card.getByRole('link', { name: /^Itinéraire/ });
      expect(await directions.getAttribute('href')).toMatch(
        /^https:\/\/www\.openstreetmap\.org\/directions\?route=%3B43\.\d+%2C3\.\d+#map=15\//,
      );
      // Android's maps app, as an extra.
      expect(await card.getByRole('link', { name: /Android/ }).getAttribute('href')).toMatch(/^geo:43\./);
      const source = (await card.getByTestId('offer-source').textContent()) ?? '';
      expect(source).toMatch(/^Source : FINESS.*, janvier 2021\./);
      expect(source).toContain('appelez avant de vous déplacer');
      expect(await page.locator('.flag').count()).toBe(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await saveScreenshot(page, `portal-card-readable-${device}`);
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await close();
    });
  }

  it('never shows FINESS’s placeholder date as a founding year, nor asks to call an offer without a number', async () => {
    const { page, errors, close } = await open(`${LODEVE}&offre=${LODEVE_CMP}`, DESKTOP);
    const card = page.getByRole('article');
    await card.getByRole('heading', { level: 2, name: 'CMP CATTP Adulte Lodève' }).waitFor();
    // Whom it receives, from its FINESS name.
    expect(await card.getByTestId('card-kind').textContent()).toBe(
      'Centre médico-psychologique pour adultes',
    );
    expect(await card.getByTestId('opened-since').count()).toBe(0);
    expect(await card.textContent()).not.toContain('1904');

    // The CMP of Clermont-l'Hérault has no number: no call to call.
    await page.goto(
      `${running.platform.baseUrl}/?q=${encodeURIComponent("Clermont-l'Hérault")}&commune=34079&lon=3.4128&lat=43.6341&offre=finess-340025246`,
    );
    await card.getByRole('heading', { level: 2, name: "CMP CATTP Adulte Clermont-l'Hérault" }).waitFor();
    expect(await card.getByTestId('offer-source').textContent()).not.toContain('appelez');
    expect(await card.getByRole('link', { name: /^Appeler/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows a place the CLS documents name, at its commune’s centre, said to be approximate, with its source’s date', async () => {
    const beziers = '/?q=B%C3%A9ziers&commune=34032&lon=3.230739&lat=43.347511';
    const { page, errors, close } = await open(`${beziers}&offre=lieu-caarud-groupe-sos-beziers`, DESKTOP);
    const card = page.getByRole('article');
    await card.getByRole('heading', { level: 2, name: 'CAARUD Béziers (Groupe SOS)' }).waitFor();
    expect(await card.getByTestId('approximate-position').textContent()).toMatch(/centre de la commune/);
    // No street: no directions to a made-up point; no number: no call.
    expect(await card.getByRole('link', { name: /^Itinéraire/ }).count()).toBe(0);
    expect(await card.getByTestId('offer-source').textContent()).toBe(
      'Source : la coordination du Contrat Local de Santé, vérifiée le 26 juillet 2024.',
    );
    expect(errors).toEqual([]);
    await close();
  });

  for (const [device, options] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`speaks to residents on a contract's page on a ${device}: a summary, whom to contact, its acronyms explained`, async () => {
      const { page, errors, close } = await open(`/contrats/${DEMO_CONTRACT_ID}`, options);
      await page.getByRole('heading', { level: 2, name: /^Axe 1 — / }).waitFor();
      expect(await page.getByTestId('contract-summary').textContent()).toMatch(
        /Celui-ci concerne le territoire Pays Cœur d'Hérault \(\d+ communes, sur la carte\), de 2024 à 2029 : \d+ actions/,
      );
      expect(await page.getByTestId('contract-contacts').textContent()).toMatch(
        /Qui contacter.*Coordination du CLS \/ CLSM \(équipe de coordination\) — Animation et coordination du CLS/,
      );
      // The glossary of ../shared/seeds/glossary.json, through the committed fixture.
      const glossary = page.getByTestId('glossary');
      expect(await glossary.textContent()).toContain('CLSMConseil Local de Santé Mentale');
      expect(await page.locator('h4 abbr[title="Conseil Local de Santé Mentale"]').count()).toBeGreaterThan(
        0,
      );
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await saveScreenshot(page, `portal-contract-residents-${device}`);
      // The page is long: its top (summary, whom to contact) and its glossary, to look at.
      const screenshots = join(repositoryRoot, 'tests/e2e/screenshots');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshots, `portal-contract-top-${device}.png`) });
      await glossary.screenshot({ path: join(screenshots, `portal-contract-glossary-${device}.png`) });
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await close();
    });
  }

  it('on a phone, the « Carte / Liste » button covers nothing of the list', async () => {
    const { page, errors, close } = await open(LODEVE, PHONE);
    await page.locator('.result').first().waitFor();
    const toggle = page.getByRole('button', { name: 'Carte' });
    expect(await toggle.evaluate((button) => getComputedStyle(button).position)).toBe('static');
    // Each result's link is what a finger on it touches, wherever the page is scrolled.
    const links = page.locator('.result__name a');
    for (let i = 0; i < (await links.count()); i += 1) {
      const link = links.nth(i);
      await link.scrollIntoViewIfNeeded();
      const hit = await link.evaluate((element) => {
        const box = element.getBoundingClientRect();
        const found = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return found === element || element.contains(found);
      });
      expect(hit).toBe(true);
    }
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await saveScreenshot(page, 'portal-cards-phone-list');
    await toggle.click();
    await page.getByRole('button', { name: 'Liste' }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('says where to look for a kind this directory does not list, and shows residents no server details', async () => {
    const { page, errors, close } = await open(`${LODEVE}&types=sage_femme`, DESKTOP);
    const missing = page.getByTestId('missing-kinds');
    await expect.poll(() => missing.textContent()).toMatch(/Aucune offre « Sage-femme » dans cette zone/);
    expect(await missing.getByRole('link', { name: 'l’Annuaire Santé' }).getAttribute('href')).toBe(
      'https://annuaire.sante.fr',
    );
    const footer = page.getByTestId('public-footer');
    expect(await footer.textContent()).toMatch(/^Sources : FINESS/);
    const text = (await page.locator('footer').textContent()) ?? '';
    expect(text).not.toMatch(/PostgreSQL|base de données|Plateforme CLS|\d+\.\d+\.\d+|démarrée/);
    expect(await page.getByTestId('platform-status').count()).toBe(0);
    await saveScreenshot(page, 'portal-missing-kind');
    expect(errors).toEqual([]);
    await close();
  });
});
