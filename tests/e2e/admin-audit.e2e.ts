import { DEMO_CONTRACT_ID, DEMO_PASSWORD, loadSeeds } from '@cls/demo';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const seeds = loadSeeds();
if (!seeds) console.log('[e2e] audit browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

/**
 * The audit on the demo: a coordinator signs her contract, then an auditor
 * answers from the log alone who did it, when, in which operation, what it
 * changed, and whether the log can be trusted; her own command is refused.
 */
describe.skipIf(!seeds)('the audit, on the demo data', () => {
  const running = usePlatformInBrowser();

  /** Auditors land on the audit, not on « Vos contrats » (so the shared signIn does not fit them). */
  async function signInAuditor(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await running.browser.newPage({ viewport });
    await page.goto(`${running.platform.baseUrl}/admin/`);
    await page.getByLabel('Adresse électronique', { exact: true }).fill('auditrice@demo-cls.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Chronologie du journal' }).waitFor();
    return page;
  }

  /** The newest event of the log, as the auditor's timeline shows it (unfiltered, first row). */
  async function newestPosition(page: Page): Promise<number> {
    await page.goto(`${running.platform.baseUrl}/admin/audit`);
    const first = page.locator('tbody tr[data-testid^="audit-event-"]').first();
    const testId = (await first.getAttribute('data-testid')) ?? '';
    return Number(testId.replace('audit-event-', ''));
  }

  it('an auditor traces the contract’s signature: who, when, in which operation, what it changed', async () => {
    const coordinator = await signIn(running, 'coordinatrice@demo-cls.fr');
    await coordinator.goto(`${running.platform.baseUrl}/admin/contrats/${DEMO_CONTRACT_ID}`);
    const signature = coordinator.getByRole('form', { name: 'Enregistrer la signature du contrat' });
    await signature.getByLabel('Date de signature').fill('2024-03-15');
    await signature.getByLabel('Signataires').fill('ARS Occitanie\nPays Cœur d’Hérault');
    await signature.getByRole('button', { name: 'Enregistrer la signature' }).click();
    await expect.poll(() => coordinator.getByTestId('contract-status').textContent()).toBe('Signé');

    const page = await signInAuditor();
    expect(new URL(page.url()).pathname).toBe('/admin/audit');
    await page.getByLabel('Acteur').selectOption('demo-coordinatrice');
    await expect.poll(() => new URL(page.url()).searchParams.get('acteur')).toBe('demo-coordinatrice');
    await expect
      .poll(() => page.getByTestId('audit-timeline-count').textContent())
      .toBe('1 événement affiché : le début du journal est atteint.');
    const row = page.locator('tbody tr[data-testid^="audit-event-"]');
    expect(await row.textContent()).toContain('Contrat signé');
    expect(await row.textContent()).toContain('15 mars 2024');

    // The row opens in place on its metadata and data.
    const disclosure = row.getByRole('button', { name: /^Détails de l’événement n° \d+$/ });
    await disclosure.click();
    expect(await disclosure.getAttribute('aria-expanded')).toBe('true');
    const details = page.locator('.audit-events__details');
    expect(await details.textContent()).toContain('demo-coordinatrice (Coordinateur·rice)');
    expect(await details.textContent()).toContain('"organisation": "ARS Occitanie"');
    await saveScreenshot(page, 'admin-audit-timeline');

    // Its causal chain: one command, one event.
    await row.getByRole('link', { name: 'Contrat signé' }).click();
    await page.getByRole('heading', { name: /^Événement n° \d+ — Contrat signé$/ }).waitFor();
    await page.getByRole('heading', { name: 'Même opération : 1 événement' }).waitFor();
    expect(await page.getByText('Aucune commande antérieure n’en est la cause').count()).toBe(1);
    await saveScreenshot(page, 'admin-audit-chain');

    // Its stream: the contract's state went from draft to signed at that revision.
    await page
      .getByRole('link', { name: new RegExp(`^contract-${DEMO_CONTRACT_ID} #\\d+$`) })
      .first()
      .click();
    await page.getByRole('heading', { name: `Flux contract-${DEMO_CONTRACT_ID}` }).waitFor();
    const signed = page.getByRole('article', { name: /Contrat signé$/ });
    await signed.waitFor();
    const changes = signed.getByRole('table', { name: /Ce que l’événement a changé/ });
    expect(await changes.getByRole('row', { name: /^status/ }).textContent()).toMatch(/"draft".*"signed"/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^revision-\d+$/);
    await saveScreenshot(page, 'admin-audit-stream');
  });

  it('refuses an auditor’s command, and the log gains nothing', async () => {
    const page = await signInAuditor();
    const before = await newestPosition(page);
    const status = await page.evaluate(async (contractId) => {
      const response = await fetch('/trpc/contract.sign', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          contractId,
          signedOn: '2024-04-01',
          signatories: [{ organisation: 'ARS Occitanie' }],
          commandId: crypto.randomUUID(),
        }),
      });
      return response.status;
    }, DEMO_CONTRACT_ID);
    expect(status).toBe(403);
    expect(await newestPosition(page)).toBe(before);

    // Nor does the app offer her a form to try.
    await page.goto(`${running.platform.baseUrl}/admin/actions/${DEMO_CONTRACT_ID}.1.1-A1`);
    await page.getByText('Consultation seule.').waitFor();
    expect(await page.locator('form').count()).toBe(0);
  });

  it('checks the hash chains now and replays every read model', async () => {
    const page = await signInAuditor();
    await page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name: 'Intégrité' }).click();
    await page.getByRole('button', { name: 'Vérifier maintenant' }).click();
    await expect
      .poll(() => page.getByTestId('audit-integrity').textContent())
      .toMatch(/^Journal intègre : [\d\s\u202f]+ événements vérifiés, aucune chaîne rompue/);
    await page.getByRole('button', { name: 'Lancer le rejeu' }).click();
    const replay = page.getByTestId('audit-replay');
    await replay.waitFor({ timeout: 30_000 });
    const verdicts = await replay
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.querySelector('.badge')?.textContent));
    expect(verdicts.length).toBeGreaterThan(5);
    expect(verdicts.every((verdict) => verdict === 'Identique' || verdict === 'Différente')).toBe(true);
    await saveScreenshot(page, 'admin-audit-integrity');
  });

  it('fits a phone, opens with the keyboard, and axe finds nothing blocking', async () => {
    const page = await signInAuditor({ width: 360, height: 740 });
    // The contracts' drafting only: a page short enough to look at.
    await page.getByLabel('Type d’événement').selectOption('ContractDrafted');
    await expect.poll(() => page.getByTestId('audit-timeline-count').textContent()).toMatch(/^5 événements/);
    const disclosure = page.getByRole('button', { name: /^Détails de l’événement n° \d+$/ }).first();
    await disclosure.focus();
    await page.keyboard.press('Enter');
    expect(await disclosure.getAttribute('aria-expanded')).toBe('true');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await saveScreenshot(page, 'admin-audit-phone');
  });
});
