import type { Page } from 'playwright-core';
import type { usePlatformInBrowser } from './platform.js';

/** A new page of the admin app, signed in with a demo account (they share one password), on « Vos contrats ». */
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
  await page.getByRole('heading', { name: 'Vos contrats' }).waitFor();
  return page;
}
