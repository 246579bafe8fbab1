import { businessDay } from '@cls/domain';
import { frenchDate } from '@cls/french';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import {
  layoutWidth,
  openDisclosure,
  pickOrganisation,
  press,
  signInAs,
  submit,
  type,
} from './support/keyboard.js';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';

const ADMIN = { email: 'admin@lodevois-e2e.fr', password: 'un-mot-de-passe-assez-long' };
const COORDINATOR = {
  name: 'Inès Coordination',
  email: 'ines@lodevois-e2e.fr',
  password: 'mot-de-passe-provisoire',
};
const CONTRACT = 'CLS du Lodévois et Larzac';
/** France's business day: the day the coordinator keys the contract in, and signs the avenant. */
const TODAY = businessDay();
const dayBefore = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
/** The contract was adopted and signed a week before it is keyed in: its plan takes effect then. */
const ADOPTED = dayBefore(TODAY, 7);
const YESTERDAY = dayBefore(TODAY, 1);
const typed = (day: string) => day.split('-').reverse().join('/');
const todayTyped = typed(TODAY);
const YEAR = Number(TODAY.slice(0, 4));
const CC = 'CC Lodévois et Larzac';
const ARS = 'ARS Occitanie';

/** Takes, in a picker, the suggestion that adds a name absent from the directory, with its kind. */
async function addToDirectory(page: Page, input: Locator, name: string, kind: string) {
  await type(input, name);
  const option = page.getByRole('option', { name: new RegExp(`^Ajouter « ${name} » au répertoire`) });
  await option.waitFor();
  const options = await page.getByRole('option').allTextContents();
  const index = options.findIndex((text) => text.startsWith(`Ajouter « ${name} »`));
  for (let step = 0; step <= index; step++) await input.press('ArrowDown');
  await input.press('Enter');
  const panel = page.getByRole('group', { name: `Ajouter « ${name} » au répertoire des organisations` });
  await panel.getByLabel('Type d’organisation').selectOption({ label: kind });
  await press(panel.getByRole('button', { name: 'Ajouter au répertoire' }));
  await panel.waitFor({ state: 'detached' });
}

/**
 * Issue 15's journey, keyboard only, on a platform without the demo: an administrator
 * invites a coordinator, who sets up the CLS of the Lodévois et Larzac (2 axes, 3 fiches,
 * 4 actions piloted by organisations of the directory, 6 planned deliverables, a convention,
 * a COPIL held with 2 decisions), signs it, then moves an action to another fiche through
 * an avenant both parties sign. The portal's public page shows the plan; the audit shows the
 * plan before and after the avenant. At 1280 px, and the plan, the avenants and the portal at 375 px.
 */
