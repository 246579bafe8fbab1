import { type Browser, chromium } from 'playwright-core';

/**
 * Headless Chromium without any download: `CHROMIUM_PATH` when set, otherwise the
 * build shipped inside the `@sparticuz/chromium` npm package (WebGL included,
 * which the map needs).
 */
export async function launchChromium(): Promise<Browser> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    return chromium.launch({
      executablePath: fromEnv,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  }
  const { default: packaged } = await import('@sparticuz/chromium');
  // --single-process suits AWS Lambda, its target, but there closing a page
  // takes the whole browser down; a normal multi-process browser is fine here.
  const args = packaged.args.filter((arg) => arg !== '--single-process');
  return chromium.launch({ executablePath: await packaged.executablePath(), args });
}
