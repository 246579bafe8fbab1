/**
 * The built API (`apps/api/dist/main.js`) in its own process, as it is deployed: the benches
 * that send it HTTP requests drive it from theirs, so that their clients' work is not done
 * on the event loop that serves them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const mainScript = join(repositoryRoot, 'apps/api/dist/main.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Platform {
  baseUrl: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built API in production mode on a free port with `env` over this process's,
 * and resolves once it says it is ready (it prints its URLs, then « Ctrl-C pour arrêter »).
 */
export async function startPlatform(env: Record<string, string>): Promise<Platform> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [mainScript], {
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 180_000;
  while (!output.includes('Ctrl-C pour arrêter')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`la plateforme n'a pas démarré :\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
