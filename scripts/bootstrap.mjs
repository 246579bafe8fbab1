#!/usr/bin/env node
// Entry point of `npm start` and `npm test` on a machine that has only Node and npm:
// brings the pinned pnpm (without corepack), installs the workspace, then runs
// the named root script with pnpm. Plain JavaScript: nothing is installed yet.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [script, ...args] = process.argv.slice(2);
if (!script) fail('usage : node scripts/bootstrap.mjs <script pnpm> [arguments]');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  fail(
    `Node.js ${process.versions.node} est trop ancien : installez Node.js 20.19 ou plus récent (22 ou 24 LTS conseillés).`,
  );
}

const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const pnpm = ensurePnpm(pnpmVersion);
install();
ensurePnpmCommand(pnpmVersion);

// Ctrl-C reaches every process of the terminal's group: let the child shut down
// cleanly and report its own exit code instead of dying first.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
const child = spawn(process.execPath, [pnpm, 'run', '--silent', script, ...args], {
  cwd: root,
  stdio: 'inherit',
  env: childEnv(),
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));

/** turbo looks pnpm up on PATH: put the pinned one first. */
function childEnv() {
  const bin = join(dirname(dirname(dirname(pnpm))), '.bin');
  return {
    TURBO_TELEMETRY_DISABLED: '1',
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
  };
}

/** The pinned pnpm, installed with npm into .tools/ the first time. */
function ensurePnpm(version) {
  const prefix = join(root, '.tools', `pnpm-${version}`);
  const entry = join(prefix, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  if (!existsSync(entry)) {
    console.log(`→ installation de pnpm ${version} (une seule fois, dans .tools/)`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    run(npm, [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `pnpm@${version}`,
    ]);
    if (!existsSync(entry)) fail(`pnpm ${version} n'a pas pu être installé dans ${prefix}.`);
  }
  return entry;
}

/**
 * `pnpm bench`, `pnpm offers:import`… typed in a terminal need a `pnpm` command on the PATH, and
 * turbo needs one too (« Unable to find package manager binary »). When there is none, the pinned
 * pnpm is installed with npm's global prefix, if that folder is on the PATH and writable;
 * otherwise say how. Never fatal: `npm start`, `npm test` and `npm run bench` work without it.
 * `CLS_PNPM_COMMAND=0` leaves the PATH alone.
 */
function ensurePnpmCommand(version) {
  if (process.env.CLS_PNPM_COMMAND === '0' || onPath('pnpm')) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const prefix = spawnSync(npm, ['prefix', '--global'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  }).stdout?.trim();
  const bin = prefix && (process.platform === 'win32' ? prefix : join(prefix, 'bin'));
  const hint = `Pour taper pnpm directement : npm install --global pnpm@${version} (sinon : npm run bench, npm run build…).`;
  if (!bin || !pathDirectories().includes(bin) || !writable(bin)) {
    console.log(`→ pas de commande pnpm sur le PATH. ${hint}`);
    return;
  }
  console.log(
    `→ installation de la commande pnpm ${version} dans ${bin} (pnpm bench, pnpm offers:import… ; npm uninstall --global pnpm pour l'enlever)`,
  );
  const result = spawnSync(
    npm,
    ['install', '--global', '--no-audit', '--no-fund', '--loglevel=error', `pnpm@${version}`],
    { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' },
  );
  if (result.status !== 0) console.log(`→ la commande pnpm n'a pas pu être installée. ${hint}`);
}

function pathDirectories() {
  return (process.env.PATH ?? '').split(delimiter).filter(Boolean);
}

function onPath(command) {
  const names = process.platform === 'win32' ? [`${command}.cmd`, `${command}.exe`] : [command];
  return pathDirectories().some((directory) => names.some((name) => existsSync(join(directory, name))));
}

function writable(directory) {
  try {
    accessSync(directory, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** `pnpm install` is a no-op in about a second when nothing changed. */
function install() {
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  run(process.execPath, [
    pnpm,
    'install',
    ...frozen,
    '--prefer-offline',
    '--reporter=append-only',
    '--loglevel=warn',
  ]);
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) fail(`échec de : ${command} ${commandArgs.join(' ')}`);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
