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

  it('the coordinator sets an indicator’s targets; its pilot measures it and sees it against them', async () => {
    const indicator = 'Nombre de médecins salariés en Centre de Santé';
    // The coordinator completes the seed's indicator (untyped, no target) in the catalogue.
    const coordination = await signIn(running, 'coordinatrice@demo-cls.fr');
    await coordination.goto(`${running.platform.baseUrl}/admin/contrats/${contract}/indicateurs`);
    await expect
      .poll(() => coordination.getByTestId('catalogue-summary').textContent())
      .toBe('72 indicateurs au catalogue, dont 0 avec une cible et 0 mesuré.');
    const card = coordination.getByRole('listitem').filter({
      has: coordination.locator('summary', { hasText: indicator }),
    });
    const summary = card.locator('summary').first();
    expect(await summary.textContent()).toBe(`${indicator} non mesuré`);
    await summary.focus();
    await coordination.keyboard.press('Enter');
    await card.getByText(`Modifier « ${indicator} »`).click();
    const edit = card.getByRole('form', { name: /Modifier l’indicateur/ });
    // Bad input is refused beside its field, and nothing is recorded: a rate is never summed.
    await edit.getByLabel('Unité (facultatif)').fill('%');
    await edit.getByLabel('Règle de calcul sur l’année').selectOption({ label: 'Somme' });
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect.poll(() => edit.textContent()).toContain('Un taux ne s’additionne pas');
    await edit.getByLabel('Unité (facultatif)').fill('médecins');
    await edit.getByLabel('Sens').selectOption({ label: 'Plus haut est mieux' });
    await edit.getByLabel('Cibles par année (facultatif)').fill('2031 : 9');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect
      .poll(() => edit.textContent())
      .toContain('Cible de 2031 hors de la période du contrat (2024-2029)');
    await edit.getByLabel('Cibles par année (facultatif)').fill('2025 : 5\n2026 : 8');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect
      .poll(() => coordination.getByTestId('catalogue-summary').textContent())
      .toBe('72 indicateurs au catalogue, dont 1 avec une cible et 0 mesuré.');

    // The pilot of 1.1-A1 measures it from the action's page, choosing it in the catalogue.
    const page = await signIn(running, 'pilote@demo-cls.fr');
    await page.goto(`${running.platform.baseUrl}/admin/actions/${contract}.1.1-A1`);
    await expect.poll(() => page.getByTestId('action-status').textContent()).toBe('Prévue');
    const table = page.getByTestId('action-indicators');
    const rows = () => table.getByRole('row', { name: new RegExp(indicator) }).allTextContents();
    await expect.poll(rows).toEqual([`${indicator}2025non renseigné5`, `${indicator}2026non renseigné8`]);
    await page
      .getByRole('form', { name: 'Démarrer l’action' })
      .getByLabel('Date de démarrage')
      .fill('2025-01-06');
    await page.getByRole('button', { name: 'Démarrer' }).click();
    await expect.poll(() => page.getByTestId('action-status').textContent()).toBe('En cours');
    const measure = page.getByRole('form', { name: 'Mesurer un indicateur' });
    await measure.getByLabel('Indicateur du catalogue').selectOption({ label: indicator });
    await measure.getByLabel('Valeur').fill('2');
    await measure.getByLabel('Année mesurée').fill('2025');
    await measure.getByLabel('Date de la mesure').fill('2025-06-30');
    await measure.getByRole('button', { name: 'Enregistrer la mesure' }).click();
    // The measure against its target, year by year.
    await expect.poll(rows).toEqual([`${indicator}202525`, `${indicator}2026non renseigné8`]);
    await saveScreenshot(page, 'admin-indicators-measured');
    await page.setViewportSize({ width: 375, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await saveScreenshot(page, 'admin-indicators-measured-375');

    // The catalogue draws its figures per year against the targets, with the same values in the data table.
    await coordination.reload();
    const chart = card.getByRole('figure', { name: /valeur et cible par année/ });
    await expect.poll(() => chart.textContent()).toContain('2025 : cible non atteinte · 2026 : non mesuré');
    expect(await summary.textContent()).toBe(`${indicator} 2025 : 2 médecins — cible non atteinte`);
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await chart.locator('table tr').allTextContents()).toEqual([
      'AnnéeValeurCible',
      '202525',
      '2026non renseigné8',
    ]);
    await saveScreenshot(coordination, 'admin-indicators-catalogue');

    // The dashboard: the last figure against its target, by the indicator's direction.
    await coordination.goto(`${running.platform.baseUrl}/admin/contrats/${contract}`);
    const dashboard = coordination.getByTestId('dashboard-indicators');
    await expect
      .poll(() => dashboard.getByRole('row', { name: /Nombre de médecins salariés/ }).textContent())
      .toBe(`1.1 — ${indicator} (médecins)202525cible non atteinte`);
    const versus = coordination.getByRole('figure', { name: /Indicateurs face à leur cible/ });
    await expect.poll(() => versus.locator('.recharts-bar-rectangle').count()).toBe(1);
    await saveScreenshot(coordination, 'admin-indicators-dashboard');
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
    // Progress over time: the contract's years up to this one, cumulated from the actions' dates.
    const overTime = page.getByRole('figure', { name: /Actions démarrées et réalisées/ });
    await expect.poll(() => overTime.locator('.recharts-line').count()).toBe(2);
    const years = await overTime.locator('table tr').allTextContents();
    expect(years[0]).toBe('AnnéeDémarréesRéalisées');
    expect(years[1]).toMatch(/^2024\d+\d+$/);
    await saveScreenshot(page, 'admin-dashboard-chart');
    await page.setViewportSize({ width: 375, height: 900 });
    // At once: until the chart follows its container's width (a resize is observed later), it is clipped.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await saveScreenshot(page, 'admin-dashboard-chart-375');
  });
});
