import { readFileSync } from 'node:fs';
import { loadSeeds } from '@cls/demo';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.js';
import { mutate } from './support/keyboard.js';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const seeds = loadSeeds();
if (!seeds)
  console.log('[e2e] plan import/export browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

const contractId = 'cls-essai-import';
const planUrl = (base: string) => `${base}/admin/contrats/${contractId}/plan`;

/** What a button's download holds. */
async function downloaded(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path()) as string) };
}

/** Bytes as Excel saves « CSV (séparateur : point-virgule) » in France: Windows-1252 (the accents of these lines are all in Latin-1). */
const windows1252 = (text: string) => Buffer.from(text, 'latin1');

const upload = (page: Page, name: string, buffer: Buffer) =>
  page.getByLabel('Importer un plan (CSV ou XLSX)').setInputFiles({
    name,
    mimeType: name.endsWith('.xlsx')
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'text/csv',
    buffer,
  });

/** The preview's table, one text per row. */
const previewRows = async (page: Page) =>
  page
    .getByTestId('plan-import-preview')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from((row as HTMLTableRowElement).cells, (cell) => cell.textContent?.trim()).join(' '),
      ),
    );

/**
 * A coordinator fills a new contract's plan from a spreadsheet: the template,
 * a file with an error shown line by line, the corrected file applied from the
 * keyboard, then the round trip — the export re-imported is nothing, one line
 * added is one action.
 */
