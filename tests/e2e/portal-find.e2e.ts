import { loadSeeds } from '@cls/demo';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import { press } from './support/keyboard.js';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const seeds = loadSeeds();
if (!seeds)
  console.log('[e2e] portal-find browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };
/** Centres of the communes (geo/communes.csv), as a shared link carries them. */
const PEZENAS = `/?q=P%C3%A9zenas&commune=34199&lon=3.41593&lat=43.4633`;
const LODEVE = `/?q=Lod%C3%A8ve&commune=34142&lon=3.30576&lat=43.73063&rayon=50`;
/** From the FINESS extract: the MSPs nearest Pézenas (1.1 km, then Servian at 9.6 km) and Gignac's child CMP. */
const PEZENAS_MSP = 'finess-340025642';
const SERVIAN_MSP = 'finess-340024611';
const GIGNAC_CHILD_CMP = 'finess-340021310';

/** Test data a coordinator enters, through the API her admin session calls (the form is tested in admin-offers). */
async function updateOffer(page: Page, offerId: string, changes: Record<string, unknown>) {
  const answer = await page.evaluate(
    async ({ offerId, changes }) => {
      const response = await fetch('/trpc/offer.update', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ offerId, changes, verifiedOn: new Date().toISOString().slice(0, 10) }),
      });
      return { status: response.status, body: await response.text() };
    },
    { offerId, changes },
  );
  expect(answer.status, answer.body).toBe(200);
}

describe.skipIf(!seeds)('a resident finds the offer that fits, keyboard only', () => {
  const running = usePlatformInBrowser();

  it('sets up hours as a coordinator', async () => {
    const coordinator = await signIn(running, 'coordinatrice@demo-cls.fr');
    // The nearest MSP is closed now whatever the hour (closed every day), the next one always open.
    await updateOffer(coordinator, PEZENAS_MSP, { openingHours: 'off' });
    await updateOffer(coordinator, SERVIAN_MSP, { openingHours: '24/7', access: ['sans_avance_de_frais'] });
    // Its public (enfants, adolescents) comes from the FINESS import, told from its name (CMPEA).
    await updateOffer(coordinator, GIGNAC_CHILD_CMP, { openingHours: 'Mo-Fr 09:00-17:00' });
    await coordinator.close();
  });

  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`from Pézenas, the nearest MSP open now, and its number to call (${device})`, async () => {
      const context = await running.browser.newContext({ locale: 'fr-FR', ...options });
      const page = await context.newPage();
      await page.goto(`${running.platform.baseUrl}${PEZENAS}`);
      await page.locator('.result').first().waitFor();
      await press(page.getByRole('checkbox', { name: /^MSP : / }), 'Space');
      const openNow = page.getByRole('checkbox', { name: /^Ouvert maintenant \(\d+\)$/ });
      await openNow.waitFor();
      await press(openNow, 'Space');
      await expect.poll(() => new URL(page.url()).searchParams.get('ouvert')).toBe('maintenant');
      const first = page.locator('.result').first();
      await expect.poll(() => first.textContent()).toMatch(/^MSP Espace Santé Servian|Servian/i);
      expect(await first.getByTestId('open-now').textContent()).toBe('Ouvert maintenant');
      expect(await page.getByTestId('results-summary').textContent()).toMatch(
        /^1 offre à moins de 10 km de Pézenas — filtres : ouvert maintenant\.$/,
      );
      // A search for MSP only is not about sages-femmes: no pointer to other directories.
      expect(await page.getByTestId('missing-kinds').count()).toBe(0);
      // The closed one, nearer, is not listed.
      expect(await page.locator(`.result[data-offer-id="${PEZENAS_MSP}"]`).count()).toBe(0);
      expect(await first.locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:+33467390975');
      await saveScreenshot(page, `portal-find-filters-${device}`);

      // Its card: open now, the week, and « Appeler ».
      await press(first.locator('.result__name a'));
      const card = page.getByRole('article');
      await card.getByTestId('week-table').waitFor();
      expect(await card.getByTestId('open-now').textContent()).toBe('Ouvert maintenant');
      expect(await card.getByRole('link', { name: /^Appeler/ }).getAttribute('href')).toMatch(/^tel:/);
      expect(await card.getByTestId('week-table').textContent()).toContain('24 h sur 24');
      // A shared link gives the same search.
      await page.reload();
      await page.getByRole('checkbox', { name: /^Ouvert maintenant/ }).waitFor();
      expect(await page.getByRole('checkbox', { name: /^Ouvert maintenant/ }).isChecked()).toBe(true);
      await expectAccessible(page);
      if (device === 'phone')
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await context.close();
    });

    it(`from Lodève, a child CMP, and whether it is open on Saturday (${device})`, async () => {
      const context = await running.browser.newContext({ locale: 'fr-FR', ...options });
      const page = await context.newPage();
      await page.goto(`${running.platform.baseUrl}${LODEVE}`);
      await page.locator('.result').first().waitFor();
      await press(page.getByRole('checkbox', { name: /^CMP : / }), 'Space');
      const children = page.getByRole('checkbox', { name: /^Enfants \(\d+\)$/ });
      await children.waitFor();
      await press(children, 'Space');
      await expect.poll(() => new URL(page.url()).searchParams.get('public')).toBe('enfants');
      const gignac = page.locator(`.result[data-offer-id="${GIGNAC_CHILD_CMP}"]`);
      await gignac.waitFor();
      await press(gignac.locator('.result__name a'));
      const card = page.getByRole('article');
      const week = card.getByTestId('week-table');
      await week.waitFor();
      const saturday = week.getByRole('row', { name: /^Samedi/ });
      expect(await saturday.textContent()).toMatch(/^Samedi.*fermé/);
      expect(await week.getByRole('row', { name: /^Lundi/ }).textContent()).toMatch(/09:00–17:00/);
      expect(await card.getByTestId('offer-publics').textContent()).toBe('Enfants, Adolescents');
      await saveScreenshot(page, `portal-find-card-hours-${device}`);
      await expectAccessible(page);
      await context.close();
    });
  }
});
