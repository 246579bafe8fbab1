import { join } from 'node:path';
import { DEMO_CONTRACT_ID, loadSeeds } from '@cls/demo';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import { repositoryRoot, usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const seeds = loadSeeds();
if (!seeds) console.log('[e2e] portal browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
/** Clermont-l'Hérault's centre (geo/communes.csv), as a shared link carries it. */
const CLERMONT = { lon: 3.4128, lat: 43.6341 };
const CLERMONT_LINK = `/?q=${encodeURIComponent("Clermont-l'Hérault")}&commune=34079&lon=${CLERMONT.lon}&lat=${CLERMONT.lat}`;

/** `à 3,5 km` / `à 340 m` → km; a CPTS covering the commune is at 0. */
const kilometres = (text: string) => {
  if (text === 'couvre la commune') return 0;
  // « à environ 8 km » to an offer placed at its commune's centre.
  const [, value = '', unit] = /à (?:environ )?([\d,]+) (km|m)/.exec(text) ?? [];
  return Number(value.replace(',', '.')) / (unit === 'm' ? 1000 : 1);
};

/** The demo (seeds and the FINESS extract under ../shared) is what the resident searches. */
describe.skipIf(!seeds)('the public portal, on the demo data', () => {
  const running = usePlatformInBrowser();

  /**
   * A page in a context of its own (geolocation and permissions are per context), recording what a
   * person must never meet: a request leaving the platform, an error in the console.
   */
  async function open(path: string, options: BrowserContextOptions = {}) {
    const context = await running.browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', ...options });
    const page = await context.newPage();
    const outside: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(running.platform.baseUrl) && !/^(data|blob):/.test(url)) outside.push(url);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${running.platform.baseUrl}${path}`);
    return { page, outside, errors, close: () => context.close() };
  }

  /** Once the map has drawn everything in view (it is `aria-busy` until then). */
  async function mapDrawn(page: Page, testId = 'offer-map') {
    await page.locator(`[data-testid="${testId}"][aria-busy="false"]`).waitFor();
  }

  /** The distances of the listed offers, in km, in the list's order. */
  async function distances(page: Page) {
    return (await page.getByTestId('distance').allTextContents()).map(kilometres);
  }

  it("a resident finds the offers around Clermont-l'Hérault, nearest first, filters them, and opens a card", async () => {
    const { page, outside, errors, close } = await open('/');
    await page.getByRole('combobox', { name: 'Commune ou code postal' }).fill('Clermont');
    await page.getByRole('option', { name: /^Clermont-l'Hérault/ }).click();
    const summary = page.getByTestId('results-summary');
    await expect
      .poll(() => summary.textContent())
      .toMatch(/^\d+ offres à moins de 10 km de Clermont-l'Hérault/);
    expect(new URL(page.url()).searchParams.get('q')).toBe("Clermont-l'Hérault");
    expect(new URL(page.url()).searchParams.get('commune')).toBe('34079');
    // The demo's CPTS covers the commune: it comes first, whatever the distance to its seat.
    expect(await page.locator('.result').first().textContent()).toMatch(
      /^CPTS Centre Hérault.*couvre la commune/,
    );

    const around = await distances(page);
    expect(around.length).toBeGreaterThan(3);
    expect(around).toEqual([...around].sort((a, b) => a - b));
    expect(Math.max(...around)).toBeLessThanOrEqual(10);
    const kinds = await page.locator('.result .kind-badge').allTextContents();
    expect(kinds).toContain('MSP');
    // A CMP says whom it receives when FINESS's name tells (« CMP adultes »).
    expect(kinds.some((kind) => kind.startsWith('CMP'))).toBe(true);

    // The map, beside the list, is drawn (WebGL) from the platform's own data.
    await mapDrawn(page);
    expect(
      await page.evaluate(() => document.querySelector('canvas.maplibregl-canvas')?.clientWidth),
    ).toBeGreaterThan(400);
    await saveScreenshot(page, 'portal-results');
    await expectAccessible(page);

    // Each kind with its count in the area; ticking one keeps only that kind.
    const cmp = page.getByRole('checkbox', { name: /^CMP : Centre médico-psychologique \(\d+\)$/ });
    const label = await page.locator('label.chip', { has: cmp }).textContent();
    const count = Number(/\((\d+)\)$/.exec(label ?? '')?.[1]);
    expect(count).toBeGreaterThan(0);
    await cmp.check();
    await expect
      .poll(async () =>
        (await page.locator('.result .kind-badge').allTextContents()).map((kind) =>
          /^CMP( adultes| enfants et adolescents)?$/.test(kind),
        ),
      )
      .toEqual(Array(count).fill(true));
    expect(new URL(page.url()).searchParams.get('types')).toBe('cmp');
    const cmps = await distances(page);
    expect(cmps).toEqual([...cmps].sort((a, b) => a - b));

    // The nearest CMP's card: call it, go there, know where the information comes from.
    await page.locator('.result__name a').first().click();
    const card = page.getByRole('article');
    await card.getByRole('heading', { level: 2 }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(await card.getByRole('link', { name: /^Itinéraire/ }).getAttribute('href')).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/directions\?route=%3B43\.\d+%2C3\.\d+#/,
    );
    expect(await card.getByTestId('offer-source').textContent()).toMatch(
      /^Source : FINESS.*, janvier 2021\./,
    );
    expect(new URL(page.url()).searchParams.get('offre')).toBeTruthy();
    await mapDrawn(page);
    await saveScreenshot(page, 'portal-card');
    await expectAccessible(page);

    // Back to the list, on the line of the card just closed.
    await card.getByRole('button', { name: 'Retour à la liste' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.result') !== null))
      .toBe(true);

    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('searching « Lodève » lists its MSP first among MSPs with its distance, filters CMPs, and centres the map on a chosen offer', async () => {
    const { page, outside, errors, close } = await open('/');
    await page.getByRole('combobox', { name: 'Commune ou code postal' }).fill('Lodève');
    await page.getByRole('option', { name: /^Lodève/ }).click();
    await expect.poll(() => page.getByTestId('results-summary').textContent()).toMatch(/de Lodève/);

    await page.getByRole('checkbox', { name: /^MSP : / }).check();
    const first = page.locator('.result').first();
    await expect.poll(() => first.textContent()).toMatch(/^MSP du Lodevois/);
    // 1.0 km from Lodève's centre (great-circle, geo/communes.csv).
    expect(kilometres((await first.getByTestId('distance').textContent()) ?? '')).toBeCloseTo(1, 0);

    await page.getByRole('checkbox', { name: /^MSP : / }).uncheck();
    await page.getByRole('checkbox', { name: /^CMP : / }).check();
    await expect
      .poll(async () => [
        ...new Set(
          (await page.locator('.result .kind-badge').allTextContents()).map((kind) => kind.split(' ')[0]),
        ),
      ])
      .toEqual(['CMP']);

    // Chosen in the list, the offer is where the map looks.
    await mapDrawn(page);
    const chosen = page.locator('.result').last();
    const name = (await chosen.locator('.result__name a').textContent()) ?? '';
    await chosen.locator('.result__name a').click();
    await page.getByRole('article').getByRole('heading', { level: 2, name }).waitFor();
    const geo =
      (await page
        .getByRole('article')
        .getByRole('link', { name: /^Itinéraire/ })
        .getAttribute('href')) ?? '';
    const [, lat = '', lon = ''] = /route=%3B([\d.]+)%2C([\d.]+)/.exec(geo) ?? [];
    await expect
      .poll(async () => {
        const [centreLon, centreLat] = (
          (await page.getByTestId('offer-map').getAttribute('data-center')) ?? ''
        )
          .split(',')
          .map(Number);
        return Math.hypot((centreLon ?? 0) - Number(lon), (centreLat ?? 0) - Number(lat));
      })
      .toBeLessThan(0.001);
    await saveScreenshot(page, 'portal-lodeve-centred');

    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the map of a past day: the offers that existed then (?date=)', async () => {
    const lodeve = `/?q=Lod%C3%A8ve&commune=34142&lon=3.30576&lat=43.73063`;
    const past = await open(`${lodeve}&date=2024-01-01`);
    await expect
      .poll(() => past.page.getByTestId('past-date').textContent())
      .toMatch(/^Carte au 1er janvier 2024/);
    await expect.poll(() => past.page.locator('.result').count()).toBeGreaterThan(0);
    // The demo's CPTS is known from its source of July 2024: not on the map of 1 January 2024.
    expect(await past.page.locator('.result', { hasText: 'CPTS Centre Hérault' }).count()).toBe(0);
    await mapDrawn(past.page);
    await saveScreenshot(past.page, 'portal-past-date');
    expect(past.outside).toEqual([]);
    expect(past.errors).toEqual([]);
    await past.close();

    const before = await open(`${lodeve}&date=2020-12-31`);
    await expect
      .poll(() => before.page.getByTestId('results-summary').textContent())
      .toMatch(/^0 offre à moins de 10 km de Lodève/);
    await before.close();
  });

  it('picks a commune with the keyboard alone, and lists the offers in the map’s view once it is moved', async () => {
    const { page, errors, close } = await open('/');
    const field = page.getByRole('combobox', { name: 'Commune ou code postal' });
    await field.pressSequentially("Clermont-l'H");
    await page.getByRole('option', { name: /^Clermont-l'Hérault/ }).waitFor();
    await field.press('ArrowDown');
    expect(await field.getAttribute('aria-activedescendant')).toBe(
      await page.getByRole('option', { name: /^Clermont-l'Hérault/ }).getAttribute('id'),
    );
    await field.press('Enter');
    const summary = page.getByTestId('results-summary');
    await expect.poll(() => summary.textContent()).toMatch(/à moins de 10 km de Clermont-l'Hérault/);

    // Dragging the map lists what it shows, still nearest first from the commune.
    await mapDrawn(page);
    const box = await page.locator('canvas.maplibregl-canvas').boundingBox();
    if (!box) throw new Error('la carte n’a pas de taille');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 250, box.y + box.height / 2 - 150, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => summary.textContent()).toMatch(/^\d+ offres? dans la zone de la carte/);
    const inView = await distances(page);
    expect(inView).toEqual([...inView].sort((a, b) => a - b));
    await page
      .getByRole('button', { name: "Revenir aux offres à moins de 10 km de Clermont-l'Hérault" })
      .click();
    await expect.poll(() => summary.textContent()).toMatch(/à moins de 10 km de Clermont-l'Hérault/);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows an offer’s phone as a tel: link and its distance on the card', async () => {
    const { page, errors, close } = await open(`${CLERMONT_LINK}&types=msp&rayon=20`);
    const first = page.locator('.result').first();
    await first.waitFor();
    expect(
      await first.getByRole('link', { name: /^Appeler .* au 0\d( \d\d){4}$/ }).getAttribute('href'),
    ).toMatch(/^tel:\+33\d{9}$/);
    await first.locator('.result__name a').click();
    const card = page.getByRole('article');
    expect(await card.getByRole('link', { name: /^Appeler/ }).getAttribute('href')).toMatch(
      /^tel:\+33\d{9}$/,
    );
    expect(await card.getByTestId('card-distance').textContent()).toMatch(
      /km à vol d’oiseau de Clermont-l'Hérault/,
    );
    expect(errors).toEqual([]);
    await close();
  });

  it('links an offer that a CLS action produced to that action on the contract’s public page', async () => {
    // No seed says an action produced the CPTS, so the demo links none: the coordinator does it here, as test data.
    const coordinator = await signIn(running, 'coordinatrice@demo-cls.fr');
    const status = await coordinator.evaluate(
      async (input) => {
        const response = await fetch('/trpc/offer.linkToAction', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...input, commandId: crypto.randomUUID() }),
        });
        return response.status;
      },
      {
        offerId: 'cpts-centre-herault',
        actionId: `${DEMO_CONTRACT_ID}.1.1-A2`,
        contractId: DEMO_CONTRACT_ID,
      },
    );
    expect(status).toBe(200);
    await coordinator.close();

    const { page, errors, close } = await open(CLERMONT_LINK);
    await page.getByRole('link', { name: 'CPTS Centre Hérault' }).click();
    const card = page.getByRole('article');
    await expect.poll(() => card.textContent()).toMatch(/Communes couvertes.*Clermont-l'Hérault/);
    const support = card.getByRole('link', { name: /— action 1\.1-A2 « / });
    expect(await support.evaluate((link) => link.parentElement?.textContent)).toMatch(
      /^Soutenu par le Contrat Local de Santé .*Cœur d'Hérault.* — action 1\.1-A2 « .+ »$/,
    );
    await mapDrawn(page);
    await saveScreenshot(page, 'portal-cpts-card');

    await support.click();
    const anchor = `action-${DEMO_CONTRACT_ID}.1.1-A2`;
    await page.waitForURL(`**/contrats/${DEMO_CONTRACT_ID}#${anchor}`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(anchor);
    expect(await page.locator(':focus').textContent()).toMatch(/^1\.1-A2 .*CPTS Centre Hérault/);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the first results of a shared link in under 1.5 s', async () => {
    // The best of three openings: beside the whole suite on two cores one opening can wait a few
    // hundred milliseconds for a core, which says nothing of the portal (a slow portal is slow each time).
    const times: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const { page, close } = await open(CLERMONT_LINK);
      await page.locator('.result').first().waitFor();
      // Milliseconds since the navigation started, as the page itself measures them.
      times.push(await page.evaluate(() => performance.now()));
      await close();
    }
    console.log(`[e2e] premiers résultats affichés en ${times.map(Math.round).join(', ')} ms`);
    expect(Math.min(...times)).toBeLessThan(1500);
  });

  it('on a phone, shows the list first and toggles to the map and back', async () => {
    const { page, outside, errors, close } = await open(CLERMONT_LINK, PHONE);
    await page.locator('.result').first().waitFor();
    expect(await page.locator('.maplibregl-canvas').count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'portal-phone-list');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Carte' }).click();
    await mapDrawn(page);
    expect(await page.locator('.result').first().isVisible()).toBe(false);
    // The screen, not the whole page: the map fills it below the « Liste » button.
    await page.screenshot({ path: join(repositoryRoot, 'tests/e2e/screenshots/portal-phone-map.png') });
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Liste' }).click();
    expect(await page.locator('.result').first().isVisible()).toBe(true);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('searches « autour de moi » with the position the browser gives', async () => {
    const { page, errors, close } = await open('/', {
      geolocation: { longitude: CLERMONT.lon, latitude: CLERMONT.lat },
      permissions: ['geolocation'],
    });
    await page.getByRole('button', { name: 'Autour de moi' }).click();
    await expect
      .poll(() => page.getByTestId('results-summary').textContent())
      .toMatch(/offres? à moins de 10 km de votre position/);
    const around = await distances(page);
    expect(around.length).toBeGreaterThan(0);
    expect(around).toEqual([...around].sort((a, b) => a - b));
    expect(errors).toEqual([]);
    await close();
  });

  it('says what to do when the position is refused', async () => {
    const { page, close } = await open('/', {
      geolocation: { longitude: CLERMONT.lon, latitude: CLERMONT.lat },
    });
    await page.getByRole('button', { name: 'Autour de moi' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('alert')
          .filter({ hasText: /localisation/ })
          .textContent(),
      )
      .toMatch(/Vous n’avez pas autorisé la localisation : saisissez une commune ou un code postal/);
    expect(await page.locator('.result').count()).toBe(0);
    await close();
  });

  it('publishes each contract: its territory, axes, fiches and actions with their status', async () => {
    const { page, outside, errors, close } = await open('/contrats');
    await page
      .getByRole('link', { name: /Cœur d'Hérault/ })
      .first()
      .click();
    await page.waitForURL(`**/contrats/${DEMO_CONTRACT_ID}`);
    await page.getByRole('heading', { level: 2, name: /^Axe 1 — / }).waitFor();
    expect(await page.getByRole('heading', { level: 3, name: /^Fiche 1\.1 — / }).count()).toBe(1);
    const statuses = await page.getByTestId('action-status').allTextContents();
    expect(statuses.length).toBeGreaterThan(5);
    for (const status of statuses)
      expect(['Prévue', 'En cours', 'Suspendue', 'Réalisée', 'Abandonnée']).toContain(status);
    expect(await page.locator(`[id="action-${DEMO_CONTRACT_ID}.1.1-A1"]`).textContent()).toMatch(/^1\.1-A1/);
    await mapDrawn(page, 'territory-map');
    await saveScreenshot(page, 'portal-contract');
    await expectAccessible(page);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
