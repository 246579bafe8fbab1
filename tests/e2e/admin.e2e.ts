import { readFileSync } from 'node:fs';
import { loadSeeds } from '@cls/demo';
import { describe, expect, it } from 'vitest';
import { usePlatformInBrowser } from './support/platform.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn } from './support/sign-in.js';

const contract = 'cls-coeur-herault-2024';
const seeds = loadSeeds();
if (!seeds) console.log('[e2e] admin app browser tests skipped: no seeds under ../shared (set SHARED_DIR).');

/** The demo (seeds and accounts) is what this scenario works on. */
describe.skipIf(!seeds)('the admin app, on the demo data', () => {
  const running = usePlatformInBrowser();

  it('an administrator records the signature of a contract still in preparation', async () => {
    // Loue-Lison: its source gives no signature, so the demo leaves it in preparation.
    const page = await signIn(running, 'admin@demo-cls.fr');
    await page.goto(`${running.platform.baseUrl}/admin/contrats/cls-loue-lison-2024`);
    await expect.poll(() => page.getByTestId('contract-status').textContent()).toBe('En préparation');
    // What its seed gives, no more: no porteur, no commune named, its previous contract not on the platform.
    const setup = page.getByTestId('contract-setup');
    await expect.poll(() => setup.textContent()).toMatch(/Porteurnon renseigné/);
    expect(await setup.getByTestId('setup-communes').textContent()).toBe('non renseigné');
    expect(await setup.getByTestId('setup-previous').textContent()).toBe('non renseigné');
    expect(await setup.getByTestId('setup-signature').textContent()).toBe('Pas encore signé');

    const signature = page.getByRole('form', { name: 'Enregistrer la signature du contrat' });
    await signature.getByLabel('Date de signature').fill('2024-03-15');
    await signature.getByLabel('Signataires').fill('Communauté de communes Loue Lison\nARS');
    await signature.getByRole('button', { name: 'Enregistrer la signature' }).click();
    await expect.poll(() => page.getByTestId('contract-status').textContent()).toBe('Signé');
  });

  it('a coordinator starts an action of her signed contract, produces a deliverable, and sees each change at once', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.getByRole('link', { name: /Cœur d'Hérault 2024-2029/ }).click();
    // Signed in the demo: its annexes are « annexées au CLS 2024-2029 ».
    expect(await page.getByTestId('contract-status').textContent()).toBe('Signé');
    expect(await page.getByRole('form', { name: 'Enregistrer la signature du contrat' }).count()).toBe(0);
    // What the seed gives: its porteur, 4 communes named of its 77, signed in 2024 (day unknown), the 2019 contract.
    const setup = page.getByTestId('contract-setup');
    await expect.poll(() => setup.textContent()).toMatch(/PorteurPays Cœur d'Hérault \(SYDEL\)/);
    expect(await setup.getByTestId('setup-communes').textContent()).toMatch(/^77 communes, dont 4 citées/);
    expect(await setup.getByTestId('setup-signature').textContent()).toMatch(/^Signé en 2024 par /);
    expect(await setup.getByTestId('setup-previous').textContent()).toBe(
      "CLS Pays Cœur d'Hérault 2019-2023 (2019–2023)",
    );
    expect(await page.getByText('Modifier le contrat').count()).toBe(0);
    await saveScreenshot(page, 'admin-dashboard');

    await page.getByRole('link', { name: 'Tableau des actions' }).click();
    await page.getByLabel('Rechercher').fill('installation professionnels');
    await page.getByRole('link', { name: /^1\.1-A1/ }).click();
    expect(await page.getByTestId('action-status').textContent()).toBe('Prévue');

    await page
      .getByRole('form', { name: 'Démarrer l’action' })
      .getByLabel('Date de démarrage')
      .fill('2025-01-06');
    await page.getByRole('button', { name: 'Démarrer' }).click();
    await expect.poll(() => page.getByTestId('action-status').textContent()).toBe('En cours');

    const produce = page.getByRole('form', { name: 'Enregistrer un livrable produit' });
    await produce.getByLabel('Livrable', { exact: true }).selectOption({
      label: "Enquête sur l'attractivité médicale à destination des professionnels libéraux installés",
    });
    await produce.getByLabel('Intitulé du livrable produit').fill('Enquête attractivité 2025');
    await produce.getByLabel('Date de production').fill('2025-03-14');
    await produce.getByRole('button', { name: 'Enregistrer le livrable' }).click();
    await expect
      .poll(() => page.getByTestId('deliverables').textContent())
      .toContain('produit le 14 mars 2025');
    expect(await page.getByTestId('timeline').textContent()).toMatch(
      /Livrable produit.*Action démarrée.*Action planifiée/s,
    );
    await saveScreenshot(page, 'admin-action');
  });

  it('a coordinator signs the CPTS convention for her party and sees who signed when', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${contract}/conventions`);
    const title =
      "Convention de partenariat entre le Pays Cœur d'Hérault et la Communauté Professionnelle Territoriale de Santé (CPTS) Centre Hérault";
    const form = page.getByRole('form', { name: `Enregistrer une signature — ${title}` });
    await form.getByLabel('Partie signataire').selectOption("Pays Cœur d'Hérault");
    await form.getByLabel('Signé par (facultatif)').fill('La présidente du Pays');
    await form.getByLabel('Date de signature').fill('2024-06-20');
    await form.getByRole('button', { name: 'Enregistrer la signature' }).click();
    const status = page.getByTestId('convention-status-cls-ch-2024-annexe8-cpts');
    await expect.poll(() => status.textContent()).toBe('Signature en cours');
    const signatures = page.getByRole('table', { name: `Signatures de « ${title} »` });
    expect(await signatures.textContent()).toContain('le 20 juin 2024 par La présidente du Pays');
    expect(await signatures.textContent()).toMatch(/CPTS Centre Hérault\s*pas encore/);
    await saveScreenshot(page, 'admin-conventions');
  });

  it('a coordinator drafts a convention, and it is signed once every party has signed', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${contract}/conventions`);
    const draft = page.getByRole('form', { name: 'Rédiger une convention' });
    await draft.getByLabel('Intitulé').fill('Convention MSP de Lodève');
    await draft.getByLabel('Nature').selectOption('convention');
    await draft.getByLabel('Parties').fill("Pays Cœur d'Hérault\nMSP de Lodève");
    await draft.getByRole('button', { name: 'Rédiger' }).click();
    const sign = page.getByRole('form', { name: 'Enregistrer une signature — Convention MSP de Lodève' });
    for (const party of ["Pays Cœur d'Hérault", 'MSP de Lodève']) {
      await sign.getByLabel('Partie signataire').selectOption(party);
      await sign.getByLabel('Date de signature').fill('2025-09-01');
      await sign.getByRole('button', { name: 'Enregistrer la signature' }).click();
      await expect
        .poll(() =>
          page.getByRole('table', { name: 'Signatures de « Convention MSP de Lodève »' }).textContent(),
        )
        .toMatch(new RegExp(`${party}\\s*le 1er septembre 2025|${party}\\s*le 1 septembre 2025`));
    }
    const card = page.getByRole('region', { name: 'Convention MSP de Lodève' });
    await expect.poll(() => card.locator('.badge').textContent()).toBe('Signée');
  });

  it('a coordinator opens the annual evaluation and scores a result with its evidence', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${contract}/evaluation`);
    const open = page.getByRole('form', { name: 'Ouvrir l’évaluation d’une année' });
    await open.getByLabel('Année évaluée').fill('2025');
    await open.getByRole('button', { name: 'Ouvrir' }).click();
    const grid = page.getByRole('form', { name: 'Coter un résultat — 2025' });
    // The rows of annex 4's results table are preloaded: one is picked, not typed.
    await grid
      .getByLabel('Ligne du tableau de résultats')
      .selectOption({ label: 'Amélioration de la coordination Ville/Hôpital/Ville' });
    await grid.getByLabel('Cote proposée').selectOption('++');
    await grid
      .getByLabel('Justification (éléments de preuve)')
      .fill('3 réunions ville-hôpital tenues, comptes rendus diffusés');
    await grid.getByRole('button', { name: 'Enregistrer la cote' }).click();
    const results = page.getByRole('table', {
      name: 'Tableau de résultats du référentiel : 2025 et l’année précédente',
    });
    await expect.poll(() => results.textContent()).toContain('3 réunions ville-hôpital tenues');
    expect(await results.textContent()).toContain('++');
    await saveScreenshot(page, 'admin-evaluation');
  });

  it('exports the actions to CSV, and re-imports them: untouched nothing, edited one command per line after a preview', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${contract}/actions`);
    await page.getByRole('link', { name: /^1\.1-A1/ }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter les actions' }).click(),
    ]);
    const exported = readFileSync((await download.path()) as string, 'utf8');
    expect(exported.split('\r\n')[0]).toBe(
      '\uFEFFidentifiant;code;intitulé;état;avancement;pourcentage;date;motif',
    );

    const upload = page.getByLabel('Importer des mises à jour (export des actions modifié)');
    await upload.setInputFiles({ name: 'actions.csv', mimeType: 'text/csv', buffer: Buffer.from(exported) });
    await page.getByText('Aucune ligne modifiée : rien à appliquer.').waitFor();

    const edited = exported.replace(
      /^(cls-coeur-herault-2024\.1\.2-A1;[^\r]*?);Prévue;;;;/m,
      '$1;En cours;;;2025-02-03;',
    );
    expect(edited).not.toBe(exported);
    await upload.setInputFiles({ name: 'actions.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
    const preview = page.getByTestId('import-preview');
    await expect.poll(() => preview.textContent()).toContain('Prévue → En cours');
    await saveScreenshot(page, 'admin-import-preview');
    await page.getByRole('button', { name: 'Appliquer 1 mise à jour' }).click();
    await page.getByText('appliquée').waitFor();
    await page.goto(`${running.platform.baseUrl}/admin/actions/${contract}.1.2-A1`);
    expect(await page.getByTestId('action-status').textContent()).toBe('En cours');
  });

  it('shows invalid input beside its field, and appends nothing', async () => {
    const page = await signIn(running, 'coordinatrice@demo-cls.fr');
    await page.goto(`${running.platform.baseUrl}/admin/actions/${contract}.1.1-A1`);
    const timelineBefore = await page.getByTestId('timeline').textContent();
    const produce = page.getByRole('form', { name: 'Enregistrer un livrable produit' });
    await produce.getByLabel('Livrable', { exact: true }).selectOption({ label: 'Un livrable non prévu' });
    await produce.getByLabel('Intitulé du livrable produit').fill('Affiche');
    await produce.getByLabel('Lien (facultatif)').fill('pas une adresse');
    await produce.getByRole('button', { name: 'Enregistrer le livrable' }).click();
    const field = produce.getByLabel('Lien (facultatif)');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(await produce.locator('.field__error').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'admin-invalid-input');
    await page.reload();
    expect(await page.getByTestId('timeline').textContent()).toBe(timelineBefore);
  });

  it('shows a pilot no form on an action that another pilot runs (the API refuses it too)', async () => {
    const page = await signIn(running, 'pilote@demo-cls.fr');
    await page.goto(`${running.platform.baseUrl}/admin/actions/${contract}.1.1-A2`);
    await expect.poll(() => page.getByTestId('action-status').textContent()).toBe('Prévue');
    await page.getByText('Consultation seule.').waitFor();
    expect(await page.getByRole('button', { name: 'Démarrer' }).count()).toBe(0);
  });

  it('fits the action board on a phone', async () => {
    const page = await signIn(running, 'auditrice@demo-cls.fr', { width: 360, height: 740 });
    await page.goto(`${running.platform.baseUrl}/admin/contrats/${contract}/actions`);
    await page.getByRole('link', { name: /^1\.1-A1/ }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'admin-board-phone');
  });
});
