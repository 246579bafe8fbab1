import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** axe-core in the page: no violation a person would be stopped by (serious or critical). */
export async function expectAccessible(page: Page): Promise<void> {
  // Evaluated through the DevTools protocol: the platform's CSP (no inline script) rightly refuses a <script> tag.
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run());
  const blocking = result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id} : ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(blocking).toEqual([]);
}
