import { DEMO_CONTRACT_ID, DEMO_PASSWORD, DEMO_PILOTED_ACTION_ID, loadSeeds } from '@cls/demo';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import { mutate } from './support/keyboard.js';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const seeds = loadSeeds();
if (!seeds) console.log('[e2e] audit browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

/**
 * The audit on the demo, whose contract is signed in 2024 with its plan (as its
 * sources show it): the coordinator starts action 1.1-A1 (6 January 2025); an
 * auditor answers from the log alone
 * who did what and when, in which operation, what it changed, what was true on a
 * date, what the annual report says and on which events; her own command is
 * refused, and the log can be trusted.
 */
describe.skipIf(!seeds)('the audit, on the demo data', () => {
  const running = usePlatformInBrowser();

  beforeAll(async () => {
    // The commands' own screens are tested elsewhere (admin.e2e.ts): here they are only the log's content.
    const coordinator = await signIn(running, 'coordinatrice@demo-cls.fr');
    expect(
      await mutate(coordinator, 'action.start', {
        actionId: DEMO_PILOTED_ACTION_ID,
        startedOn: '2025-01-06',
      }),
    ).toBe(200);
    await coordinator.close();
  });

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

  const auditSection = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name }).click();

  /** The newest event of the log, as the auditor's timeline shows it (unfiltered, first row). */
  async function newestPosition(page: Page): Promise<number> {
    await page.goto(`${running.platform.baseUrl}/admin/audit`);
    const first = page.locator('tbody tr[data-testid^="audit-event-"]').first();
    const testId = (await first.getAttribute('data-testid')) ?? '';
    return Number(testId.replace('audit-event-', ''));
  }

  it('an auditor traces the coordinator’s start of an action: who, when, in which operation, what it changed', async () => {
    const page = await signInAuditor();
    expect(new URL(page.url()).pathname).toBe('/admin/audit');
    await page.getByLabel('Acteur').selectOption('demo-coordinatrice');
    await expect.poll(() => new URL(page.url()).searchParams.get('acteur')).toBe('demo-coordinatrice');
    await expect
      .poll(() => page.getByTestId('audit-timeline-count').textContent())
      .toBe('1 événement affiché : le début du journal est atteint.');
    const row = page.locator('tbody tr[data-testid^="audit-event-"]', { hasText: 'Action démarrée' });
    expect(await row.textContent()).toContain('6 janvier 2025');

    // The row opens in place on its metadata and data.
    const disclosure = row.getByRole('button', { name: /^Détails de l’événement n° \d+$/ });
    await disclosure.click();
    expect(await disclosure.getAttribute('aria-expanded')).toBe('true');
    const details = page.locator('.audit-events__details');
    // Its actor by name, never the account's id.
    expect(await details.textContent()).toContain('Camille Roux (Coordinateur·rice)');
    expect(await details.textContent()).not.toContain('demo-coordinatrice (');
    expect(await details.textContent()).toContain('"startedOn": "2025-01-06"');
    await saveScreenshot(page, 'admin-audit-timeline');

    // Its causal chain: one command, one event.
    await row.getByRole('link', { name: 'Action démarrée' }).click();
    await page.getByRole('heading', { name: /^Événement n° \d+ — Action démarrée$/ }).waitFor();
    await page.getByRole('heading', { name: 'Même opération : 1 événement' }).waitFor();
    expect(await page.getByText('Aucune commande antérieure n’en est la cause').count()).toBe(1);
    await saveScreenshot(page, 'admin-audit-chain');

    // Its stream: the action's state went from planned to in progress at that revision.
    await page
      .getByRole('link', {
        name: new RegExp(`^action-${DEMO_PILOTED_ACTION_ID.replaceAll('.', '\\.')} #\\d+$`),
      })
      .first()
      .click();
    await page.getByRole('heading', { name: `Flux action-${DEMO_PILOTED_ACTION_ID}` }).waitFor();
    const started = page.getByRole('article', { name: /Action démarrée$/ });
    await started.waitFor();
    const changes = started.getByRole('table', { name: /Ce que l’événement a changé/ });
    expect(await changes.getByRole('row', { name: /^status "/ }).textContent()).toMatch(
      /"planned".*"in_progress"/,
    );
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^revision-\d+$/);
    await saveScreenshot(page, 'admin-audit-stream');
  });

  it('shows what was true on a date, and what changed since another, each change with its events', async () => {
    const page = await signInAuditor();
    await auditSection(page, 'À une date');
    const form = page.getByRole('form', { name: 'État à une date' });
    await form.getByLabel('Contrat').selectOption(DEMO_CONTRACT_ID);
    await form.getByLabel('Date', { exact: true }).fill('2025-01-31');
    await form.getByLabel('Comparer avec le (facultatif)').fill('2024-12-31');
    await form.getByRole('radio', { name: /Ce qui était vrai ce jour-là/ }).check();
    await form.getByRole('button', { name: 'Afficher' }).click();

    await page.getByRole('heading', { name: /^Le contrat au 31 janvier 2025/ }).waitFor();
    await expect.poll(() => page.getByTestId('audit-contract-status').textContent()).toMatch(/^Signé/);
    const actions = page.getByRole('table', { name: 'Actions et leur état' });
    expect(await actions.getByRole('row', { name: /1\.1-A1/ }).textContent()).toContain('En cours');

    const diff = page.getByTestId('audit-diff');
    await page
      .getByRole('heading', { name: 'Ce qui a changé du 31 décembre 2024 au 31 janvier 2025' })
      .waitFor();
    // Planned with the contract's plan in 2024 (its adoption, as the sources date it), started in January 2025.
    const started = diff.getByRole('listitem').filter({ hasText: /Action 1\.1-A1 : prévue → en cours/ });
    await saveScreenshot(page, 'admin-audit-as-of');

    // The change rests on the action's planning and its start.
    await started.getByRole('link', { name: /^2 événements/ }).click();
    await page.getByRole('heading', { name: /^Preuves : Action 1\.1-A1 : prévue → en cours/ }).waitFor();
    const evidence = page.getByRole('table', { name: 'Événements sur lesquels cela repose' });
    await expect.poll(() => evidence.locator('tbody tr').count()).toBe(2);
    expect(await evidence.textContent()).toMatch(/Action planifiée.*Action démarrée/s);
  });

  it('establishes the annual report, each figure linked to its events, with its printable and data versions', async () => {
    const page = await signInAuditor();
    await auditSection(page, 'Rapport annuel');
    const form = page.getByRole('form', { name: 'Rapport annuel' });
    await form.getByLabel('Contrat').selectOption(DEMO_CONTRACT_ID);
    await form.getByLabel('Année évaluée').fill('2025');
    await form.getByRole('radio', { name: /Ce qui était vrai ce jour-là/ }).check();
    await form.getByRole('button', { name: 'Établir le rapport' }).click();

    const inProgress = page.getByTestId('figure-10.statut.in_progress');
    await expect.poll(() => inProgress.getByRole('cell').first().textContent()).toBe('1');
    await saveScreenshot(page, 'admin-audit-report');

    const versions = page.getByRole('list', { name: 'Versions du rapport' }).getByRole('link');
    const answers = await versions.evaluateAll((links) =>
      Promise.all(
        links.map(async (link) => {
          const response = await fetch((link as HTMLAnchorElement).href);
          return `${response.status} ${response.headers.get('content-type')?.split(';')[0]}`;
        }),
      ),
    );
    expect(answers).toEqual(['200 text/html', '200 text/csv', '200 application/json']);

    await inProgress.getByRole('link', { name: /^n° \d+/ }).click();
    await page.getByRole('heading', { name: /^Événement n° \d+ — Action démarrée$/ }).waitFor();
  });

  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 375, height: 740 },
  ]) {
    it(`agrees across pages at ${viewport.width} px: one default clock, titles by the contract’s name, an empty year said so`, async () => {
      const page = await signInAuditor(viewport);
      const defaultClock = async (path: string, form: string) => {
        await page.goto(`${running.platform.baseUrl}/admin/audit/${path}`);
        return page
          .getByRole('form', { name: form })
          .getByRole('radio', { name: /Ce qui était vrai ce jour-là/ })
          .isChecked();
      };
      // Business dates on both pages, unless asked otherwise.
      expect(await defaultClock('a-date', 'État à une date')).toBe(true);
      expect(await defaultClock('rapport', 'Rapport annuel')).toBe(true);

      // The report of a year before anything of the contract (its sources' oldest facts are of 2017): one
      // sentence, no zeros; titled by the contract's name.
      const form = page.getByRole('form', { name: 'Rapport annuel' });
      await form.getByLabel('Contrat').selectOption(DEMO_CONTRACT_ID);
      const name = (await form.getByLabel('Contrat').locator('option:checked').textContent()) ?? '';
      expect(name).not.toBe('');
      await form.getByLabel('Année évaluée').fill('2015');
      await form.getByRole('button', { name: 'Établir le rapport' }).click();
      await expect
        .poll(() => page.getByTestId('audit-report-nothing').textContent({ timeout: 10_000 }))
        .toBe(
          'Aucun événement du contrat n’est daté de 2015 ou avant : ce rapport n’a rien à dire de cette année.',
        );
      expect(new URL(page.url()).searchParams.get('temps')).toBe('occurred');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        `Rapport annuel d’évaluation — ${name}`,
      );
      expect(
        await page.getByRole('heading', { level: 2, name: /pour l'année 2015/ }).textContent(),
      ).toContain(name);
      expect(await page.getByTestId('audit-report').locator('table').count()).toBe(0);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await saveScreenshot(page, `admin-audit-report-empty-${viewport.width}`);
      await expectAccessible(page);

      // « À une date » before the contract says the same, under the contract's name.
      await page.goto(
        `${running.platform.baseUrl}/admin/audit/a-date?contrat=${DEMO_CONTRACT_ID}&date=2015-12-31`,
      );
      await expect
        .poll(() => page.getByTestId('audit-snapshot-nothing').textContent({ timeout: 10_000 }))
        .toMatch(/^Aucun événement du contrat n’est daté du 31 décembre 2015 ou avant/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        `État du contrat « ${name} » à une date`,
      );
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await saveScreenshot(page, `admin-audit-as-of-empty-${viewport.width}`);

      // The timeline filtered on the contract.
      await page.goto(`${running.platform.baseUrl}/admin/audit?contrat=${DEMO_CONTRACT_ID}`);
      await page
        .getByRole('heading', { level: 1, name: `Chronologie du journal — ${name}` })
        .waitFor({ timeout: 10_000 });

      // The contract's stream too; its id stays as a secondary line.
      await page.goto(`${running.platform.baseUrl}/admin/audit/flux/contract-${DEMO_CONTRACT_ID}`);
      await page
        .getByRole('heading', { level: 1, name: `Flux du contrat « ${name} »` })
        .waitFor({ timeout: 10_000 });
      await page.getByText(`Identifiant : contract-${DEMO_CONTRACT_ID}`).waitFor({ timeout: 10_000 });
      await page.close();
    });
  }

  it('refuses an auditor’s command, and the log gains nothing', async () => {
    const page = await signInAuditor();
    const before = await newestPosition(page);
    expect(
      await mutate(page, 'contract.amend', {
        contractId: DEMO_CONTRACT_ID,
        amendedOn: '2025-04-01',
        summary: 'Avenant tenté par l’auditrice',
      }),
    ).toBe(403);
    expect(await newestPosition(page)).toBe(before);

    // Nor does the app offer her a form to try.
    await page.goto(`${running.platform.baseUrl}/admin/actions/${DEMO_PILOTED_ACTION_ID}`);
    await page.getByText('Consultation seule.').waitFor();
    expect(await page.locator('form').count()).toBe(0);
  });

  it('checks the hash chains now and replays every read model', async () => {
    const page = await signInAuditor();
    await auditSection(page, 'Intégrité');
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
    // Each read model named in French, beside its table's name.
    const untranslated = await replay.locator('tbody th').evaluateAll((cells) =>
      cells
        .map((cell) => ({
          table: cell.querySelector('code')?.textContent ?? '',
          whole: cell.textContent ?? '',
        }))
        .filter(({ table, whole }) => whole.replace(table, '').trim() === table)
        .map(({ table }) => table),
    );
    expect(untranslated).toEqual([]);
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

    await page.goto(
      `${running.platform.baseUrl}/admin/audit/a-date?contrat=${DEMO_CONTRACT_ID}&date=2025-01-31&comparer=2024-12-31`,
    );
    await page.getByTestId('audit-snapshot').waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });
});