describe.skipIf(!seeds)('the plan to and from a spreadsheet', () => {
  const running = usePlatformInBrowser();

  beforeAll(async () => {
    const admin = await signIn(running, 'admin@demo-cls.fr');
    expect(
      await mutate(admin, 'contract.draft', {
        contractId,
        name: 'CLS d’essai de l’import',
        territory: { name: 'Territoire d’essai', epci: [], communes: [] },
        period: { start: 2025, end: 2029 },
        parties: [{ organisation: 'ARS Occitanie' }],
      }),
    ).toBe(200);
    await admin.close();
  });

  it('previews an import line by line, errors with their line and column, and applies it from the keyboard', async () => {
    const page = await signIn(running, 'admin@demo-cls.fr');
    await page.goto(planUrl(running.platform.baseUrl));
    await page.getByRole('heading', { name: 'Le plan dans un tableur (CSV ou XLSX)' }).waitFor();

    const template = await downloaded(page, 'Modèle vide (CSV)');
    expect(template.name).toBe('modele-plan.csv');
    const [header, example] = template.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(header?.split(';')).toEqual([
      'niveau',
      'axe',
      'fiche',
      'code',
      'intitulé',
      ...['description', 'objectifs', 'objectifs opérationnels', 'contexte', 'diagnostic', 'territoire'],
      ...['présentation', 'prérequis', 'pilotes', 'partenaires', 'publics', 'résultats attendus', 'moyens'],
      ...['calendrier', 'rôle du coordinateur', 'liens avec le PRS', 'indicateurs', 'mise à jour'],
      ...['années prévues', 'calendrier incertain', 'livrables prévus', 'identifiant'],
    ]);
    expect(example).toMatch(/^exemple \(action\);1;1\.2;1\.2-A1;/);
    const xlsxTemplate = await downloaded(page, 'Modèle vide (XLSX)');
    expect(xlsxTemplate.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    // As a coordinator would save it from a spreadsheet: `,` separated, Windows-1252, the example line kept.
    const lines = [
      'niveau,axe,fiche,code,intitulé,pilotes,années prévues,calendrier incertain,livrables prévus',
      `${example?.split(';').slice(0, 5).join(',')},,,,`,
      'axe,,,1,Accès aux soins,,,,',
      'fiche,1,,1.1,Favoriser l’installation des professionnels de santé,,,,',
      'action,,1.1,1.1-A1,Accueillir les internes en médecine générale,"Coordination CLS\nCPTS",2025-2026,non,"Guide d\'accueil\nSoirée d\'accueil"',
      'action,,1.1,1.1-A2,Recenser les locaux disponibles,Coordination CLS,vers 2027,peut-être,',
      'action,,1.9,1.9-A1,Action d’une fiche inconnue,,,,',
    ];
    await upload(page, 'plan.csv', windows1252(lines.join('\r\n').replaceAll('’', "'")));
    const heading = page.getByRole('heading', { name: 'Aperçu de l’import de « plan.csv »' });
    await heading.waitFor();
    // The preview takes the focus, its summary is announced, its errors are an alert.
    expect(await heading.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.getByTestId('plan-import').getByRole('status').textContent()).toBe(
      'CSV Windows-1252 : 3 ajouts, 0 modification, 0 ligne inchangée, 2 lignes en erreur.',
    );
    const alert = page.getByTestId('plan-import').getByRole('alert');
    expect(await alert.textContent()).toContain(
      'Ligne 6 — colonne « années prévues » : années illisibles : « vers 2027 » (par exemple 2025, 2026 ou 2025-2027) ; colonne « calendrier incertain » : « peut-être » : oui ou non attendu',
    );
    expect(await alert.textContent()).toContain(
      'Ligne 7 — colonne « fiche » : la fiche 1.9 n’existe ni dans le plan ni dans le fichier',
    );
    expect(await previewRows(page)).toEqual([
      expect.stringMatching(/^2 — 1\.2-A1 .* Ligne d’exemple du modèle : ignorée$/),
      '3 Axe 1 Accès aux soins Nouveau : sera ajouté',
      "4 Fiche-action 1.1 Favoriser l'installation des professionnels de santé Nouveau : sera ajouté",
      '5 Action 1.1-A1 Accueillir les internes en médecine générale Nouveau : sera ajouté',
      expect.stringMatching(/^6 Action 1\.1-A2 Recenser les locaux disponibles colonne « années prévues »/),
      expect.stringMatching(/^7 Action 1\.9-A1 .* colonne « fiche »/),
    ]);
    await expectAccessible(page);
    await saveScreenshot(page, 'admin-plan-import-preview');

    // Only the lines without error are applied: from the keyboard, Tab from the preview to « Appliquer ».
    const applyButton = page.getByRole('button', { name: 'Appliquer 3 ajouts' });
    for (let presses = 0; presses < 20; presses += 1) {
      if (await applyButton.evaluate((element) => element === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    const report = page.locator('.import-report');
    await expect
      .poll(() => report.textContent())
      .toBe('ligne 3 : appliquée\nligne 4 : appliquée\nligne 5 : appliquée');
    expect(await report.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.getByRole('link', { name: /^1\.1-A1 — Accueillir les internes/ }).waitFor();
    await saveScreenshot(page, 'admin-plan-import-applied');
  });

  it('round trip: an export re-imported is nothing, one line added is one action (CSV and XLSX)', async () => {
    const page = await signIn(running, 'admin@demo-cls.fr');
    await page.goto(planUrl(running.platform.baseUrl));
    await page.getByRole('link', { name: /^1\.1-A1 — / }).waitFor();

    const csv = await downloaded(page, 'Exporter le plan (CSV)');
    expect(csv.name).toBe(`plan-${contractId}.csv`);
    await upload(page, csv.name, csv.bytes);
    await expect
      .poll(() => page.getByTestId('plan-import').getByRole('status').textContent())
      .toBe('CSV UTF-8 : 0 ajout, 0 modification, 3 lignes inchangées, 0 ligne en erreur.');
    expect(await page.getByRole('button', { name: 'Rien à appliquer' }).isDisabled()).toBe(true);

    const xlsx = await downloaded(page, 'Exporter le plan (XLSX)');
    await upload(page, xlsx.name, xlsx.bytes);
    await expect
      .poll(() => page.getByTestId('plan-import').getByRole('status').textContent())
      .toBe('classeur XLSX : 0 ajout, 0 modification, 3 lignes inchangées, 0 ligne en erreur.');

    const edited = `${csv.bytes.toString('utf8')}action;1;1.1;1.1-A3;Organiser une journée d’accueil des internes;;Coordination CLS;;;2026;non;;\r\n`;
    await upload(page, 'plan-modifie.csv', Buffer.from(edited));
    await expect
      .poll(() => page.getByTestId('plan-import').getByRole('status').textContent())
      .toBe('CSV UTF-8 : 1 ajout, 0 modification, 3 lignes inchangées, 0 ligne en erreur.');
    await page.getByRole('button', { name: 'Appliquer 1 ajout' }).click();
    await expect.poll(() => page.locator('.import-report').textContent()).toBe('ligne 5 : appliquée');
    await page.getByRole('link', { name: /^1\.1-A3 — Organiser une journée/ }).waitFor();

    // The file applied again changes nothing more.
    await upload(page, 'plan-modifie.csv', Buffer.from(edited));
    await expect
      .poll(() => page.getByTestId('plan-import').getByRole('status').textContent())
      .toBe('CSV UTF-8 : 0 ajout, 0 modification, 4 lignes inchangées, 0 ligne en erreur.');

    // One cell edited: one modification, shown before and after, then applied.
    const retitled = edited.replace(
      'Organiser une journée d’accueil des internes',
      'Organiser deux journées d’accueil',
    );
    await upload(page, 'plan-modifie.csv', Buffer.from(retitled));
    await expect
      .poll(() => page.getByTestId('plan-import').getByRole('status').textContent())
      .toBe('CSV UTF-8 : 0 ajout, 1 modification, 3 lignes inchangées, 0 ligne en erreur.');
    expect(await previewRows(page)).toContain(
      '5 Action 1.1-A3 Organiser deux journées d’accueil Modifié : intitulé « Organiser une journée d’accueil des internes » → « Organiser deux journées d’accueil »',
    );
    await page.getByRole('button', { name: 'Appliquer 1 modification' }).click();
    await expect.poll(() => page.locator('.import-report').textContent()).toBe('ligne 5 : appliquée');
    await page.getByRole('link', { name: /^1\.1-A3 — Organiser deux journées/ }).waitFor();
    await upload(page, 'plan-modifie.csv', Buffer.from(retitled));
    await expect
      .poll(() => page.getByTestId('plan-import').getByRole('status').textContent())
      .toBe('CSV UTF-8 : 0 ajout, 0 modification, 4 lignes inchangées, 0 ligne en erreur.');
  });

  it('on a signed contract, prepares a draft avenant instead of changing the plan', async () => {
    const page = await signIn(running, 'admin@demo-cls.fr');
    const signed = 'cls-essai-avenant';
    await page.goto(`${running.platform.baseUrl}/admin/`);
    for (const [procedure, input] of [
      [
        'contract.draft',
        {
          contractId: signed,
          name: 'CLS d’essai de l’avenant',
          territory: { name: 'Territoire d’essai', epci: [], communes: [] },
          period: { start: 2025, end: 2029 },
          parties: [{ organisation: 'ARS Occitanie' }],
        },
      ],
      ['contract.defineAxis', { contractId: signed, code: '1', title: 'Accès aux soins' }],
      ['contract.defineFicheAction', { contractId: signed, axisCode: '1', code: '1.1', title: 'Installer' }],
      [
        'action.plan',
        {
          actionId: `${signed}.1.1-A1`,
          contractId: signed,
          ficheCode: '1.1',
          code: '1.1-A1',
          title: 'Accueillir les internes',
          pilots: ['Coordination CLS'],
          plannedYears: { years: [2026], uncertain: false },
          plannedDeliverables: [{ deliverableId: 'L1', title: 'Guide d’accueil' }],
        },
      ],
      [
        'contract.sign',
        { contractId: signed, signedOn: '2025-03-14', signatories: [{ organisation: 'ARS Occitanie' }] },
      ],
    ] as const) {
      expect(await mutate(page, procedure, input)).toBe(200);
    }
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${signed}/plan`);
    await page.getByRole('link', { name: /^1\.1-A1 — / }).waitFor();
    const csv = await downloaded(page, 'Exporter le plan (CSV)');
    const text = csv.bytes.toString('utf8');
    const title = 'Accueillir les internes';
    expect(text).toContain(title);
    await upload(page, csv.name, Buffer.from(text.replace(title, `${title} et les externes`)));
    await expect
      .poll(() => page.getByTestId('plan-import').getByRole('status').textContent())
      .toBe('CSV UTF-8 : 0 ajout, 1 modification, 2 lignes inchangées, 0 ligne en erreur.');
    await page.getByRole('button', { name: 'Préparer un projet d’avenant (1 modification)' }).click();
    await expect
      .poll(() => page.locator('.import-report').textContent())
      .toBe(
        `Projet d’avenant « Import du plan (${csv.name}) » préparé : 1 changement. Il s’appliquera au plan quand toutes les parties l’auront signé.`,
      );
    // The plan itself has not changed: the avenant is only a draft.
    await upload(page, csv.name, csv.bytes);
    await expect
      .poll(() => page.getByTestId('plan-import').getByRole('status').textContent())
      .toBe('CSV UTF-8 : 0 ajout, 0 modification, 3 lignes inchangées, 0 ligne en erreur.');
  });

  it('shows the preview on a phone, one row a card', async () => {
    const page = await signIn(running, 'admin@demo-cls.fr', { width: 375, height: 800 });
    await page.goto(planUrl(running.platform.baseUrl));
    await page.getByRole('link', { name: /^1\.1-A1 — / }).waitFor();
    await upload(
      page,
      'plan.csv',
      Buffer.from(
        'niveau;fiche;code;intitulé;années prévues\r\naction;1.1;1.1-A4;Informer les élus;2025 ou 2026\r\n',
      ),
    );
    await page.getByTestId('plan-import').getByRole('alert').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await expectAccessible(page);
    await saveScreenshot(page, 'admin-plan-import-preview-375');
  });
});
