import { loadSeeds } from '@cls/demo';
import { businessDay } from '@cls/domain';
import { frenchDate } from '@cls/french';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import { press, submit, type } from './support/keyboard.js';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const contract = 'cls-coeur-herault-2024';
/** From the FINESS extract imported at start-up (January 2021: stale today). */
const lodeveHospital = { id: 'finess-340000215', name: 'CH LODEVE' };
const bousquetMsp = { id: 'finess-340020072', name: "MSP BOUSQUET D'ORB" };
const lodeveMsp = { id: 'finess-340028000', name: 'MSP DU LODEVOIS' };
const lodeveCmp = { id: 'finess-340787134', name: 'CMP CATTP ADULTE LODEVE' };
/** Declared by the demo over the 77 communes of the Pays Cœur d'Hérault. */
const cpts = { id: 'cpts-centre-herault', name: 'CPTS Centre Hérault' };
const seeds = loadSeeds();
if (!seeds)
  console.log('[e2e] admin offers browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

/** The directory of health offers as a coordinator keeps it, on the demo (seeds, accounts, FINESS extract). */
describe.skipIf(!seeds)('the health offers in the admin app', () => {
  const running = usePlatformInBrowser();
  const url = (path: string) => `${running.platform.baseUrl}/admin${path}`;

  /** Fills the register form with a midwife in Lodève, the commune picked among the suggestions. */
  async function fillMidwife(form: Locator, name: string, phone: string) {
    await form.getByLabel('Type d’offre').selectOption('sage_femme');
    await form.getByLabel('Nom', { exact: true }).fill(name);
    await form.getByLabel('Adresse', { exact: true }).fill('12 avenue de la République');
    await form.getByRole('combobox', { name: 'Commune' }).fill('Lodève');
    await form.getByRole('option', { name: /^Lodève/ }).click();
    await form.getByLabel('Téléphone (facultatif)').fill(phone);
  }

  /** The table of the directory once it shows the offers in `state` found by `words`. */
  async function searchList(page: Page, words: string, state = 'Ouvertes') {
    await page.goto(url('/offres'));
    await page.getByLabel('État').selectOption({ label: state });
    await page.getByLabel('Rechercher').fill(words);
    const table = page.getByRole('table', { name: 'Offres de santé' });
    await expect.poll(() => table.getAttribute('aria-busy')).toBe('false');
    return table;
  }

  it('a coordinator registers a midwife by hand: commune suggested, position at its centre, then listed', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.getByRole('link', { name: 'Offres de santé' }).click();
    await page.getByRole('link', { name: 'Enregistrer une offre' }).click();
    const form = page.getByRole('form', { name: 'Nouvelle offre' });
    await fillMidwife(form, 'Marie Fabre, sage-femme', '04 67 44 12 34');
    // The commune fills its code, postcode and a position at its centre (Lodève: 3.32 E, 43.73 N).
    expect(await form.getByTestId('commune-insee').textContent()).toBe('Code INSEE 34142');
    expect(await form.getByLabel('Code postal').inputValue()).toBe('34700');
    expect(Number(await form.getByLabel('Longitude').inputValue())).toBeCloseTo(3.32, 1);
    expect(Number(await form.getByLabel('Latitude').inputValue())).toBeCloseTo(43.73, 1);
    await saveScreenshot(page, 'admin-offer-register');
    await form.getByRole('button', { name: 'Enregistrer l’offre' }).click();

    await page.getByRole('heading', { name: 'Marie Fabre, sage-femme' }).waitFor();
    expect(await page.getByTestId('offer-verification').textContent()).toMatch(/^Sage-femme vérifiée le/);
    expect(await page.getByTestId('stale-flag').count()).toBe(0);

    const table = await searchList(page, 'fabre');
    const row = table.getByRole('row', { name: /Marie Fabre, sage-femme/ });
    expect(await row.textContent()).toMatch(/Sage-femme.*Lodève.*Saisie manuelle.*vérifiée le/);
    await saveScreenshot(page, 'admin-offers');
  });

  it('shows an invalid phone beside its field, and registers nothing', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(url('/offres/nouvelle'));
    const form = page.getByRole('form', { name: 'Nouvelle offre' });
    await fillMidwife(form, 'Cabinet Durand, sage-femme', '12');
    await form.getByRole('button', { name: 'Enregistrer l’offre' }).click();
    const phone = form.getByLabel('Téléphone (facultatif)');
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field__error').textContent()).toContain('téléphone : 10 chiffres');
    await saveScreenshot(page, 'admin-offer-invalid-phone');

    const table = await searchList(page, 'durand', 'Toutes');
    expect(await page.getByTestId('offers-count').textContent()).toBe('0 offre');
    expect(await table.getByRole('row').count()).toBe(1);
  });

  it('a coordinator marks a FINESS offer verified today, and its "à vérifier" flag goes', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    const table = await searchList(page, 'lodeve', 'À vérifier');
    await table.getByRole('link', { name: lodeveHospital.name, exact: true }).click();
    await page.getByRole('heading', { name: lodeveHospital.name }).waitFor();
    expect(await page.getByTestId('stale-flag').count()).toBe(1);
    expect(await page.getByTestId('offer-verification').textContent()).toContain(
      'vérifiée le 8 janvier 2021',
    );

    await page.getByRole('button', { name: 'Marquer vérifiée aujourd’hui' }).click();
    await expect.poll(() => page.getByTestId('stale-flag').count()).toBe(0);
    // Today as the command side dates it: France's business day, not this machine's.
    expect(await page.getByTestId('offer-verification').textContent()).toContain(
      `vérifiée le ${frenchDate(businessDay())}`,
    );
    await saveScreenshot(page, 'admin-offer-verified');

    await searchList(page, 'lodeve', 'À vérifier');
    expect(await page.getByRole('row', { name: new RegExp(lodeveHospital.name) }).count()).toBe(0);
  });

  it('a coordinator attaches an offer to an action of her contract, and sees it there', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(url(`/actions/${contract}.1.1-A1`));
    const section = page.getByRole('region', { name: 'Offres liées' });
    expect(await section.textContent()).toContain('Aucune offre de santé n’est rattachée');

    const form = section.getByRole('form', { name: 'Rattacher une offre à l’action' });
    const offer = form.getByRole('combobox', { name: 'Offre' });
    await offer.fill('bousquet');
    // Keyboard only: the arrow goes to the suggestion, Enter picks it.
    await form.getByRole('option', { name: new RegExp(bousquetMsp.name) }).waitFor();
    await offer.press('ArrowDown');
    await offer.press('Enter');
    expect(await offer.inputValue()).toBe(bousquetMsp.name);
    await form.getByRole('button', { name: 'Rattacher l’offre' }).click();

    const linked = section.getByTestId('action-offers');
    await expect.poll(() => linked.textContent()).toContain(bousquetMsp.name);
    await saveScreenshot(page, 'admin-action-offers');
    await linked.getByRole('link', { name: bousquetMsp.name }).click();
    await page.getByRole('heading', { name: bousquetMsp.name }).waitFor();
    expect(await page.getByTestId('offer-support').textContent()).toContain('1.1-A1');
  });

  it('a coordinator corrects an offer: only what changed is sent, and it counts as checked', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(url(`/offres/${lodeveMsp.id}`));
    await page.getByRole('heading', { name: lodeveMsp.name }).waitFor();
    const form = page.getByRole('form', { name: 'Modifier l’offre' });
    await form.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Aucune modification à enregistrer.');

    await form.getByLabel('Téléphone (facultatif)').fill('04 67 44 55 66');
    await form.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect.poll(() => page.locator('.facts').textContent()).toContain('04 67 44 55 66');
    expect(await page.getByTestId('stale-flag').count()).toBe(0);
    expect(await form.getByLabel('Nom', { exact: true }).inputValue()).toBe(lodeveMsp.name);
  });

  it('a coordinator enters the hours with a live preview, bad syntax said beside the field; the portal card shows them', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(url(`/offres/${lodeveCmp.id}`));
    await page.getByRole('heading', { name: lodeveCmp.name }).waitFor();
    const form = page.getByRole('form', { name: 'Modifier l’offre' });
    const hours = form.getByLabel('Horaires (facultatif)');
    const preview = form.getByTestId('hours-preview');
    await type(hours, 'Lu-Ve 9h-17h');
    await expect
      .poll(() => preview.textContent())
      .toMatch(/horaires : syntaxe non reconnue.*vouliez-vous dire « Mo-Fr 09:00-17:00 »/);
    await type(hours, 'Mo-Fr 09:00-12:30,13:30-17:00; PH off');
    await expect
      .poll(() => preview.textContent())
      .toMatch(/Aperçu \(heure de Paris\).*lundi : 09:00–12:30, 13:30–17:00/);
    expect(await preview.textContent()).toContain('samedi : fermé');
    // FINESS may already say it is for adults (its name): ticked once either way.
    const adults = form.getByRole('checkbox', { name: 'Adultes' });
    if (!(await adults.isChecked())) await press(adults, 'Space');
    await form.getByLabel('Téléconsultation').selectOption('false');
    await saveScreenshot(page, 'admin-offer-hours');
    await submit(form, 'Enregistrer les modifications');

    const portal = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await portal.goto(`${running.platform.baseUrl}/?offre=${lodeveCmp.id}`);
    const week = portal.getByTestId('week-table');
    await week.waitFor();
    expect(await week.getByRole('row', { name: /^Lundi/ }).textContent()).toMatch(/09:00–12:30, 13:30–17:00/);
    expect(await portal.getByTestId('offer-publics').textContent()).toBe('Adultes');
    await portal.close();
  });

  it('a coordinator declares the communes of a CPTS: one added through the search, one removed', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(url(`/offres/${cpts.id}`));
    await page.getByRole('heading', { name: cpts.name }).waitFor();
    const form = page.getByRole('form', { name: 'Communes couvertes par la CPTS' });
    expect(await form.textContent()).toContain('77 communes couvertes');
    await form.getByRole('combobox', { name: 'Ajouter une commune' }).fill('Castelnau-le');
    await form.getByRole('option', { name: /^Castelnau-le-Lez/ }).click();
    await form.getByRole('button', { name: 'Retirer Lodève' }).click();
    expect(await form.getByTestId('coverage').textContent()).toContain('Castelnau-le-Lez (34057)');
    await saveScreenshot(page, 'admin-offer-cpts');
    await form.getByRole('button', { name: 'Enregistrer les communes' }).click();

    const covered = page.locator('.facts');
    await expect.poll(() => covered.textContent()).toContain('Castelnau-le-Lez');
    expect(await covered.textContent()).not.toContain('Lodève');
  });

  it('a coordinator closes an offer: listed among the closed ones, and it no longer changes', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(url(`/offres/${lodeveCmp.id}`));
    const form = page.getByRole('form', { name: 'Fermer l’offre' });
    await form.getByLabel('Date de fermeture').fill('2026-06-30');
    await form.getByLabel('Motif (facultatif)').fill('Regroupé avec le CMP de Clermont-l’Hérault');
    await form.getByRole('button', { name: 'Fermer l’offre' }).click();
    await expect
      .poll(() => page.getByTestId('offer-verification').textContent())
      .toContain('fermée le 30 juin 2026');
    expect(await page.getByText(/^Une offre fermée ne change plus/).count()).toBe(1);

    const table = await searchList(page, 'lodeve', 'Fermées');
    expect(await table.getByRole('link', { name: lodeveCmp.name }).count()).toBe(1);
  });

  it('refuses a pilot to register an offer, and registers nothing', async () => {
    const page = await signIn(running, 'pilote@demo-cls.fr');
    expect(await page.getByRole('link', { name: 'Offres de santé' }).count()).toBe(0);
    await page.goto(url('/offres/nouvelle'));
    const form = page.getByRole('form', { name: 'Nouvelle offre' });
    await fillMidwife(form, 'Cabinet Girard, sage-femme', '04 67 44 00 00');
    await form.getByRole('button', { name: 'Enregistrer l’offre' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toMatch(/Action non autorisée : enregistrer une offre/);
    await saveScreenshot(page, 'admin-offer-pilot-refused');

    await searchList(page, 'girard', 'Toutes');
    expect(await page.getByTestId('offers-count').textContent()).toBe('0 offre');
  });

  it('passes axe on the directory, a CPTS and the register form with its suggestions open', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await searchList(page, 'lodeve', 'Toutes');
    await expectAccessible(page);
    await page.goto(url(`/offres/${cpts.id}`));
    await page.getByRole('heading', { name: cpts.name }).waitFor();
    await expectAccessible(page);
    await page.goto(url('/offres/nouvelle'));
    await page.getByRole('combobox', { name: 'Commune' }).fill('Clermont');
    await page.getByRole('option', { name: /^Clermont-l'Hérault/ }).waitFor();
    await expectAccessible(page);
  });

  it('fits the directory and an offer on a phone', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr', { width: 360, height: 740 });
    await searchList(page, 'lodeve', 'Toutes');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'admin-offers-phone');
    await page.goto(url(`/offres/${lodeveHospital.id}`));
    await page.getByRole('heading', { name: lodeveHospital.name }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'admin-offer-phone');
  });
});