describe('a coordinator sets up and re-plans a contract, from an empty platform', () => {
  const running = usePlatformInBrowser({
    DEMO: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  let contractUrl = '';

  it('the administrator invites a coordinator; the coordinator is told what to do first', async () => {
    const admin = await signInAs(running.platform, running.browser, ADMIN);
    const firstSteps = admin.getByTestId('first-steps');
    await press(firstSteps.getByRole('link', { name: 'Invitez un coordinateur' }));
    const invite = admin.getByRole('form', { name: 'Inviter une personne' });
    await type(invite.getByLabel('Nom et prénom'), COORDINATOR.name);
    await type(invite.getByLabel('Adresse électronique'), COORDINATOR.email);
    await invite.getByLabel('Rôle (facultatif)').selectOption('coordinator');
    await type(invite.getByLabel('Mot de passe provisoire (facultatif)'), COORDINATOR.password);
    await press(invite.getByRole('button', { name: 'Inviter' }));
    await expect
      .poll(() => invite.getByRole('status').textContent(), { timeout: 10_000 })
      .toMatch(/Enregistré/);

    const coordinator = await signInAs(running.platform, running.browser, COORDINATOR);
    await expect
      .poll(() => coordinator.getByTestId('first-steps').textContent())
      .toMatch(/Créez votre contrat/);
    await saveScreenshot(coordinator, 'journey-1-coordinator-home');
  });

  it('the coordinator creates the contract, its plan, a convention and a COPIL, then signs it', async () => {
    const page = await signInAs(running.platform, running.browser, COORDINATOR);
    await press(page.getByTestId('first-steps').getByRole('link', { name: 'Créez votre contrat' }));
    const form = page.getByRole('form', { name: 'Le contrat' });
    await type(form.getByLabel('Nom du contrat'), CONTRACT);
    await addToDirectory(
      page,
      form.getByRole('combobox', { name: 'Porteur du contrat (facultatif)' }),
      CC,
      'EPCI (communauté de communes, d’agglomération…)',
    );
    await type(form.getByLabel('Première année'), String(YEAR - 1));
    await type(form.getByLabel('Dernière année'), String(YEAR + 3));
    await type(form.getByLabel('Nom du territoire'), 'Lodévois et Larzac');
    const epci = form.getByRole('combobox', { name: 'Ajouter toutes les communes d’un EPCI' });
    await type(epci, 'Lodévois');
    await page.getByRole('option', { name: /^CC Lodévois et Larzac/ }).waitFor();
    await epci.press('ArrowDown');
    await epci.press('Enter');
    await expect.poll(() => form.getByTestId('territory-count').textContent()).toBe('28 communes :');
    const parties = form.getByRole('combobox', { name: 'Parties au contrat et leurs engagements' });
    await pickOrganisation(form, 'Parties au contrat et leurs engagements', CC);
    await addToDirectory(page, parties, ARS, 'Agence régionale de santé (ARS)');
    await type(form.getByRole('group', { name: CC, exact: true }).getByLabel(String(YEAR)), '20 000');
    await press(form.getByRole('button', { name: 'Créer le contrat' }));
    // From « …/contrats/nouveau » to the new contract's own page.
    await page.waitForURL(/\/admin\/contrats\/(?!nouveau$)[^/]+$/, { timeout: 15_000 });
    await page.getByRole('heading', { level: 1, name: CONTRACT }).waitFor();
    contractUrl = page.url();

    // The plan: 2 axes, 3 fiches, 4 actions piloted by organisations of the directory, 6 deliverables.
    await press(page.getByRole('link', { name: 'Plan d’action' }));
    const newAxis = page.getByRole('form', { name: 'Nouvel axe' });
    for (const [code, title] of [
      ['1', 'Accès aux soins'],
      ['2', 'Prévention et promotion de la santé'],
    ] as const) {
      await type(newAxis.getByLabel('Numéro de l’axe'), code);
      await type(newAxis.getByLabel('Intitulé de l’axe'), title);
      await type(newAxis.getByLabel('Date d’effet (facultatif)'), typed(ADOPTED));
      await submit(newAxis, 'Ajouter l’axe');
    }
    for (const [axis, code, title] of [
      ['1', '1.1', 'Attirer et installer des professionnels de santé'],
      ['1', '1.2', 'Coordonner les parcours de soins'],
      ['2', '2.1', 'Prévenir les addictions chez les jeunes'],
    ] as const) {
      const fiche = await openDisclosure(
        page,
        `Ajouter une fiche-action à l’axe ${axis}`,
        `Nouvelle fiche-action — axe ${axis}`,
      );
      await type(fiche.getByLabel('Numéro de la fiche'), code);
      await type(fiche.getByLabel('Intitulé de la fiche'), title);
      await type(fiche.getByLabel('Date d’effet (facultatif)'), typed(ADOPTED));
      await submit(fiche, 'Ajouter la fiche');
      await page.getByRole('heading', { name: `Fiche ${code} — ${title}` }).waitFor();
    }
    for (const [fiche, code, title, pilot, years, deliverables] of [
      [
        '1.1',
        '1.1-A1',
        'Accueillir les internes en médecine',
        CC,
        `${YEAR}, ${YEAR + 1}`,
        'Guide d’accueil\nLogements',
      ],
      [
        '1.2',
        '1.2-A1',
        'Créer un dispositif d’appui à la coordination',
        ARS,
        `${YEAR}-${YEAR + 2}`,
        'Charte',
      ],
      ['1.2', '1.2-A2', 'Former les aidants', CC, `${YEAR + 1}`, 'Programme de formation'],
      [
        '2.1',
        '2.1-A1',
        'Intervenir dans les collèges',
        ARS,
        `${YEAR}`,
        'Bilan des interventions\nKit pédagogique',
      ],
    ] as const) {
      const action = await openDisclosure(
        page,
        `Ajouter une action à la fiche ${fiche}`,
        `Nouvelle action — fiche ${fiche}`,
      );
      await type(action.getByLabel('Code de l’action'), code);
      await type(action.getByLabel('Intitulé de l’action'), title);
      await pickOrganisation(action, 'Pilotes', pilot);
      await type(action.getByLabel('Années prévues'), years);
      await action.getByLabel('Livrables prévus (facultatif)').fill(deliverables);
      await type(action.getByLabel('Date d’effet (facultatif)'), typed(ADOPTED));
      await submit(action, 'Ajouter l’action');
      await page.getByRole('link', { name: `${code} — ${title}` }).waitFor();
    }
    await saveScreenshot(page, 'journey-2-plan-draft');

    // A convention between the two parties.
    await press(page.getByRole('link', { name: CONTRACT }));
    await press(page.getByRole('link', { name: 'Conventions', exact: true }));
    const convention = page.getByRole('form', { name: 'Rédiger une convention' });
    await type(convention.getByLabel('Intitulé'), 'Convention d’accueil des internes');
    await convention.getByLabel('Parties').fill(`${CC}\n${ARS}`);
    await type(convention.getByLabel('Objet'), 'Logement et accueil des internes en médecine');
    await convention.getByLabel('Nature').selectOption('convention');
    await submit(convention, 'Rédiger');
    await page.getByText('Convention d’accueil des internes').first().waitFor();

    // The COPIL, and its first meeting, already held, with two decisions.
    await press(page.getByRole('link', { name: 'Contrat', exact: true }));
    await press(page.getByRole('link', { name: 'Instances', exact: true }));
    const body = await openDisclosure(page, 'Définir une instance', 'Définir une instance');
    await type(body.getByLabel('Nom de l’instance'), 'COPIL');
    await pickOrganisation(body, 'Composition (facultatif)', ARS);
    await pickOrganisation(body, 'Composition (facultatif)', CC);
    await type(body.getByLabel('Fréquence prévue (réunions par an)'), '2');
    await submit(body, 'Définir l’instance');
    const meeting = await openDisclosure(
      page,
      'Enregistrer une réunion déjà tenue',
      'Enregistrer une réunion déjà tenue',
    );
    await meeting.getByLabel('Instance').selectOption('COPIL');
    await type(meeting.getByLabel('Objet'), 'COPIL de lancement');
    await type(meeting.getByLabel('Tenue le'), todayTyped);
    await meeting
      .getByLabel('Présents')
      .fill('Inès Coordination, CC Lodévois et Larzac\nLéa Roux, ARS Occitanie');
    await press(meeting.getByRole('button', { name: 'Ajouter une décision' }));
    await press(meeting.getByRole('button', { name: 'Ajouter une décision' }));
    const first = meeting.getByRole('group', { name: 'Décision 1' });
    await type(first.getByLabel('Décision', { exact: true }), 'Présenter le plan aux conseils municipaux');
    await pickOrganisation(first, 'Porteur (organisation)', CC);
    await type(first.getByLabel('Échéance (facultatif)'), `31/12/${YEAR + 1}`);
    const second = meeting.getByRole('group', { name: 'Décision 2' });
    await type(second.getByLabel('Décision', { exact: true }), 'Lancer l’accueil des internes');
    await pickOrganisation(second, 'Porteur (organisation)', CC);
    await type(second.getByLabel('Échéance (facultatif)'), `30/06/${YEAR + 1}`);
    const linked = second.getByLabel('Action concernée (facultatif)');
    const options = await linked
      .locator('option')
      .evaluateAll((nodes) =>
        nodes.map((node) => ({ value: (node as HTMLOptionElement).value, text: node.textContent ?? '' })),
      );
    await linked.selectOption(options.find((option) => option.text.includes('1.1-A1'))?.value ?? '');
    await submit(meeting, 'Enregistrer la réunion');

    // Signed by both parties.
    await press(page.getByRole('link', { name: 'Contrat', exact: true }));
    const signature = page.getByRole('form', { name: 'Enregistrer la signature du contrat' });
    await type(signature.getByLabel('Date de signature'), typed(ADOPTED));
    await signature.getByLabel('Signataires').fill(`${ARS}\n${CC}`);
    await press(signature.getByRole('button', { name: 'Enregistrer la signature' }));
    await expect.poll(() => page.getByTestId('contract-status').textContent()).toBe('Signé');
    await saveScreenshot(page, 'journey-3-signed');
    await expectAccessible(page);
  }, 240_000);

  it('moves an action to another fiche through an avenant both parties sign', async () => {
    const page = await signInAs(running.platform, running.browser, COORDINATOR);
    await page.goto(`${contractUrl}/plan`);
    await page.getByTestId('amendment-banner').waitFor();
    const move = await openDisclosure(
      page,
      'Déplacer l’action 1.2-A1',
      'Déplacer l’action 1.2-A1 vers une autre fiche',
    );
    await move
      .getByLabel('Fiche-action de destination')
      .selectOption({ label: 'Fiche 2.1 — Prévenir les addictions chez les jeunes' });
    await submit(move, 'Ajouter à l’avenant');
    await press(page.getByRole('link', { name: 'Voir les avenants et enregistrer les signatures' }));
    const sign = page.getByRole('form', { name: 'Enregistrer une signature — Avenant n° 1' });
    const status = page.getByTestId(/^amendment-status-/).first();
    for (const [party, after] of [
      [ARS, 'Signature en cours'],
      [CC, 'Signé'],
    ] as const) {
      // Among the contract's signatories who have not signed it yet.
      await sign.getByLabel('Partie signataire').selectOption(party);
      await type(sign.getByLabel('Date de signature'), todayTyped);
      await press(sign.getByRole('button', { name: 'Enregistrer la signature' }));
      await expect.poll(() => status.textContent()).toBe(after);
    }
    await saveScreenshot(page, 'journey-4-avenant-signed');

    await press(page.getByRole('link', { name: 'Plan d’action', exact: true }));
    await page
      .getByRole('list', { name: 'Actions de la fiche 2.1' })
      .getByRole('link', { name: /^1\.2-A1/ })
      .waitFor();
    await page.setViewportSize({ width: 375, height: 900 });
    expect(await layoutWidth(page)).toBeLessThanOrEqual(375);
    await saveScreenshot(page, 'journey-5-plan-after-avenant-375');
  }, 120_000);

  it('the portal shows the plan; the audit shows it before and after the avenant', async () => {
    const contractId = contractUrl.split('/').pop() ?? '';
    const portal = await running.browser.newPage({ viewport: { width: 375, height: 900 } });
    await portal.goto(`${running.platform.baseUrl}/contrats/${contractId}`);
    const fiche21 = portal.getByRole('region', {
      name: 'Fiche 2.1 — Prévenir les addictions chez les jeunes',
    });
    await expect.poll(() => fiche21.textContent()).toContain('1.2-A1');
    expect(await layoutWidth(portal)).toBeLessThanOrEqual(375);
    await saveScreenshot(portal, 'journey-6-portal-plan-375');

    // The audit: the contract as of yesterday holds the plan as signed (1.2-A1 in fiche 1.2), as of
    // today the plan as amended (in fiche 2.1); between the two days, the move is the change; and the
    // action's own history shows it planned in fiche 1.2, then moved by the avenant.
    const admin = await signInAs(running.platform, running.browser, ADMIN);
    await press(admin.getByRole('link', { name: 'Audit' }));
    await press(admin.getByRole('link', { name: 'À une date' }));
    const asOf = async (day: string, compare = '') => {
      const form = admin.getByRole('form', { name: 'État à une date' });
      await form.getByLabel('Contrat').selectOption(contractId);
      await form.getByLabel('Date', { exact: true }).fill(day);
      await form.getByLabel('Comparer avec le (facultatif)').fill(compare);
      await press(form.getByRole('button', { name: 'Afficher' }));
      await admin.getByRole('heading', { name: new RegExp(`^Le contrat au ${frenchDate(day)}`) }).waitFor();
    };
    const ficheOfMovedAction = () =>
      admin
        .getByRole('table', { name: 'Actions et leur état' })
        .getByRole('row', { name: /1\.2-A1/ })
        .locator('td')
        .first()
        .textContent();
    await asOf(TODAY);
    await expect.poll(ficheOfMovedAction).toBe('2.1');
    await asOf(YESTERDAY, TODAY);
    await expect.poll(ficheOfMovedAction).toBe('1.2');
    await expect
      .poll(() => admin.getByRole('region', { name: /Ce qui a changé/ }).textContent())
      .toMatch(/Action 1\.2-A1, fiche-action : 1\.2 → 2\.1/);
    await saveScreenshot(admin, 'journey-7-audit-before-after');
    await admin.goto(`${running.platform.baseUrl}/admin/audit/flux/action-${contractId}.1.2-A1`);
    await expect
      .poll(() => admin.locator('main').textContent())
      .toMatch(/Action planifiée.*Action déplacée|Action déplacée.*Action planifiée/s);
    expect(await admin.locator('main').textContent()).toMatch(/ficheCode\s*"1\.2"\s*"2\.1"/);
    await saveScreenshot(admin, 'journey-8-audit-action-history');
  }, 120_000);
});
