import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import { repositoryRoot, usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };
/** Lodève's and Clermont-l'Hérault's centres (geo/communes.csv), as a shared link carries them. */
const LODEVE_LINK = `/?q=${encodeURIComponent('Lodève')}&commune=34142&lon=3.305756&lat=43.730632`;
const CLERMONT_LINK = `/?q=${encodeURIComponent("Clermont-l'Hérault")}&commune=34079&lon=3.4128&lat=43.6341`;

/**
 * The deployment's basemap, as MAP_STYLE_URL points to it: a tiny MapLibre style served by the
 * test, or, once `styleServer.down` is set, a server that drops every connection (unreachable).
 */
const styleServer = { down: false, requests: 0 };
const TEST_STYLE = {
  version: 8,
  name: 'Style de test',
  sources: {
    square: {
      type: 'geojson',
      attribution: 'Fond de test © Exemple',
      data: {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [2, 43],
              [5, 43],
              [5, 45],
              [2, 45],
              [2, 43],
            ],
          ],
        },
      },
    },
  },
  layers: [
    { id: 'test-background', type: 'background', paint: { 'background-color': '#f0e0ff' } },
    { id: 'test-square', type: 'fill', source: 'square', paint: { 'fill-color': '#c0a0e0' } },
  ],
};
const server = createServer((request, response) => {
  styleServer.requests += 1;
  if (styleServer.down) {
    request.socket.destroy();
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
  response.end(JSON.stringify(TEST_STYLE));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const styleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/style.json`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The map alone, as a person sees it (the whole page's screenshot makes it too small to read). */
async function saveMapScreenshot(page: Page, name: string): Promise<void> {
  await page
    .getByTestId('offer-map')
    .screenshot({ path: join(repositoryRoot, 'tests/e2e/screenshots', `${name}.png`) });
}

/** The place names the map drew, once it is idle (written by the portal on the map's element). */
async function drawnPlaceNames(page: Page): Promise<string[]> {
  const map = page.getByTestId('offer-map');
  await page.locator('[data-testid="offer-map"][aria-busy="false"][data-place-names]').waitFor();
  return ((await map.getAttribute('data-place-names')) ?? '').split('|');
}

describe('the portal’s map: place names offline, the deployment’s MAP_STYLE_URL, and its fallback', () => {
  // No demo: the map is the same without offers, and the platform starts faster.
  const running = usePlatformInBrowser({ DEMO: 'false', MAP_STYLE_URL: styleUrl });

  async function open(path: string, options: BrowserContextOptions) {
    const context = await running.browser.newContext({ locale: 'fr-FR', ...options });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${running.platform.baseUrl}${path}`);
    return { page, errors, close: () => context.close() };
  }

  it('draws the configured style, credited with its own attribution and the portal’s', async () => {
    styleServer.down = false;
    const before = styleServer.requests;
    const { page, errors, close } = await open(LODEVE_LINK, DESKTOP);
    const map = page.getByTestId('offer-map');
    await page.locator('[data-testid="offer-map"][aria-busy="false"]').waitFor();
    expect(await map.getAttribute('data-basemap')).toBe('configured');
    expect(styleServer.requests).toBeGreaterThan(before);
    const credits = await page.locator('.maplibregl-ctrl-attrib-inner').textContent();
    expect(credits).toContain('Fond de test © Exemple');
    expect(credits).toContain('FINESS');
    await saveMapScreenshot(page, 'portal-map-configured-style');
    expect(errors).toEqual([]);
    await close();
  });

  it('falls back to the offline basemap, with a quiet note, when the configured style is unreachable', async () => {
    styleServer.down = true;
    const { page, errors, close } = await open(LODEVE_LINK, DESKTOP);
    const names = await drawnPlaceNames(page);
    expect(await page.getByTestId('offer-map').getAttribute('data-basemap')).toBe('fallback');
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('Fond de carte simplifié'));
    // Around Lodève at a search's zoom: the commune itself and its neighbours, accents drawn.
    expect(names).toContain('Lodève');
    expect(names.length).toBeGreaterThan(5);
    const credits = await page.locator('.maplibregl-ctrl-attrib-inner').textContent();
    for (const source of ['Natural Earth', 'IGN Admin Express', 'INSEE', 'FINESS'])
      expect(credits).toContain(source);
    await saveMapScreenshot(page, 'portal-map-lodeve-desktop');
    expect(errors).toEqual([]);
    await close();
  });

  it('stays busy until the land it fetched is drawn, idle as the map may be before (the world file held back)', async () => {
    styleServer.down = true;
    const context = await running.browser.newContext({ locale: 'fr-FR', ...DESKTOP });
    const page = await context.newPage();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/countries-50m[^/]*\.json$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${running.platform.baseUrl}${LODEVE_LINK}`);
    // The map went idle with everything else (it wrote the names it drew), the land still on its way.
    await page.locator('[data-testid="offer-map"][data-place-names]').waitFor();
    expect(await page.getByTestId('offer-map').getAttribute('aria-busy')).toBe('true');
    release();
    await page.locator('[data-testid="offer-map"][aria-busy="false"]').waitFor();
    await context.close();
  });

  it('names the departments when zoomed out, with the keyboard alone (focus visible on the map)', async () => {
    styleServer.down = true;
    const { page, close } = await open(CLERMONT_LINK, DESKTOP);
    expect(await drawnPlaceNames(page)).toContain("Clermont-l'Hérault");
    const canvas = page.locator('canvas.maplibregl-canvas');
    // Tab until the map's canvas has the focus, as a keyboard user would.
    for (
      let press = 0;
      press < 60 && !(await canvas.evaluate((node) => node === document.activeElement));
      press++
    )
      await page.keyboard.press('Tab');
    expect(await canvas.evaluate((node) => node === document.activeElement)).toBe(true);
    const outline = await canvas.evaluate((node) => getComputedStyle(node).outlineStyle);
    expect(outline).not.toBe('none');
    // The zoom buttons come next, each named and with the site's focus ring.
    await page.keyboard.press('Tab');
    const zoomIn = page.getByRole('button', { name: 'Zoomer', exact: true });
    expect(await zoomIn.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await zoomIn.evaluate((node) => getComputedStyle(node).outlineStyle)).toBe('solid');
    await page.keyboard.press('Shift+Tab');
    // Zoomed out one step at a time (each drawn before the next), until the region shows.
    const wanted = ['Hérault', 'Montpellier', 'Béziers'];
    let names: string[] = [];
    for (let press = 0; press < 6 && !wanted.every((name) => names.includes(name)); press++) {
      await page.keyboard.press('-');
      await page.waitForTimeout(700);
      names = await drawnPlaceNames(page);
    }
    expect(names, names.join(' | ')).toEqual(expect.arrayContaining(wanted));
    await saveMapScreenshot(page, 'portal-map-departements');
    await close();
  }, 120_000);

  it('on a phone at 375 px, shows Clermont-l’Hérault’s neighbours by name, and stays usable at 200 % zoom', async () => {
    styleServer.down = true;
    const { page, close } = await open(CLERMONT_LINK, PHONE);
    await page.getByRole('button', { name: 'Carte' }).click();
    const names = await drawnPlaceNames(page);
    expect(names).toContain("Clermont-l'Hérault");
    await saveScreenshot(page, 'portal-map-clermont-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Liste' }).click();
    await expectAccessible(page);
    await close();

    // 200 % zoom on a 1280 px screen is a 640 px wide window: nothing wider than the window.
    const zoomed = await open(CLERMONT_LINK, { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
    await zoomed.page.getByTestId('results-summary').waitFor();
    const zoomedOverflow = await zoomed.page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(zoomedOverflow).toBeLessThanOrEqual(0);
    await zoomed.close();
  });

  it('without WebGL, says the map cannot be shown and keeps the list', async () => {
    styleServer.down = true;
    const context = await running.browser.newContext({ locale: 'fr-FR', ...DESKTOP });
    // A browser without WebGL: no context can be created on a canvas.
    await context.addInitScript(() => {
      const getContext = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (
        this: HTMLCanvasElement,
        type: string,
        ...rest: unknown[]
      ) {
        if (type.startsWith('webgl') || type === 'experimental-webgl') return null;
        return (getContext as (...args: unknown[]) => RenderingContext | null).call(this, type, ...rest);
      } as typeof getContext;
    });
    const page = await context.newPage();
    await page.goto(`${running.platform.baseUrl}${CLERMONT_LINK}`);
    await page
      .getByText('La carte ne peut pas s’afficher sur cet appareil ; la liste reste disponible.')
      .waitFor();
    expect(await page.getByRole('region', { name: 'Résultats' }).isVisible()).toBe(true);
    await context.close();
  });
});
