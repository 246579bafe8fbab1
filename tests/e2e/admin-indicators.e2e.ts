import { loadSeeds } from '@cls/demo';
import { describe, expect, it } from 'vitest';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const contract = 'cls-coeur-herault-2024';
const seeds = loadSeeds();
if (!seeds)
  console.log('[e2e] indicator catalogue browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

describe.skipIf(!seeds)('the indicator catalogue, on the demo data', () => {
  const running = usePlatformInBrowser();

  it('a coordinator measures a catalogue indicator of the action’s fiche and sees it against its target', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(`${running.platform.baseUrl}/admin/actions/${contract}.1.1-A1`);
    await expect.poll(() => page.getByTestId('action-status').textContent()).toBe('Prévue');
    // The seed's indicators of fiche 1.1, loaded with the plan: none measured, no target (the seed gives none).
    const table = page.getByTestId('action-indicators');
    await expect.poll(() => table.textContent()).toContain('Nombre de médecins salariés en Centre de Santé');
    expect(await table.textContent()).toContain('non renseigné');

    await page
      .getByRole('form', { name: 'Démarrer l’action' })
      .getByLabel('Date de démarrage')
      .fill('2025-01-06');
    await page.getByRole('button', { name: 'Démarrer' }).click();
    await expect.poll(() => page.getByTestId('action-status').textContent()).toBe('En cours');

    const measure = page.getByRole('form', { name: 'Mesurer un indicateur' });
    await measure
      .getByLabel('Indicateur du catalogue')
      .selectOption({ label: 'Nombre de médecins salariés en Centre de Santé' });
    await measure.getByLabel('Valeur').fill('2');
    await measure.getByLabel('Année mesurée').fill('2025');
    await measure.getByLabel('Date de la mesure').fill('2025-06-30');
    await measure.getByRole('button', { name: 'Enregistrer la mesure' }).click();
    const row = table.getByRole('row', { name: /Nombre de médecins salariés en Centre de Santé/ });
    await expect
      .poll(() => row.textContent())
      .toBe('Nombre de médecins salariés en Centre de Santé20252non renseigné');
    await saveScreenshot(page, 'admin-indicators-measured');
    await page.setViewportSize({ width: 375, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await saveScreenshot(page, 'admin-indicators-measured-375');
  });

  it('the dashboard draws the deliverables per year, with the same figures in its data table', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${contract}`);
    const figure = page.getByRole('figure', { name: 'Livrables prévus et produits par année' });
    // The drawing: one bar per year and series, from recharts (loaded with the first chart).
    await expect.poll(() => figure.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const drawing = figure.getByRole('img', { name: /Livrables prévus et produits par année : graphique/ });
    expect(await drawing.count()).toBe(1);
    // The accessible alternative: the table, one keystroke away, with every year of the plan.
    await figure.getByText('Tableau des données').focus();
    await page.keyboard.press('Enter');
    const table = figure.getByRole('table', { name: 'Livrables prévus et produits par année' });
    await expect.poll(() => table.isVisible()).toBe(true);
    const header = await table.getByRole('row').first().textContent();
    expect(header).toBe('AnnéePrévusProduits');
    expect(await table.getByRole('row').count()).toBeGreaterThan(1);
    await saveScreenshot(page, 'admin-dashboard-chart');
    await page.setViewportSize({ width: 375, height: 900 });
    // The chart follows its container's width once the resize is observed.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await saveScreenshot(page, 'admin-dashboard-chart-375');
  });
});
