import { loadSeeds } from '@cls/demo';
import { businessDay } from '@cls/domain';
import { frenchDate } from '@cls/french';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import { press, type } from './support/keyboard.js';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const seeds = loadSeeds();
if (!seeds) console.log('[e2e] report browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };
/** From the FINESS extract: an MSP in Aniane, in the Cœur d'Hérault contract's territory. */
const msp = { id: 'finess-340025626', name: /confiserie/i, phone: '04 48 20 04 01' };
const ANIANE_LINK = `/?q=Aniane&commune=34010&lon=3.592105&lat=43.683403&types=msp&rayon=10`;

/**
 * « Signaler une erreur » (issue 17, item 4): a resident reports a wrong phone number without
 * an account, the coordinator of the offer's territory corrects it from her queue, and the
 * portal's card shows the new number and its new « vérifiée le ». Keyboard only.
 */
// Each scenario is given 120 s: beside the whole suite on two cores, a platform's pages answer slowly.
describe.skipIf(!seeds)('reporting an error on an offer, and its verification', () => {
  const running = usePlatformInBrowser();

  /** The resident's page, on the MSP's card reached from the search with the keyboard. */
  async function openCard(
    options: { viewport: { width: number; height: number } } & Record<string, unknown>,
  ) {
    const context = await running.browser.newContext({ locale: 'fr-FR', ...options });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${running.platform.baseUrl}${ANIANE_LINK}`);
    const link = page.locator('.result__name a', { hasText: msp.name }).first();
    await link.waitFor();
    await press(link);
    const card = page.getByRole('article');
    await card.getByRole('heading', { name: msp.name }).waitFor();
    return { page, card, errors, close: () => context.close() };
  }

  async function openReportForm(page: Page) {
    const card = page.getByRole('article');
    await press(card.getByRole('button', { name: 'Signaler une erreur' }));
    const form = card.getByRole('form', { name: 'Qu’est-ce qui est faux sur cette fiche ?' });
    await form.waitFor();
    return form;
  }

  it('on a phone, a resident reports a wrong phone number; the card then says it is being checked', async () => {
    const { page, card, errors, close } = await openCard(PHONE);
    expect(await card.getByTestId('report-pending').count()).toBe(0);
    const form = await openReportForm(page);
    // The hidden field for bots is neither reachable nor announced.
    const trap = form.locator('input[name="siteWeb"]');
    expect(await trap.getAttribute('tabindex')).toBe('-1');
    expect(await form.locator('.offer-report__trap').getAttribute('aria-hidden')).toBe('true');

    const phoneChoice = form.getByRole('radio', { name: 'Le numéro de téléphone' });
    await phoneChoice.focus();
    await phoneChoice.press('Space');
    expect(await phoneChoice.isChecked()).toBe(true);
    await type(form.getByLabel(/^Précisez/), 'Le numéro ne répond plus, le bon est le 04 67 57 00 00');
    await type(form.getByLabel(/^Votre e-mail ou téléphone/), 'habitante@exemple.fr');
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page);
    await saveScreenshot(page, 'portal-report-form-phone');
    await press(form.getByRole('button', { name: 'Envoyer le signalement' }));

    await card.getByRole('status').filter({ hasText: 'Merci' }).waitFor();
    await expect.poll(() => card.getByTestId('report-pending').count(), { timeout: 10_000 }).toBe(1);
    expect(await card.getByTestId('report-pending').textContent()).toContain(
      'Un signalement est en cours de vérification',
    );
    await saveScreenshot(page, 'portal-report-sent-phone');
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('the coordinator corrects the number from her queue: the card shows it and the new « vérifiée le »', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr', DESKTOP);
    const nav = page.getByRole('link', { name: /^Signalements/ });
    await expect.poll(() => nav.textContent(), { timeout: 10_000 }).toMatch(/1/);
    await press(nav);
    await page.getByRole('heading', { name: 'Signalements à vérifier' }).waitFor();
    const report = page.getByTestId('report').filter({ hasText: msp.name });
    await report.waitFor();
    expect(await report.textContent()).toMatch(
      /Le numéro de téléphone.*Le numéro ne répond plus.*habitante@exemple\.fr/,
    );
    await expectAccessible(page);
    await saveScreenshot(page, 'admin-report-queue');

    await press(report.getByRole('link', { name: /^Corriger la fiche/ }));
    const form = page.getByRole('form', { name: 'Corriger la fiche' });
    const phone = form.getByLabel('Téléphone (facultatif)');
    // The form is filled with what the offer says now, and the phone field has the focus.
    await expect.poll(() => phone.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await phone.inputValue()).toBe(msp.phone);
    expect(await form.getByLabel('Nom', { exact: true }).inputValue()).not.toBe('');
    await type(phone, '04 67 57 00 00');
    await saveScreenshot(page, 'admin-report-correct');
    await press(form.getByRole('button', { name: 'Enregistrer la correction' }));
    await page.getByTestId('report-handled').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('report-handled').textContent()).toContain(
      `vérifiée le ${frenchDate(businessDay())}`,
    );

    await press(page.getByRole('link', { name: 'Retour aux signalements' }));
    await expect
      .poll(() => page.getByTestId('reports-summary').textContent(), { timeout: 10_000 })
      .toBe('Aucun signalement à vérifier.');

    const resident = await openCard({ viewport: DESKTOP });
    await expect.poll(() => resident.card.textContent(), { timeout: 15_000 }).toContain('04 67 57 00 00');
    expect(await resident.card.getByTestId('offer-source').textContent()).toContain(
      `vérifiée le ${frenchDate(businessDay())}`,
    );
    expect(await resident.card.getByTestId('report-pending').count()).toBe(0);
    await saveScreenshot(resident.page, 'portal-report-verified');
    await resident.close();
    await page.close();
  }, 120_000);

  it('says what is wrong beside each field on bad input, and stores nothing', async () => {
    const { page, card, close } = await openCard({ viewport: DESKTOP });
    const form = await openReportForm(page);
    await press(form.getByRole('button', { name: 'Envoyer le signalement' }));
    await form.getByText('choisissez ce qui est faux').waitFor();
    const other = form.getByRole('radio', { name: 'Autre chose' });
    await other.focus();
    await other.press('Space');
    await type(form.getByLabel(/^Votre e-mail ou téléphone/), 'demain');
    await press(form.getByRole('button', { name: 'Envoyer le signalement' }));
    await form.getByText('décrivez ce qui est faux').waitFor();
    expect(await form.getByLabel(/^Précisez/).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel(/^Votre e-mail ou téléphone/).getAttribute('aria-invalid')).toBe('true');
    expect(await form.textContent()).toContain('une adresse électronique ou un numéro de téléphone');
    await expectAccessible(page);
    await saveScreenshot(page, 'portal-report-invalid');
    expect(await card.getByTestId('report-pending').count()).toBe(0);
    await close();

    // Nothing reached the coordinator's queue (seen on her phone: nothing wider than its screen).
    const admin = await signIn(running, 'coordinatrice@demo-cls.fr', { width: 375, height: 740 });
    await press(admin.getByRole('link', { name: /^Signalements/ }));
    await expect
      .poll(() => admin.getByTestId('reports-summary').textContent(), { timeout: 10_000 })
      .toBe('Aucun signalement à vérifier.');
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await saveScreenshot(admin, 'admin-report-queue-phone');
    await admin.close();
  }, 120_000);
});
