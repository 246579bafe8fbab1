import type { Page } from 'playwright-core';
import type { usePlatformInBrowser } from './platform.js';

/** A new page of the admin app, signed in with a demo account (they share one password), on its landing page. */
export async function signIn(
  running: ReturnType<typeof usePlatformInBrowser>,
  email: string,
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const page = await running.browser.newPage({ viewport });
  await page.goto(`${running.platform.baseUrl}/admin/`);
  await page.getByLabel('Adresse électronique', { exact: true }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill('demo-cls-2024');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // Coordinators and pilots land on « Vos contrats », auditors on the audit: the header says who is in.
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}
