import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import { openDisclosure, press, signInAs, submit, type } from './support/keyboard.js';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';

const ADMIN = { email: 'admin@setup-e2e.fr', password: 'un-mot-de-passe-assez-long' };
const COORDINATOR = {
  name: 'Camille Essai',
  email: 'camille@setup-e2e.fr',
  password: 'mot-de-passe-provisoire',
};

/** In a picker: types the start of a name, then takes the suggestion with the arrows and Entrée. */
async function pickSuggestion(input: Locator, typed: string, option: RegExp) {
  await type(input, typed);
  const page = input.page();
  await page.getByRole('option', { name: option }).waitFor();
  const options = await page.getByRole('option').allTextContents();
  const index = options.findIndex((text) => option.test(text));
  for (let step = 0; step <= index; step++) await input.press('ArrowDown');
  await input.press('Enter');
}

/** « Ajouter au répertoire » inline: the name typed is not in the directory yet; its kind, then « Ajouter ». */
async function addToDirectory(page: Page, input: Locator, name: string, kind: string) {
  // The suggestion follows the text typed once typing pauses: the one naming all of it.
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await pickSuggestion(input, name, new RegExp(`^Ajouter « ${escaped} » au répertoire`));
  const panel = page.getByRole('group', { name: `Ajouter « ${name} » au répertoire des organisations` });
  await panel.getByLabel('Type d’organisation').selectOption({ label: kind });
  await press(panel.getByRole('button', { name: 'Ajouter au répertoire' }));
  await panel.waitFor({ state: 'detached' });
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/**
 * On a platform without the demo: the administrator invites a coordinator from the users
 * page; the coordinator signs in, is told to create their contract, creates it with its
 * territory (an EPCI in one click), porteur, parties and commitments; then the directory.
 */
describe('setting a contract up: users, new contract, organisations', () => {
  const running = usePlatformInBrowser({
    DEMO: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });

  it('the admin invites a coordinator, who creates the contract of their territory', async () => {
    const admin = await signInAs(running.platform, running.browser, ADMIN, 1280);
    const firstSteps = admin.getByTestId('first-steps');
    await expect.poll(() => firstSteps.textContent()).toMatch(/Invitez un coordinateur/);
    await saveScreenshot(admin, 'admin-setup-1-empty-platform');

    await press(firstSteps.getByRole('link', { name: 'Invitez un coordinateur' }));
    const invite = admin.getByRole('form', { name: 'Inviter une personne' });
    // Bad input first: each field says what is wrong, in French.
    await press(invite.getByRole('button', { name: 'Inviter' }));
    await expect.poll(() => invite.getByText('nom requis').count()).toBeGreaterThan(0);
    await type(invite.getByLabel('Nom et prénom'), COORDINATOR.name);
    await type(invite.getByLabel('Adresse électronique'), COORDINATOR.email);
    await invite.getByLabel('Rôle (facultatif)').selectOption('coordinator');
    await type(invite.getByLabel('Mot de passe provisoire (facultatif)'), COORDINATOR.password);
    await press(invite.getByRole('button', { name: 'Inviter' }));
    await expect
      .poll(() => invite.getByRole('status').textContent(), { timeout: 10_000 })
      .toMatch(/Enregistré/);
    const users = admin.getByTestId('users');
    await expect
      .poll(() => users.getByRole('row', { name: new RegExp(COORDINATOR.name) }).textContent())
      .toMatch(/Coordinateur·rice \(sans contrat : peut créer le sien\)/);
    await saveScreenshot(admin, 'admin-setup-2-users');

    // The coordinator, on a phone: the home says what to do first.
    const coordinator = await signInAs(running.platform, running.browser, COORDINATOR, 375);
    const steps = coordinator.getByTestId('first-steps');
    await expect.poll(() => steps.textContent()).toMatch(/Créez votre contrat/);
    expect(await noHorizontalScroll(coordinator)).toBeLessThanOrEqual(375);
    await saveScreenshot(coordinator, 'admin-setup-3-coordinator-home-375');
    await coordinator.setViewportSize({ width: 1280, height: 900 });
    await press(steps.getByRole('link', { name: 'Créez votre contrat' }));
    await coordinator.getByRole('heading', { level: 1, name: 'Nouveau contrat' }).waitFor();

    const form = coordinator.getByRole('form', { name: 'Le contrat' });
    await type(form.getByLabel('Nom du contrat'), 'Contrat local de santé du Lodévois et Larzac 2025-2029');
    await addToDirectory(
      coordinator,
      form.getByRole('combobox', { name: 'Porteur du contrat (facultatif)' }),
      'CC Lodévois et Larzac',
      'EPCI (communauté de communes, d’agglomération…)',
    );
    await type(form.getByLabel('Première année'), '2025');
    await type(form.getByLabel('Dernière année'), '2029');
    await type(form.getByLabel('Nom du territoire'), 'Lodévois et Larzac');
    // The EPCI in one click: its 28 communes (open data, COG 2026).
    await pickSuggestion(
      form.getByRole('combobox', { name: 'Ajouter toutes les communes d’un EPCI' }),
      'Lodévois',
      /^CC Lodévois et Larzac/,
    );
    await expect.poll(() => form.getByTestId('territory-count').textContent()).toBe('28 communes :');
    await form.getByTestId('territory-map').waitFor();

    const parties = form.getByRole('combobox', { name: 'Parties au contrat et leurs engagements' });
    await pickSuggestion(parties, 'CC Lodévois', /^CC Lodévois et Larzac/);
    await addToDirectory(coordinator, parties, 'ARS Occitanie', 'Agence régionale de santé (ARS)');
    const cc = form.getByRole('group', { name: 'CC Lodévois et Larzac', exact: true });
    await type(cc.getByLabel('2025'), '20 000');
    await type(cc.getByLabel('Personnel mis à disposition (facultatif)'), 'Coordinatrice du CLS : 0,5');
    const ars = form.getByRole('group', { name: 'ARS Occitanie', exact: true });
    await type(ars.getByLabel('2025'), '15 000');
    await type(ars.getByLabel('Autres engagements (facultatif)'), 'Appui méthodologique');
    await coordinator
      .waitForFunction(
        () => document.querySelector('[data-testid="territory-map"]')?.getAttribute('aria-busy') === 'false',
        undefined,
        { timeout: 20_000 },
      )
      .catch(() => undefined);
    await saveScreenshot(coordinator, 'admin-setup-4-new-contract');

    await press(form.getByRole('button', { name: 'Créer le contrat' }));
    await coordinator.waitForURL(/\/admin\/contrats\/cls-lodevois-et-larzac-2025$/, { timeout: 15_000 });
    await coordinator.getByRole('heading', { level: 1, name: /Lodévois et Larzac/ }).waitFor();
    // The contract's page shows what was set up: porteur, territory, parties and their commitments.
    const setup = coordinator.getByTestId('contract-setup');
    await expect.poll(() => setup.textContent()).toMatch(/PorteurCC Lodévois et Larzac/);
    expect(await setup.getByTestId('setup-communes').textContent()).toMatch(/^28 communes/);
    expect(await setup.getByTestId('setup-signature').textContent()).toBe('Pas encore signé');
    expect(await setup.getByTestId('setup-previous').textContent()).toBe('non renseigné');
    const setUpParties = setup.getByTestId('setup-parties');
    expect(await setUpParties.textContent()).toMatch(
      /CC Lodévois et Larzac.*20\u00a0000\u00a0€ en 2025.*Coordinatrice du CLS : 0,5\u00a0ETP/,
    );
    expect(await setUpParties.textContent()).toMatch(
      /ARS Occitanie.*15\u00a0000\u00a0€ en 2025.*Appui méthodologique/,
    );
    // The communes, collapsed under their count, open with the keyboard (and their map).
    await press(setup.getByTestId('setup-communes').locator('summary').first());
    await expect.poll(() => setup.getByTestId('setup-communes').textContent()).toMatch(/Lodève/);
    await setup.getByTestId('territory-map').waitFor();
    await coordinator
      .waitForFunction(
        () => document.querySelector('[data-testid="territory-map"]')?.getAttribute('aria-busy') === 'false',
        undefined,
        { timeout: 20_000 },
      )
      .catch(() => undefined);
    await saveScreenshot(coordinator, 'admin-setup-5-contract-created');

    // The drafter now coordinates it: the admin's users page names the contract.
    await admin.reload();
    await expect
      .poll(() =>
        admin
          .getByTestId('users')
          .getByRole('row', { name: new RegExp(COORDINATOR.name) })
          .textContent(),
      )
      .toMatch(/Coordinateur·rice — Contrat local de santé du Lodévois et Larzac 2025-2029/);

    // The directory: what the pickers added, a SIRET checked.
    await coordinator.goto(`${running.platform.baseUrl}/admin/organisations`);
    const directory = coordinator.getByTestId('organisations');
    await expect.poll(() => directory.textContent()).toMatch(/ARS Occitanie/);
    const register = coordinator.getByRole('form', { name: 'Ajouter une organisation' });
    await type(register.getByLabel('Nom'), 'CPAM de l’Hérault');
    await register.getByLabel('Type').selectOption({ label: 'Assurance maladie (CPAM, MSA…)' });
    await type(register.getByLabel('SIRET (facultatif)'), '732 829 320 00075');
    await press(register.getByRole('button', { name: 'Ajouter au répertoire' }));
    await expect
      .poll(() => register.textContent())
      .toMatch(/SIRET invalide : sa clé de contrôle ne correspond pas/);
    await register.getByLabel('SIRET (facultatif)').fill('');
    await press(register.getByRole('button', { name: 'Ajouter au répertoire' }));
    await expect
      .poll(() => register.getByRole('status').textContent(), { timeout: 10_000 })
      .toMatch(/Enregistré/);
    await expect.poll(() => directory.textContent()).toMatch(/CPAM de l’Hérault/);
    await coordinator.setViewportSize({ width: 375, height: 900 });
    expect(await noHorizontalScroll(coordinator)).toBeLessThanOrEqual(375);
    await saveScreenshot(coordinator, 'admin-setup-6-organisations-375');

    // Before signature, the draft is corrected: a typo in the name, a party forgotten.
    await coordinator.setViewportSize({ width: 1280, height: 900 });
    await coordinator.goto(`${running.platform.baseUrl}/admin/contrats/cls-lodevois-et-larzac-2025`);
    const correction = await openDisclosure(coordinator, 'Modifier le contrat', 'Modifier le contrat');
    await expect
      .poll(() => correction.getByLabel('Nom du contrat').inputValue())
      .toBe('Contrat local de santé du Lodévois et Larzac 2025-2029');
    // Nothing changed: the domain says so, announced in the form's summary.
    await press(correction.getByRole('button', { name: 'Enregistrer les corrections' }));
    await expect.poll(() => correction.getByRole('alert').first().textContent()).toMatch(/Rien à modifier/);
    await pickSuggestion(
      correction.getByRole('combobox', { name: 'Parties au contrat et leurs engagements' }),
      'CPAM de l',
      /^CPAM de l’Hérault/,
    );
    const cpam = correction.getByRole('group', { name: 'CPAM de l’Hérault', exact: true });
    await type(cpam.getByLabel('Autres engagements (facultatif)'), 'Données de consommation de soins');
    await type(correction.getByLabel('Nom du contrat'), 'CLS du Lodévois et Larzac 2025-2029');
    await submit(correction, 'Enregistrer les corrections');
    await expect
      .poll(() => coordinator.getByRole('heading', { level: 1 }).textContent())
      .toBe('CLS du Lodévois et Larzac 2025-2029');
    await expect
      .poll(() => setUpParties.textContent())
      .toMatch(/CPAM de l’Hérault.*Données de consommation de soins/);
    // What was set up stays: the territory, the other parties' commitments.
    expect(await setup.getByTestId('setup-communes').textContent()).toMatch(/^28 communes/);
    expect(await setUpParties.textContent()).toMatch(/20\u00a0000\u00a0€ en 2025/);
    // The signature starts from the parties, the one added included.
    await expect
      .poll(() =>
        coordinator
          .getByRole('form', { name: 'Enregistrer la signature du contrat' })
          .getByLabel('Signataires')
          .inputValue(),
      )
      .toBe('CC Lodévois et Larzac\nARS Occitanie\nCPAM de l’Hérault');
    await expectAccessible(coordinator);
    await saveScreenshot(coordinator, 'admin-setup-7-contract-corrected');
    // At 375 px, the correction closed: the contract as it now reads.
    await press(coordinator.locator('summary', { hasText: 'Modifier le contrat' }));
    await coordinator.setViewportSize({ width: 375, height: 900 });
    expect(await noHorizontalScroll(coordinator)).toBeLessThanOrEqual(375);
    await saveScreenshot(coordinator, 'admin-setup-8-contract-corrected-375');
  }, 180_000);
});
