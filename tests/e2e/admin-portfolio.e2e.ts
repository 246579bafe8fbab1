import { loadSeeds } from '@cls/demo';
import { describe, expect, it } from 'vitest';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const coeurHerault = 'cls-coeur-herault-2024';
const carcassonne = 'cls-carcassonne';
const seeds = loadSeeds();
if (!seeds) console.log('[e2e] portfolio browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

describe.skipIf(!seeds)('the ARS’s portfolio and the elected official’s contract, on the demo data', () => {
  const running = usePlatformInBrowser();

  it('an ARS user scoped to Hérault sees the Cœur d’Hérault contract on the portfolio and the map, not Carcassonne’s', async () => {
    const page = await signIn(running, 'ars@demo-cls.fr');
    // The ARS lands on its portfolio.
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Portefeuille des contrats');
    expect(await page.getByTestId('portfolio-scope').textContent()).toContain('le département 34');
    const portfolio = page.getByTestId('portfolio');
    const cards = portfolio.getByRole('heading', { level: 2 });
    await expect
      .poll(() => cards.allTextContents())
      .toContain("Contrat Local de Santé du Pays Cœur d'Hérault 2024-2029");
    const titles = await cards.allTextContents();
    expect(titles.some((title) => /Carcassonne/.test(title))).toBe(false);
    // The funding is not recorded on the platform yet: said so, never 0.
    expect(await portfolio.getByTestId('portfolio-funding').first().textContent()).toBe('non renseigné');
    // The indicators of the catalogue (72, none with a target in the seed).
    expect(await portfolio.getByTestId('portfolio-indicators').allTextContents()).toContain(
      '72 indicateurs au catalogue, cible non renseigné',
    );

    // The map: the territory drawn and labelled with a link to its contract; no Carcassonne.
    const map = page.getByTestId('portfolio-map');
    // The 77 communes of the Pays Cœur d'Hérault drawn (both its contracts share them: drawn once).
    await expect.poll(() => map.getAttribute('data-drawn'), { timeout: 20_000 }).toBe('77');
    const label = map.locator('.portfolio-map__label').getByRole('link', { name: /Cœur d'Hérault 2024/ });
    await expect.poll(() => label.count(), { timeout: 20_000 }).toBe(1);
    expect(await map.getByRole('link', { name: /Carcassonne/ }).count()).toBe(0);
    expect(await page.getByTestId('portfolio-map-legend').textContent()).toContain(
      '77 communes (département 34)',
    );
    // The PRS objectives of annex 2 named by the contracts, each with the contracts serving it.
    const prs = page.getByTestId('portfolio-prs');
    await expect.poll(() => prs.textContent()).toContain('PRS Occitanie 2023-2028');
    const access = prs.getByRole('listitem').filter({ hasText: 'Engagement 3, défi 1' }).first();
    expect(await access.textContent()).toContain("Contrat Local de Santé du Pays Cœur d'Hérault 2024-2029");
    expect(await access.textContent()).toContain('1.1');
    expect(await prs.textContent()).not.toContain('Carcassonne');
    await saveScreenshot(page, 'admin-portfolio-ars');
    await page.setViewportSize({ width: 375, height: 900 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(375);
    await saveScreenshot(page, 'admin-portfolio-ars-375');

    // The label leads to the contract.
    await page.setViewportSize({ width: 1280, height: 900 });
    await label.click();
    await expect.poll(() => page.url()).toContain(`/admin/contrats/${coeurHerault}`);

    // The contract's plan says which PRS objectives each fiche serves.
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${coeurHerault}/plan`);
    await expect
      .poll(() => page.getByTestId('fiche-prs-1.1').textContent())
      .toContain('PRS Occitanie 2023-2028, engagement 3 défi 1');

    // Carcassonne's plan by its URL: the French refusal, nothing of the plan.
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${carcassonne}/plan`);
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('ne fait pas partie des vôtres');
  });

  it('an administrator sees every contract on the portfolio, Grand Périgueux’s lettered action codes included', async () => {
    const page = await signIn(running, 'admin@demo-cls.fr');
    await page.getByRole('link', { name: 'Portefeuille' }).click();
    const cards = page.getByTestId('portfolio').getByRole('heading', { level: 2 });
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(5);
    expect((await cards.allTextContents()).join(' ')).toContain('Carcassonne');
    await expect
      .poll(() => page.getByTestId('portfolio-prs-summary').textContent())
      .toMatch(/objectifs nommés/);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('an elected official sees their contract read-only: no command form', async () => {
    const page = await signIn(running, 'elu@demo-cls.fr');
    const contracts = page.getByRole('heading', { level: 2 });
    await expect
      .poll(() => contracts.allTextContents())
      .toEqual(["Contrat Local de Santé du Pays Cœur d'Hérault 2024-2029"]);
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${coeurHerault}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain("Cœur d'Hérault");
    expect(await page.locator('main form').count()).toBe(0);
    await page.goto(`${running.platform.baseUrl}/admin/actions/${coeurHerault}.1.1-A1`);
    await expect.poll(() => page.getByTestId('action-status').textContent()).toBe('Prévue');
    expect(await page.locator('main form').count()).toBe(0);
    await saveScreenshot(page, 'admin-elected-action');
    await page.setViewportSize({ width: 375, height: 900 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(375);
    await saveScreenshot(page, 'admin-elected-action-375');
    // Another contract's page: refused in French.
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${carcassonne}`);
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('ne fait pas partie des vôtres');
  });
});
