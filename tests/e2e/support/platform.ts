import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launchChromium } from '@cls/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const mainScript = join(repositoryRoot, 'apps/api/dist/main.js');

export interface RunningPlatform {
  baseUrl: string;
  postgresPort: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Sends the signal (Ctrl-C by default) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A data directory the `postgres` system user can enter (mkdtemp makes it root-only). */
export function createDataDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'cls-e2e-'));
  chmodSync(path, 0o755);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Runs the built platform as `npm start` does, on free ports, with its data under `dataDir`. */
export async function startPlatform(
  dataDir: string,
  postgresPort?: number,
  env: Record<string, string> = {},
): Promise<RunningPlatform> {
  const port = await freePort();
  const pgPort = postgresPort ?? (await freePort());
  const child = spawn(process.execPath, [mainScript], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const ready = await Promise.race([
    // The demo's replay takes seconds alone, a minute or more beside the whole suite on two cores.
    waitFor(() => output.includes('Ctrl-C pour arrêter'), 120_000).then(() => true),
    exited.then(() => false),
  ]);
  if (!ready) throw new Error(`la plateforme s'est arrêtée au démarrage :\n${output}`);

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    postgresPort: pgPort,
    output: () => output,
    stop: (signal = 'SIGINT') => stopChild(child, exited, signal),
  };
}

/** Runs the built platform with extra environment and returns how it ended (for start-up errors). */
export function runPlatformExpectingExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [mainScript], {
      env: { ...process.env, NODE_ENV: 'production', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`la plateforme ne s'est pas arrêtée d'elle-même :\n${stdout}${stderr}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, signal: NodeJS.Signals) {
  if (child.exitCode !== null) return child.exitCode;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`délai de ${timeoutMs} ms dépassé`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A platform (on its own data) and a browser for the calling suite, started
 * before its tests and stopped after. Read `.platform` and `.browser` in tests.
 */
export function usePlatformInBrowser(env: Record<string, string> = {}): {
  readonly platform: RunningPlatform;
  readonly browser: Browser;
} {
  const dataDir = createDataDir();
  let platform: RunningPlatform | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform(dataDir.path, undefined, env), launchChromium()]);
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    dataDir.remove();
  });
  // A failure far away (CI) is read from its log only: say what each page showed and what the platform printed last.
  beforeEach((context) => {
    context.onTestFailed(async () => {
      for (const page of (browser?.contexts().flatMap((open) => open.pages()) ?? []).slice(-2)) {
        const text =
          (await page
            .locator('body')
            .textContent()
            .catch(() => null)) ?? '(page fermée)';
        console.error(`— page ${page.url()} :\n${text.slice(0, 3_000)}`);
      }
      console.error(
        `— la plateforme a écrit en dernier :\n${platform?.output().split('\n').slice(-40).join('\n')}`,
      );
    });
  });
  return {
    get platform() {
      if (!platform) throw new Error('la plateforme n’existe que dans les tests');
      return platform;
    },
    get browser() {
      if (!browser) throw new Error('le navigateur n’existe que dans les tests');
      return browser;
    },
  };
}
