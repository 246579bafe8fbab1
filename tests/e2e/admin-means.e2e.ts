import { loadSeeds } from '@cls/demo';
import { describe, expect, it } from 'vitest';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const contract = 'cls-coeur-herault-2024';
const seeds = loadSeeds();
if (!seeds) console.log('[e2e] means browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

describe.skipIf(!seeds)('the contract’s means, on the demo data', () => {
  const running = usePlatformInBrowser();

  it('a coordinator records a funding line for an action, marks it paid and sees planned against paid per year', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${contract}`);
    await page
      .getByRole('navigation', { name: 'Pilotage du contrat' })
      .getByRole('link', { name: 'Moyens' })
      .click();
    await page.getByRole('heading', { name: 'Moyens du contrat', level: 1 }).waitFor();
    // The seeds' means: the CLSM's funding by the ARS, committed without a yearly amount.
    const lines = page.getByTestId('funding-lines');
    await expect.poll(() => lines.textContent()).toContain('Financement du CLSM');
    expect(await lines.getByRole('row', { name: /Financement du CLSM/ }).textContent()).toContain(
      'non renseigné',
    );
    expect(await page.getByTestId('funding-empty').textContent()).toBe(
      'Aucun financement enregistré pour ce contrat.',
    );

    const form = page.getByRole('form', { name: 'Ajouter une ligne de financement' });
    await form.getByLabel('Financeur').selectOption({ label: 'ARS Occitanie' });
    await form.getByLabel('Ce qu’elle finance').selectOption({ value: `${contract}.1.1-A1` });
    await form.getByLabel('Intitulé').fill('Accueil des internes : indemnités de logement');
    // Bad input, said beside its field: a negative amount (the schema), then a year outside the period (the domain).
    await form.getByLabel('Année').fill('2025');
    await form.getByLabel('Montant prévu (€)').fill('-5');
    await form.getByRole('button', { name: 'Ajouter la ligne' }).click();
    const planned = form.getByLabel('Montant prévu (€)');
    await expect.poll(() => planned.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field--error').textContent()).toContain('montant négatif');
    await planned.fill('12 000');
    await form.getByLabel('Montant engagé (€)').fill('12 000');
    await form.getByLabel('Année').fill('2031');
    await form.getByRole('button', { name: 'Ajouter la ligne' }).click();
    const year = form.getByLabel('Année');
    await expect.poll(() => year.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field--error').textContent()).toContain(
      'Année 2031 hors de la période du contrat (2024-2029)',
    );
    await saveScreenshot(page, 'admin-means-refused');
    await year.fill('2025');
    await form.getByRole('button', { name: 'Ajouter la ligne' }).click();
    const line = lines.getByRole('row', { name: /Accueil des internes : indemnités de logement/ });
    await expect
      .poll(() => line.textContent())
      .toContain('2025 : prévu 12\u00a0000\u00a0€, engagé 12\u00a0000\u00a0€, payé non renseigné');
    expect(await line.getByRole('link', { name: 'Action 1.1-A1' }).count()).toBe(1);

    // Half of it paid.
    const amounts = page.getByRole('form', { name: 'Renseigner les montants d’une année' });
    await amounts.getByLabel('Ligne de financement').selectOption({
      label: 'ARS Occitanie — Accueil des internes : indemnités de logement (action 1.1-A1)',
    });
    await amounts.getByLabel('Année').fill('2025');
    await amounts.getByLabel('Montant payé (€)').fill('6 000');
    await amounts.getByRole('button', { name: 'Enregistrer les montants' }).click();
    await expect.poll(() => line.textContent()).toContain('payé 6\u00a0000\u00a0€');

    // Planned against paid per year: the chart, and the same figures in its data table.
    const figure = page.getByRole('figure', { name: 'Financements par année' });
    await expect.poll(() => figure.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await figure.getByText('Tableau des données').focus();
    await page.keyboard.press('Enter');
    const table = figure.getByRole('table', { name: 'Financements par année' });
    await expect.poll(() => table.isVisible()).toBe(true);
    expect(await table.getByRole('row').first().textContent()).toBe('AnnéePrévuEngagéPayé');
    expect(await table.getByRole('row', { name: /2025/ }).textContent()).toBe(
      '202512\u00a0000\u00a0€12\u00a0000\u00a0€6\u00a0000\u00a0€',
    );
    const byFunder = page.getByTestId('funding-by-funder');
    expect(await byFunder.getByRole('row', { name: /ARS Occitanie/ }).textContent()).toContain(
      '6\u00a0000\u00a0€',
    );
    // A mistake corrected: the line funds the coordination, not the action.
    const correct = page.getByRole('form', { name: 'Corriger une ligne de financement' });
    await correct.getByLabel('Ligne de financement').selectOption({
      label: 'ARS Occitanie — Accueil des internes : indemnités de logement (action 1.1-A1)',
    });
    await correct
      .getByLabel('Ce qu’elle finance désormais (facultatif)')
      .selectOption({ value: 'coordination' });
    await correct.getByRole('button', { name: 'Corriger la ligne' }).click();
    await expect.poll(() => line.textContent()).toContain('La coordination');
    expect(await line.textContent()).toContain('payé 6\u00a0000\u00a0€');
    await saveScreenshot(page, 'admin-means');
    await page.setViewportSize({ width: 375, height: 900 });
    // The chart's tooltip, on its rightmost bar, wraps inside the chart rather than past the phone's edge.
    const drawn = page.getByRole('figure', { name: /Financements par année/ });
    await expect.poll(() => drawn.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await drawn.locator('.recharts-bar-rectangle').last().hover();
    await expect.poll(() => drawn.locator('.recharts-tooltip-wrapper').isVisible()).toBe(true);
    // Nothing wider than the phone (named, if anything is).
    await expect
      .poll(() =>
        page.evaluate(() =>
          Array.from(document.querySelectorAll('body *'))
            .filter((element) => element.getBoundingClientRect().right > 376)
            .slice(0, 5)
            .map(
              (element) =>
                `${element.tagName.toLowerCase()}.${element.className} ${element.textContent?.slice(0, 40)}`,
            ),
        ),
      )
      .toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await saveScreenshot(page, 'admin-means-375');
  });
});
