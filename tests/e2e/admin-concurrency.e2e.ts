import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  layoutWidth,
  mutate,
  openDisclosure as open,
  press,
  signInAs,
  submit,
  type,
} from './support/keyboard.js';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';

const ADMIN = { email: 'admin@concurrence-e2e.fr', password: 'un-mot-de-passe-assez-long' };
const COORDINATOR = {
  userId: 'coordinatrice-concurrence',
  email: 'coordinatrice@concurrence-e2e.fr',
  password: 'un-autre-mot-de-passe-long',
};

/**
 * Optimistic concurrency, as two people meet it: the same coordinator (two tabs, two sessions)
 * opens the same fiche's edit form; A saves, then B saves from what B read before A's change.
 * B is answered 409 with a way to reload, keeps what B typed, reloads (the inputs B did not
 * touch take A's values) and saves again: both edits are in the plan and in the history.
 */
describe('two edits of one fiche at once', () => {
  const running = usePlatformInBrowser({
    DEMO: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  let admin: Page | undefined;

  /**
   * A draft contract with one fiche (two, signed, with a draft avenant of one change, when
   * `signed`), its coordinator able to sign in: set-up, proven elsewhere.
   */
  async function draftContract(contractId: string, signed = false): Promise<Page> {
    if (!admin) {
      admin = await signInAs(running.platform, running.browser, ADMIN);
      expect(
        await mutate(admin, 'user.invite', {
          userId: COORDINATOR.userId,
          email: COORDINATOR.email,
          displayName: 'Camille Coordinatrice',
        }),
      ).toBe(200);
      expect(
        await admin.evaluate(
          async ([userId, password, currentPassword]) =>
            (
              await fetch('/trpc/user.setPassword', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ userId, password, currentPassword }),
              })
            ).status,
          [COORDINATOR.userId, COORDINATOR.password, ADMIN.password] as const,
        ),
      ).toBe(200);
    }
    for (const [procedure, input] of [
      [
        'contract.draft',
        {
          contractId,
          name: `CLS du Lodévois et Larzac (${contractId})`,
          territory: { name: 'Lodévois et Larzac', epci: [], communes: [] },
          period: { start: 2025, end: 2030 },
        },
      ],
      ['user.grantRole', { userId: COORDINATOR.userId, role: 'coordinator', contractId }],
      ['contract.defineAxis', { contractId, code: '1', title: 'Accès aux soins' }],
      [
        'contract.defineFicheAction',
        {
          contractId,
          axisCode: '1',
          code: '1.1',
          title: 'Attirer des professionnels de santé',
          calendar: '2025-2026',
        },
      ],
    ] as const)
      expect(await mutate(admin, procedure, input)).toBe(200);
    if (signed)
      for (const [procedure, input] of [
        [
          'contract.defineFicheAction',
          { contractId, axisCode: '1', code: '1.2', title: 'Coordonner les parcours de soins' },
        ],
        [
          'contract.sign',
          { contractId, signedOn: '2025-06-02', signatories: [{ organisation: 'ARS Occitanie' }] },
        ],
        [
          'contract.draftAmendment',
          {
            contractId,
            amendmentId: `${contractId}.avenant-1`,
            title: 'Avenant n° 1',
            changes: [{ type: 'UpdateAxis', code: '1', description: 'Médecins, infirmiers, pharmaciens' }],
          },
        ],
      ] as const)
        expect(await mutate(admin, procedure, input)).toBe(200);
    return admin;
  }

  /** The coordinator's page on the plan, a fiche's edit form open. */
  async function ficheForm(contractId: string, width: number, code = '1.1') {
    const page = await signInAs(running.platform, running.browser, COORDINATOR, width);
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${contractId}`);
    await press(page.getByRole('link', { name: 'Plan d’action' }));
    await page.getByRole('heading', { level: 1, name: 'Plan d’action' }).waitFor();
    const form = await open(page, `Modifier la fiche ${code}`, `Modifier la fiche ${code}`);
    return { page, form };
  }

  for (const width of [1280, 375]) {
    it(`at ${width} px: the second save answers 409 with « Recharger », keeps what was typed, then goes through`, async () => {
      const contractId = `cls-concurrence-${width}`;
      const auditor = await draftContract(contractId);
      const a = await ficheForm(contractId, width);
      const b = await ficheForm(contractId, width);

      // B starts typing from what B read; meanwhile A changes the title and the calendar, and saves.
      const bTitle = b.form.getByLabel('Intitulé de la fiche');
      await type(bTitle, 'Attirer et installer des médecins généralistes');
      await type(a.form.getByLabel('Intitulé de la fiche'), 'Attirer des internes en médecine');
      await type(a.form.getByLabel('Calendrier (facultatif)'), '2025-2027');
      await submit(a.form, 'Enregistrer');

      // B saves: refused, told so (focused, announced), with the way to reload; B's text is still there.
      await press(b.form.getByRole('button', { name: 'Enregistrer' }));
      const alert = b.form.getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/Modifié entre-temps par quelqu’un d’autre/);
      const reload = alert.getByRole('button', { name: 'Recharger les données (vos saisies restent)' });
      await reload.waitFor();
      expect(await b.page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
      expect(await bTitle.inputValue()).toBe('Attirer et installer des médecins généralistes');
      expect(await layoutWidth(b.page)).toBeLessThanOrEqual(width);
      await saveScreenshot(b.page, `admin-concurrency-409-${width}`);

      // Reloaded: B's title stays; the calendar B did not touch now shows A's.
      await press(reload);
      await expect.poll(() => b.form.getByRole('alert').textContent()).toMatch(/Données rechargées/);
      await expect.poll(() => b.form.getByLabel('Calendrier (facultatif)').inputValue()).toBe('2025-2027');
      expect(await bTitle.inputValue()).toBe('Attirer et installer des médecins généralistes');
      await saveScreenshot(b.page, `admin-concurrency-reloaded-${width}`);
      await submit(b.form, 'Enregistrer');

      // The plan shows B's title and A's calendar: nothing was lost.
      await b.page
        .getByRole('heading', { name: 'Fiche 1.1 — Attirer et installer des médecins généralistes' })
        .waitFor();
      await expect
        .poll(() => b.page.getByRole('region', { name: /^Fiche 1\.1/ }).textContent())
        .toContain('2025-2027');
      await saveScreenshot(b.page, `admin-concurrency-saved-${width}`);

      // The contract's history holds both edits, A's then B's.
      await auditor.goto(`${running.platform.baseUrl}/admin/audit/flux/contract-${contractId}`);
      await expect
        .poll(
          async () => (await auditor.locator('main').textContent())?.match(/Fiche-action modifiée/g)?.length,
        )
        .toBe(2);
      const history = (await auditor.locator('main').textContent()) ?? '';
      expect(history.indexOf('Attirer des internes en médecine')).toBeGreaterThan(-1);
      expect(history.indexOf('Attirer et installer des médecins généralistes')).toBeGreaterThan(
        history.indexOf('Attirer des internes en médecine'),
      );
      await a.page.close();
      await b.page.close();
    }, 120_000);
  }

  for (const width of [1280, 375]) {
    it(`at ${width} px: two changes added at once to the draft avenant are both kept`, async () => {
      const contractId = `cls-avenant-concurrent-${width}`;
      await draftContract(contractId, true);
      const a = await ficheForm(contractId, width, '1.1');
      const b = await ficheForm(contractId, width, '1.2');

      // Both read the draft with its one change; A adds a change to it, then B adds another.
      await type(a.form.getByLabel('Intitulé de la fiche'), 'Attirer des internes en médecine');
      await type(b.form.getByLabel('Intitulé de la fiche'), 'Coordonner les parcours des personnes âgées');
      await submit(a.form, 'Ajouter à l’avenant');
      await press(b.form.getByRole('button', { name: 'Ajouter à l’avenant' }));
      const alert = b.form.getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/Modifié entre-temps par quelqu’un d’autre/);
      expect(await b.form.getByLabel('Intitulé de la fiche').inputValue()).toBe(
        'Coordonner les parcours des personnes âgées',
      );
      await saveScreenshot(b.page, `admin-concurrency-avenant-409-${width}`);

      // B reloads (the draft now holds A's change) and adds again: the draft holds all three.
      await press(alert.getByRole('button', { name: 'Recharger les données (vos saisies restent)' }));
      await expect.poll(() => b.form.getByRole('alert').textContent()).toMatch(/Données rechargées/);
      await submit(b.form, 'Ajouter à l’avenant');
      const changes = b.page.getByTestId('draft-changes').getByRole('listitem');
      await expect.poll(() => changes.count()).toBe(3);
      const listed = (await changes.allTextContents()).join('\n');
      expect(listed).toMatch(/Fiche 1\.1 modifiée/);
      expect(listed).toMatch(/Fiche 1\.2 modifiée/);
      expect(await layoutWidth(b.page)).toBeLessThanOrEqual(width);
      await saveScreenshot(b.page, `admin-concurrency-avenant-kept-${width}`);
      await a.page.close();
      await b.page.close();
    }, 120_000);
  }
});
