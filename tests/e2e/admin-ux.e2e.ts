import { DEMO_PILOTED_ACTION_ID, loadSeeds } from '@cls/demo';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mutate, press, submit, type } from './support/keyboard.js';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const seeds = loadSeeds();
if (!seeds) console.log('[e2e] admin UX browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/**
 * The app serves its users by itself: a pilot lands on « mes actions », types
 * what a French user types, hears where the result is, and finds their comment,
 * under their name, in the history; a refusal names the missing step and leads to it.
 */
describe.skipIf(!seeds)('the admin app guides its users', () => {
  const running = usePlatformInBrowser();

  it('a pilot lands on « mes actions » and reports progress « 30 % » on « 15/03/2025 », keyboard only', async () => {
    const page = await signIn(running, 'pilote@demo-cls.fr');
    await page.getByRole('heading', { name: 'Mes actions', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/mes-actions');
    await saveScreenshot(page, 'admin-ux-my-actions');
    await press(page.getByTestId('my-actions').getByRole('link', { name: /^1\.1-A1/ }));
    await page.getByTestId('action-status').waitFor();
    // Only the forms a pilot may submit: running the action, not abandoning it.
    await page.getByRole('heading', { name: 'Agir sur l’action' }).waitFor();
    expect(await page.getByRole('form', { name: 'Abandonner l’action' }).count()).toBe(0);

    if ((await page.getByTestId('action-status').textContent()) === 'Prévue') {
      const start = page.getByRole('form', { name: 'Démarrer l’action' });
      await type(start.getByLabel('Date de démarrage'), '06/01/2025');
      await press(start.getByRole('button', { name: 'Démarrer' }));
      await expect.poll(() => page.getByTestId('action-status').textContent()).toBe('En cours');
      // The focus went to the result: the action's new state.
      await expect.poll(() => focusedId(page)).toBe('action-status');
    }

    const report = page.getByRole('form', { name: 'Renseigner l’état d’avancement' });
    // Bad input first: the summary is announced and focused, each message names its field by its label.
    await type(report.getByLabel('Date', { exact: true }), '31/02/2025');
    await type(report.getByLabel('Réalisé (%)'), 'trente');
    await press(report.getByRole('button', { name: 'Enregistrer l’avancement' }));
    const summary = report.getByRole('alert');
    await expect.poll(() => summary.textContent()).toMatch(/^Le formulaire contient \d erreurs/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    const said = (await summary.textContent()) ?? '';
    expect(said).toContain('Date : date attendue au format JJ/MM/AAAA');
    expect(said).toContain('Réalisé (%) :');
    expect(said).not.toMatch(/Invalid|expected|reportedOn|percentComplete|progress\b/);
    await saveScreenshot(page, 'admin-ux-error-summary');
    // Each message leads to its field.
    await press(summary.getByRole('link', { name: /^Date :/ }));
    expect(await focusedId(page)).toBe(await report.getByLabel('Date', { exact: true }).getAttribute('id'));

    await type(report.getByLabel('Date', { exact: true }), '15/03/2025');
    await report.getByLabel('État d’avancement').focus();
    await report.getByLabel('État d’avancement').selectOption({ label: 'Conforme au calendrier' });
    await type(report.getByLabel('Réalisé (%)'), '30 %');
    await type(report.getByLabel('Commentaire'), 'Premiers entretiens avec les internes menés à Lodève');
    await press(report.getByRole('button', { name: 'Enregistrer l’avancement' }));

    // The focus goes to the result: the newest entry of the history, the comment in it, under the pilot's name.
    await expect.poll(() => focusedId(page)).toBe('action-latest-entry');
    const latest = page.locator('#action-latest-entry');
    const entry = (await latest.textContent()) ?? '';
    expect(entry).toContain('15 mars 2025');
    expect(entry).toMatch(/30\s%/);
    expect(entry).toContain('Premiers entretiens avec les internes menés à Lodève');
    expect(entry).toContain('Paul Girard');
    expect(await page.getByTestId('timeline').textContent()).not.toContain('demo-pilote');
    await saveScreenshot(page, 'admin-ux-progress-reported');
  });

  it('leaves the focus where the person went while the result was still loading', async () => {
    const page = await signIn(running, 'pilote@demo-cls.fr');
    await press(page.getByTestId('my-actions').getByRole('link', { name: /^1\.1-A1/ }));
    if ((await page.getByTestId('action-status').textContent()) === 'Prévue') {
      const start = page.getByRole('form', { name: 'Démarrer l’action' });
      await type(start.getByLabel('Date de démarrage'), '06/01/2025');
      await submit(start, 'Démarrer');
    }
    const report = page.getByRole('form', { name: 'Renseigner l’état d’avancement' });
    await report.waitFor();
    // From now on reads answer a second and a half late, as on a busy server: the result comes after « Enregistré ».
    await page.route('**/trpc/**', async (route) => {
      if (route.request().method() === 'GET') await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await report.getByLabel('État d’avancement').selectOption({ label: 'Conforme au calendrier' });
    await type(report.getByLabel('Commentaire'), 'Point d’étape avec la mairie de Lodève');
    await press(report.getByRole('button', { name: 'Enregistrer l’avancement' }));
    await expect.poll(() => report.getByRole('status').textContent()).toBe('Enregistré.');
    // The person goes on before the result is drawn: to « Mes actions ».
    const elsewhere = page.getByRole('link', { name: 'Mes actions', exact: true });
    await elsewhere.focus();
    await expect
      .poll(() => page.locator('#action-latest-entry').textContent(), { timeout: 10_000 })
      .toContain('Point d’étape avec la mairie de Lodève');
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Mes actions');
    await page.unrouteAll();
  });

  it('on a phone (375 px) the pilot’s forms, summary and history fit', async () => {
    const page = await signIn(running, 'pilote@demo-cls.fr', { width: 375, height: 800 });
    await page.getByRole('heading', { name: 'Mes actions', level: 1 }).waitFor();
    await press(page.getByTestId('my-actions').getByRole('link', { name: /^1\.1-A1/ }));
    const report = page.getByRole('form', { name: 'Renseigner l’état d’avancement' });
    await type(report.getByLabel('Réalisé (%)'), '130');
    await press(report.getByRole('button', { name: 'Enregistrer l’avancement' }));
    await expect.poll(() => report.getByRole('alert').textContent()).toMatch(/État d’avancement :/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'admin-ux-phone-error-summary');
    expect(await page.getByTestId('timeline').textContent()).toContain('Paul Girard');
  });

  it.each([
    [1280, 'cls-ux-e2e-large'],
    [375, 'cls-ux-e2e-phone'],
  ])(
    'at %i px, starting an action of an unsigned contract is refused with a link to its signature form',
    async (width, contractId) => {
      const page = await signIn(running, 'admin@demo-cls.fr', { width, height: 900 });
      expect(
        await mutate(page, 'contract.draft', {
          contractId,
          name: 'CLS du Lodévois et Larzac',
          territory: { name: 'Lodévois et Larzac' },
          period: { start: 2025, end: 2029 },
        }),
      ).toBe(200);
      expect(
        await mutate(page, 'contract.defineAxis', { contractId, code: '1', title: 'Accès aux soins' }),
      ).toBe(200);
      expect(
        await mutate(page, 'contract.defineFicheAction', {
          contractId,
          axisCode: '1',
          code: '1.1',
          title: 'Attirer les professionnels',
        }),
      ).toBe(200);
      expect(
        await mutate(page, 'action.plan', {
          actionId: `${contractId}.1.1-A1`,
          contractId,
          ficheCode: '1.1',
          code: '1.1-A1',
          title: 'Accueillir les internes',
          pilots: [],
          plannedYears: { years: [2026], uncertain: false },
        }),
      ).toBe(200);

      await page.goto(`${running.platform.baseUrl}/admin/actions/${contractId}.1.1-A1`);
      const start = page.getByRole('form', { name: 'Démarrer l’action' });
      await press(start.getByRole('button', { name: 'Démarrer' }));
      const refusal = start.getByRole('alert');
      await expect.poll(() => refusal.textContent()).toMatch(/Le contrat n’est pas encore signé/);
      const link = refusal.getByRole('link', { name: 'Enregistrer la signature du contrat' });
      expect(await link.getAttribute('href')).toBe(`/admin/contrats/${contractId}#signature`);
      await saveScreenshot(page, `admin-ux-refusal-next-step-${width}`);

      // The link leads to the signature form, the focus in it.
      await press(link);
      const signature = page.getByRole('form', { name: 'Enregistrer la signature du contrat' });
      await signature.waitFor();
      await expect.poll(() => focusedId(page)).toBe('signature');
      await saveScreenshot(page, `admin-ux-signature-form-${width}`);
      // The pilot's DEMO action stays theirs: nothing of this contract is.
      expect(DEMO_PILOTED_ACTION_ID.startsWith(contractId)).toBe(false);
    },
  );
});
