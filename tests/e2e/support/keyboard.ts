import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RunningPlatform } from './platform.js';

/**
 * What the browser scenarios do as a keyboard user does: reach a control by focus
 * and press Entrée (or Espace), type key by key, take a suggestion with the arrows.
 */
export async function press(target: Locator, key = 'Enter'): Promise<void> {
  await target.focus();
  await target.press(key);
}

/** Types into a field key by key, as a person does (pickers react to each key), over what it held. */
export async function type(target: Locator, text: string): Promise<void> {
  await target.focus();
  await target.press('ControlOrMeta+A');
  await target.pressSequentially(text);
}

/** Opens a disclosure (« Ajouter… », a <summary>) with the keyboard unless it is open, then gives its form. */
export async function openDisclosure(page: Page, summary: string, form: string): Promise<Locator> {
  const toggle = page.locator('summary', { hasText: summary }).first();
  if (!(await toggle.evaluate((node) => (node.parentElement as HTMLDetailsElement).open)))
    await press(toggle);
  return page.getByRole('form', { name: form });
}

/**
 * Submits a command form with the keyboard and waits for its « Enregistré. » (or says what the form
 * said instead). A form says it once its command is answered, and a plan change of a signed contract
 * once the draft avenant is read again: beside other tests on 2 cores that takes more than
 * expect.poll's default second (a read waits up to 3 s for the read models).
 */
export async function submit(form: Locator, button: string): Promise<void> {
  await press(form.getByRole('button', { name: button }));
  await expect
    .poll(
      async () => {
        const alert = form.getByRole('alert');
        if ((await alert.count()) > 0) return `refusé : ${await alert.first().textContent()}`;
        return form.getByRole('status').textContent();
      },
      { timeout: 10_000 },
    )
    .toBe('Enregistré.');
}

/** In an organisation picker: types the start of a directory name, then takes the first suggestion. */
export async function pickOrganisation(scope: Locator, label: string, name: string): Promise<void> {
  const input = scope.getByRole('combobox', { name: label });
  await type(input, name.slice(0, 12));
  await scope.getByRole('option', { name: new RegExp(`^${escapeRegExp(name)}`) }).waitFor();
  await input.press('ArrowDown');
  await input.press('Enter');
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A new page of the admin app at this width, signed in with the keyboard. */
export async function signInAs(
  platform: RunningPlatform,
  browser: { newPage(options: { viewport: { width: number; height: number } }): Promise<Page> },
  who: { email: string; password: string },
  width = 1280,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${platform.baseUrl}/admin/`);
  await type(page.getByLabel('Adresse électronique', { exact: true }), who.email);
  await type(page.getByLabel('Mot de passe', { exact: true }), who.password);
  await press(page.getByRole('button', { name: 'Se connecter' }));
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}

/**
 * A tRPC mutation sent by the page itself, with its session and a fresh command id:
 * for the set-up a scenario needs but does not prove (another test proves its screen).
 */
export function mutate(page: Page, procedure: string, input: Record<string, unknown>): Promise<number> {
  return page.evaluate(
    async ([path, body]) => {
      const response = await fetch(`/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, commandId: crypto.randomUUID() }),
      });
      return response.status;
    },
    [procedure, input] as const,
  );
}

/** The page's width as laid out: more than the viewport means a horizontal scroll. */
export const layoutWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
