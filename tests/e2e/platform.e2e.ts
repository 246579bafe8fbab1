import { loadSeeds } from '@cls/demo';
import { describe, expect, it } from 'vitest';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';

describe('the built platform in a browser', () => {
  const running = usePlatformInBrowser();

  it('serves the portal at /, its footer with the sources and no server details', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${running.platform.baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('h1')).toBe('Trouver une offre de santé près de chez vous');
    await page.getByTestId('public-footer').waitFor();
    expect(await page.locator('footer').textContent()).not.toMatch(/PostgreSQL|base de données/);
    await saveScreenshot(page, 'portal-desktop');
    await page.close();
  });

  it('fits the portal on a phone without horizontal scrolling', async () => {
    const page = await running.browser.newPage({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(`${running.platform.baseUrl}/`);
    await page.getByTestId('public-footer').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'portal-phone');
    await page.close();
  });

  it('serves the admin app at /admin, also on a client-side route after reload', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${running.platform.baseUrl}/admin`);
    expect(page.url()).toBe(`${running.platform.baseUrl}/admin/`);
    // Nobody is signed in: the admin app asks who you are.
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    const status = page.getByTestId('platform-status');
    await status.waitFor();
    expect(await status.textContent()).toMatch(
      /Plateforme CLS 0\.1\.0 .*base de données joignable \(PostgreSQL 18/,
    );
    await saveScreenshot(page, 'admin-desktop');

    await page.goto(`${running.platform.baseUrl}/admin/contrats/exemple`);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await page.close();
  });

  it.skipIf(!loadSeeds())('prints the demo accounts, one per role, once the seeds are replayed', () => {
    const output = running.platform.output();
    for (const email of [
      'admin@demo-cls.fr',
      'coordinatrice@demo-cls.fr',
      'pilote@demo-cls.fr',
      'auditrice@demo-cls.fr',
    ]) {
      expect(output).toContain(email);
    }
    expect(output).toMatch(/Démo\s+chargée \(\d+ commandes, \d+ événements\)/);
  });

  it('answers /healthz and /trpc/system.info on the same port', async () => {
    const health = await fetch(`${running.platform.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { up: true } });

    const info = await fetch(`${running.platform.baseUrl}/trpc/system.info`);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ result: { data: { application: 'Plateforme CLS' } } });
  });

  it('keeps hashed assets cacheable and pages fresh', async () => {
    const page = await fetch(`${running.platform.baseUrl}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const asset = html.match(/\/assets\/[^"]+\.js/)?.[0];
    expect(asset).toBeDefined();
    const script = await fetch(`${running.platform.baseUrl}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
  });
});
