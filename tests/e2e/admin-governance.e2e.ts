import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import {
  mutate,
  openDisclosure as open,
  pickOrganisation,
  press,
  signInAs,
  submit,
  type,
} from './support/keyboard.js';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';

const ADMIN = { email: 'admin@gouvernance-e2e.fr', password: 'un-mot-de-passe-assez-long' };
const contractId = 'cls-gouvernance-e2e';
const actionId = `${contractId}.1.1-A1`;

/**
 * Governance that steers, with the keyboard only: on a platform without the demo,
 * a signed contract with one action; the administrator defines its COPIL (twice a
 * year), records a COPIL already held with two decisions (owner, due date, the
 * action concerned), follows one up, and the dashboard shows the decision overdue
 * and the COPIL that has not met for six months.
 */
describe('governance: bodies, meetings already held, decisions followed up, dashboard alerts', () => {
  const running = usePlatformInBrowser({
    DEMO: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });

  it('defines a COPIL, records it held with two decisions, follows one up, and sees the alerts', async () => {
    const page = await signInAs(running.platform, running.browser, ADMIN, 1280);
    // The contract, its plan and the directory are other parts' screens: set up through the API.
    for (const [procedure, input] of [
      [
        'contract.draft',
        {
          contractId,
          name: 'CLS du Lodévois et Larzac 2025-2030',
          territory: { name: 'Lodévois et Larzac', epci: [], communes: [] },
          period: { start: 2025, end: 2030 },
          parties: [{ organisation: 'ARS Occitanie' }],
        },
      ],
      ['contract.defineAxis', { contractId, code: '1', title: 'Accès aux soins' }],
      [
        'contract.defineFicheAction',
        { contractId, axisCode: '1', code: '1.1', title: 'Attirer des professionnels de santé' },
      ],
      [
        'action.plan',
        {
          actionId,
          contractId,
          ficheCode: '1.1',
          code: '1.1-A1',
          title: 'Accueillir les internes en médecine',
          pilots: ['ARS Occitanie'],
          plannedYears: { years: [2025], uncertain: false },
        },
      ],
      [
        'contract.sign',
        { contractId, signedOn: '2025-01-15', signatories: [{ organisation: 'ARS Occitanie' }] },
      ],
      ['organisation.register', { organisationId: 'ars-occitanie', name: 'ARS Occitanie', kind: 'ars' }],
      [
        'organisation.register',
        {
          organisationId: 'cc-lodevois-larzac',
          name: 'Communauté de communes Lodévois et Larzac',
          kind: 'epci',
        },
      ],
    ] as const)
      expect(await mutate(page, procedure, input), procedure).toBe(200);

    await page.goto(`${running.platform.baseUrl}/admin/contrats/${contractId}`);
    await press(page.getByRole('link', { name: 'Instances', exact: true }));
    await page.getByRole('heading', { level: 1, name: 'Instances de gouvernance' }).waitFor();
    // No body yet: the page says what to do first, and its link opens the form.
    await press(page.getByRole('link', { name: 'définissez d’abord une instance' }));
    const define = page.getByRole('form', { name: 'Définir une instance' });
    await define.waitFor();

    // Bad input first: the name is required, said in French beside its input.
    await press(define.getByRole('button', { name: 'Définir l’instance' }));
    await expect.poll(() => define.textContent()).toContain('erreur');
    expect(await define.textContent()).not.toMatch(/Invalid|expected|body/);

    await define.getByLabel('Nom de l’instance').fill('COPIL');
    await define.getByLabel('Rôle (facultatif)').fill('Pilotage stratégique du contrat');
    await pickOrganisation(define, 'Composition (facultatif)', 'ARS Occitanie');
    await define.getByRole('button', { name: 'Retirer ARS Occitanie' }).waitFor();
    await pickOrganisation(define, 'Composition (facultatif)', 'Communauté de communes Lodévois et Larzac');
    await define.getByRole('button', { name: 'Retirer Communauté de communes Lodévois et Larzac' }).waitFor();
    await define.getByLabel('Fréquence prévue (réunions par an)').fill('2');
    await submit(define, 'Définir l’instance');
    await page.getByRole('heading', { level: 3, name: 'COPIL' }).waitFor();
    expect(await page.getByText('Fréquence prévue : 2 réunions par an').count()).toBe(1);

    // A COPIL that already happened: recorded in one step, nothing « programmé » first.
    const record = await open(
      page,
      'Enregistrer une réunion déjà tenue',
      'Enregistrer une réunion déjà tenue',
    );
    await record.getByLabel('Instance').selectOption('COPIL');
    await record.getByLabel('Objet').fill('COPIL de lancement');
    await record.getByLabel('Tenue le').fill('2025-03-10');
    await record
      .getByLabel('Présents')
      .fill('Claire Martin, ARS Occitanie\nJean Roux, Communauté de communes');
    await press(record.getByRole('button', { name: 'Ajouter une décision' }));
    await press(record.getByRole('button', { name: 'Ajouter une décision' }));
    const first = record.getByRole('group', { name: 'Décision 1' });
    await first.getByLabel('Décision', { exact: true }).fill('Lancer l’accueil des internes');
    await pickOrganisation(first, 'Porteur (organisation)', 'Communauté de communes Lodévois et Larzac');
    await first.getByLabel('Échéance (facultatif)').fill('2025-06-30');
    await first.getByLabel('Action concernée (facultatif)').selectOption(actionId);
    const second = record.getByRole('group', { name: 'Décision 2' });
    await second.getByLabel('Décision', { exact: true }).fill('Préparer le bilan annuel');
    await second.getByLabel('Ou personne responsable (facultatif)').fill('Claire Martin');
    await second.getByLabel('Échéance (facultatif)').fill('2025-12-15');
    await record.getByLabel('Lien du compte rendu (facultatif)').fill('https://exemple.fr/copil-2025-03.pdf');
    await submit(record, 'Enregistrer la réunion');

    const meeting = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'COPIL — COPIL de lancement' }) });
    await meeting.getByText('Lancer l’accueil des internes', { exact: true }).waitFor();
    expect(await meeting.textContent()).toContain('Tenue');
    expect(await meeting.getByRole('link', { name: '1.1-A1' }).count()).toBe(1);
    expect(await meeting.textContent()).toContain('Claire Martin');

    // The second decision is under way: followed up with a comment kept in its history.
    const follow = await open(page, 'Suivre la décision « Préparer le bilan annuel', 'Suivi de la décision');
    await follow.getByLabel('Où en est-elle ?').selectOption('in_progress');
    await follow.getByLabel('À la date du').fill('2025-11-20');
    await follow.getByLabel('Commentaire (facultatif)').fill('Trame du bilan envoyée aux partenaires');
    await submit(follow, 'Enregistrer le suivi');
    await expect.poll(() => meeting.getByText('Trame du bilan envoyée aux partenaires').count()).toBe(1);
    // The form shows where the decision stands now, and is ready for the next comment.
    expect(await follow.getByLabel('Où en est-elle ?').inputValue()).toBe('in_progress');
    expect(await follow.getByLabel('Commentaire (facultatif)').inputValue()).toBe('');
    await saveScreenshot(page, 'admin-governance-1280');
    await expectAccessible(page);

    // The dashboard: the first decision is overdue (30 June 2025, not done); the second is under way,
    // but overdue too (15 December 2025); the COPIL, expected twice a year, has not met since March 2025.
    await press(page.getByRole('link', { name: 'Contrat', exact: true }));
    const overdue = page.getByTestId('overdue-decisions');
    await overdue.waitFor();
    expect(await overdue.textContent()).toContain('Lancer l’accueil des internes');
    expect(await overdue.textContent()).toContain('30 juin 2025');
    const unmet = page.getByTestId('unmet-bodies');
    expect(await unmet.textContent()).toContain('COPIL');
    expect(await unmet.textContent()).toContain('dernière réunion le 10 mars 2025');
    await saveScreenshot(page, 'admin-governance-dashboard-1280');

    // Done: no longer overdue.
    await press(overdue.getByRole('link', { name: 'Lancer l’accueil des internes' }));
    const done = await open(
      page,
      'Suivre la décision « Lancer l’accueil des internes',
      'Suivi de la décision',
    );
    await done.getByLabel('Où en est-elle ?').selectOption('done');
    await done.getByLabel('À la date du').fill('2025-07-02');
    await submit(done, 'Enregistrer le suivi');
    await press(page.getByRole('link', { name: 'Contrat', exact: true }));
    await page.getByRole('heading', { name: 'Décisions en retard' }).waitFor();
    await expect.poll(() => page.getByTestId('overdue-decisions').textContent()).not.toContain('Lancer');
  });

  it('reads at 375 px without a horizontal scroll', async () => {
    const page = await signInAs(running.platform, running.browser, ADMIN, 375);
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${contractId}/instances`);
    await page.getByText('Préparer le bilan annuel', { exact: true }).waitFor();
    const record = await open(
      page,
      'Enregistrer une réunion déjà tenue',
      'Enregistrer une réunion déjà tenue',
    );
    await press(record.getByRole('button', { name: 'Ajouter une décision' }));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await saveScreenshot(page, 'admin-governance-375');
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${contractId}`);
    await page.getByTestId('unmet-bodies').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await saveScreenshot(page, 'admin-governance-dashboard-375');
  });

  it('gives the focus to a new decision once drawn, unless the person has gone on meanwhile', async () => {
    const page = await signInAs(running.platform, running.browser, ADMIN, 1280);
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${contractId}/instances`);
    const record = await open(
      page,
      'Enregistrer une réunion déjà tenue',
      'Enregistrer une réunion déjà tenue',
    );
    // Frames drawn late, as on a loaded machine (how the owner picker once lost its typing):
    // the new block takes the focus once drawn…
    await lateFrames(page, 300);
    const add = record.getByRole('button', { name: 'Ajouter une décision' });
    await press(add);
    await expect.poll(() => focusedLabel(page), { timeout: 5000 }).toBe('Décision 1 › Décision');
    // …unless the person has gone on to another field meanwhile: what they type stays where they type it.
    await press(add);
    await type(record.getByLabel('Objet'), 'Revue');
    await page.waitForFunction(() => document.documentElement.dataset.framesPending === '0');
    expect(await focusedLabel(page)).toBe('Objet');
    expect(await record.getByLabel('Objet').inputValue()).toBe('Revue');
  });
});

/** Every animation frame `delayMs` late; `data-frames-pending` on <html> counts those not run yet. */
function lateFrames(page: Page, delayMs: number): Promise<void> {
  return page.evaluate((delay) => {
    const counter = document.documentElement.dataset;
    const frame = window.requestAnimationFrame.bind(window);
    counter.framesPending = '0';
    window.requestAnimationFrame = (callback) => {
      counter.framesPending = String(Number(counter.framesPending) + 1);
      setTimeout(
        () =>
          frame((time) => {
            counter.framesPending = String(Number(counter.framesPending) - 1);
            callback(time);
          }),
        delay,
      );
      return 0;
    };
  }, delayMs);
}

/** The focused field's label, after its fieldset's legend when it has one (« Décision 1 › Décision »). */
const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const focused = document.activeElement;
    const label =
      focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement
        ? (focused.labels?.[0]?.textContent ?? '')
        : '';
    const legend = focused?.closest('fieldset')?.querySelector(':scope > legend')?.textContent;
    return legend ? `${legend} › ${label}` : label;
  });
