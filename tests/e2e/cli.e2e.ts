import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from './support/platform.js';

/*
 * Every command-line entry point, run as a scheduler runs it, on bad input: it must exit
 * non-zero and say why in French. `pnpm offers:import` on an unrecognised file printed its
 * error and exited 0 — a scheduled import took its failure for a success.
 * No platform, no browser: each run ends in a second or two, before any database is opened
 * where the input can be refused first.
 */

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <script> …args` and resolves when it exits (killed after `timeoutMs`, 60 s by default). */
function run(
  script: string,
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

const api = (name: string) => join(repositoryRoot, 'apps/api/dist', name);
const dir = mkdtempSync(join(tmpdir(), 'cls-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fileOf = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
/** No server listens on port 1: the database cannot be reached. */
const UNREACHABLE = { NODE_ENV: 'development', DATABASE_URL: 'postgres://cls:cls@127.0.0.1:1/cls' };

describe('pnpm offers:import (apps/api/dist/offers-import.js)', () => {
  it('exits 1 on a file that is no offers file, quoting its first line', async () => {
    const file = fileOf('pas-finess.txt', 'nom;adresse;ville\nCMP;1 rue X;Sète\n');
    const { code, stderr } = await run(api('offers-import.js'), [file], UNREACHABLE);
    expect(stderr).toContain(
      'Fichier non reconnu : pas-finess.txt — sa première ligne « nom;adresse;ville »',
    );
    expect(code).toBe(1);
  });

  it('exits 1 on a missing file, an unknown option and a bad date', async () => {
    const missing = await run(api('offers-import.js'), [join(dir, 'absent.csv')], UNREACHABLE);
    expect(missing.stderr).toContain('Fichier introuvable');
    expect(missing.code).toBe(1);
    const option = await run(api('offers-import.js'), ['--dry'], UNREACHABLE);
    expect(option.stderr).toContain('Option inconnue : --dry');
    expect(option.code).toBe(1);
    const date = await run(api('offers-import.js'), ['--date=08/01/2021'], UNREACHABLE);
    expect(date.stderr).toContain('--date attend une date AAAA-MM-JJ');
    expect(date.code).toBe(1);
  });

  it('exits 1 on an Annuaire Santé extraction whose --communes file is missing', async () => {
    const rpps = fileOf(
      'PS_LibreAcces_Personne_activite_202611300908.txt',
      "Type d'identifiant PP|Identifiant PP|Identification nationale PP|\n",
    );
    const { code, stderr } = await run(
      api('offers-import.js'),
      [rpps, `--communes=${join(dir, 'communes-absent.json')}`],
      UNREACHABLE,
    );
    expect(stderr).toContain(`Fichier introuvable : ${join(dir, 'communes-absent.json')}`);
    expect(code).toBe(1);
  });

  it('exits 1 on a recognised file when the database cannot be reached', async () => {
    // A recognised file: the failure comes from the database, after the file was read.
    const file = fileOf('national.csv', 'finess;etalab;97;2021-01-08\n');
    const { code, stderr } = await run(api('offers-import.js'), [file], UNREACHABLE);
    expect(stderr).toContain('Base de données injoignable (DATABASE_URL) : connect ECONNREFUSED 127.0.0.1:1');
    expect(code).toBe(1);
  });
});

describe('pnpm offers:import --addresses (BAN files for an Annuaire Santé extraction)', () => {
  // The extraction's header, as a public reader of the file quotes it (packages/offers/src/rpps/fixtures.ts).
  const extraction = () =>
    fileOf(
      'PS_LibreAcces_Personne_activite_202612010000.txt',
      "Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|Libellé civilité d'exercice|Code civilité|Libellé civilité|Nom d'exercice|Prénom d'exercice|Code profession|Libellé profession|Code catégorie professionnelle|Libellé catégorie professionnelle|Code type savoir-faire|Libellé type savoir-faire|Code savoir-faire|Libellé savoir-faire|Code mode exercice|Libellé mode exercice|Numéro SIRET site|Numéro SIREN site|Numéro FINESS site|Numéro FINESS établissement juridique|Identifiant technique de la structure|Raison sociale site|Enseigne commerciale site|Complément destinataire (coord. structure)|Complément point géographique (coord. structure)|Numéro Voie (coord. structure)|Indice répétition voie (coord. structure)|Code type de voie (coord. structure)|Libellé type de voie (coord. structure)|Libellé Voie (coord. structure)|Mention distribution (coord. structure)|Bureau cedex (coord. structure)|Code postal (coord. structure)|Code commune (coord. structure)|Libellé commune (coord. structure)|Code pays (coord. structure)|Libellé pays (coord. structure)|Téléphone (coord. structure)|Téléphone 2 (coord. structure)|Télécopie (coord. structure)|Adresse e-mail (coord. structure)|Code Département (structure)|Libellé Département (structure)|Ancien identifiant de la structure|Autorité d'enregistrement|Code secteur d'activité|Libellé secteur d'activité|Code section tableau pharmaciens|Libellé section tableau pharmaciens|\r\n",
    );

  it('exits 1 on a missing BAN file or one that is no BAN file, naming it, before the database', async () => {
    const missing = await run(
      api('offers-import.js'),
      [extraction(), `--addresses=${join(dir, 'adresses-99.csv.gz')}`],
      UNREACHABLE,
    );
    expect(missing.stderr).toMatch(/Fichier d’adresses BAN .*adresses-99\.csv\.gz illisible/);
    expect(missing.code).toBe(1);
    const notBan = fileOf('adresses-34.csv', 'nom;adresse;ville\n');
    const wrong = await run(api('offers-import.js'), [extraction(), `--addresses=${notBan}`], UNREACHABLE);
    expect(wrong.stderr).toContain(
      'ligne 1 : en-tête inattendu, colonnes manquantes : numero, rep, nom_voie',
    );
    expect(wrong.code).toBe(1);
  });
});

describe('pnpm demo:load (apps/api/dist/demo-load.js)', () => {
  it('exits 1 when the seeds are not there', async () => {
    const { code, stderr } = await run(api('demo-load.js'), [], { ...UNREACHABLE, SHARED_DIR: dir });
    expect(stderr).toContain(`Graines introuvables dans ${join(dir, 'seeds')}`);
    expect(code).toBe(1);
  });

  it('exits 1 when the database cannot be reached', async () => {
    const { code, stderr } = await run(api('demo-load.js'), [], UNREACHABLE);
    expect(stderr).toContain('Base de données injoignable (DATABASE_URL) : connect ECONNREFUSED 127.0.0.1:1');
    expect(code).toBe(1);
  });
});

describe('npm start (apps/api/dist/main.js)', () => {
  it('exits 1 on a bad environment, naming the variable', async () => {
    const { code, stderr } = await run(api('main.js'), [], { PORT: 'quatre-vingts' });
    expect(stderr).toMatch(/^Configuration invalide : PORT="quatre-vingts"/);
    expect(code).toBe(1);
  });

  it('exits 1 when the database cannot be reached', async () => {
    const { code, stderr } = await run(api('main.js'), [], UNREACHABLE);
    expect(stderr).toContain('Base de données injoignable (DATABASE_URL) : connect ECONNREFUSED 127.0.0.1:1');
    expect(code).toBe(1);
  });
});

describe('pnpm audit:verify (packages/audit/dist/verify-export.js)', () => {
  const verify = join(repositoryRoot, 'packages/audit/dist/verify-export.js');

  it('exits non-zero on a missing file and on a file that is no export', async () => {
    const missing = await run(verify, [join(dir, 'absent.ndjson')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/introuvable|impossible|illisible/i);
    const notAnExport = await run(verify, [fileOf('pas-un-journal.ndjson', 'bonjour\n')]);
    expect(notAnExport.code).not.toBe(0);
  });
});

describe('the scripts of scripts/', () => {
  it('bootstrap.mjs exits 1 without a script to run, with its usage', async () => {
    const { code, stderr } = await run(join(repositoryRoot, 'scripts/bootstrap.mjs'), []);
    expect(stderr).toContain('usage : node scripts/bootstrap.mjs <script pnpm>');
    expect(code).toBe(1);
  });

  it('portal-glossary.mjs exits 1 when the seeds are not there', async () => {
    const { code, stderr } = await run(join(repositoryRoot, 'scripts/portal-glossary.mjs'), [], {
      SHARED_DIR: dir,
    });
    expect(stderr).toContain(`Glossaire introuvable : ${join(dir, 'seeds', 'glossary.json')}`);
    expect(code).toBe(1);
  });

  it('run-tests.mjs exits 1 when turbo cannot run', async () => {
    // A copy in an empty tree: the real one would clear this run's reports before starting turbo.
    const copy = join(dir, 'tree', 'scripts', 'run-tests.mjs');
    mkdirSync(join(dir, 'tree', 'scripts'), { recursive: true });
    copyFileSync(join(repositoryRoot, 'scripts/run-tests.mjs'), copy);
    const { code, stderr } = await run(copy, [], { PATH: join(dir, 'no-bin') });
    expect(stderr).toContain('turbo n');
    expect(code).toBe(1);
  });

  /**
   * A copy of run-tests.mjs in a tree of its own (through no symbolic link: the stack names files
   * so), and a turbo that leaves what a real run leaves: a run summary and the package's vitest
   * report, then exits with `exitCode`. Gives what the script printed and its exit code.
   */
  async function runTestsAfter(name: string, report: object, packageExitCode: number, exitCode: number) {
    mkdirSync(join(dir, name));
    const tree = realpathSync(join(dir, name));
    const copy = join(tree, 'scripts', 'run-tests.mjs');
    mkdirSync(join(tree, 'scripts'), { recursive: true });
    mkdirSync(join(tree, 'packages', 'flaky'), { recursive: true });
    copyFileSync(join(repositoryRoot, 'scripts/run-tests.mjs'), copy);
    const summary = {
      tasks: [
        {
          taskId: '@cls/flaky#test',
          task: 'test',
          directory: 'packages/flaky',
          execution: { exitCode: packageExitCode },
        },
      ],
    };
    const bin = join(tree, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'turbo'),
      `#!${process.execPath}
const { mkdirSync, writeFileSync } = require('node:fs');
mkdirSync('packages/flaky/.vitest', { recursive: true });
writeFileSync('packages/flaky/.vitest/report.json', ${JSON.stringify(JSON.stringify(report))});
mkdirSync('.turbo/runs', { recursive: true });
writeFileSync('.turbo/runs/run.json', ${JSON.stringify(JSON.stringify(summary))});
process.exit(${exitCode});
`,
      { mode: 0o755 },
    );
    const { code, stdout } = await run(copy, [], { PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` });
    return { code, lines: stdout.trim().split('\n') };
  }

  it('run-tests.mjs names each failed test and its message at the end, where CI shows it', async () => {
    // CI printed « @cls/postgres#test 8 passed, 1 failed » and no test name: its output is cut.
    const tree = realpathSync(dir);
    const spec = join(tree, 'failing-tree', 'packages/flaky/src/lease.int.spec.ts');
    const report = {
      numPassedTests: 1,
      numFailedTests: 2,
      numPendingTests: 0,
      numTodoTests: 0,
      numTotalTests: 3,
      success: false,
      testResults: [
        {
          name: spec,
          status: 'failed',
          message: '',
          assertionResults: [
            {
              fullName: 'AdvisoryLease is free once released',
              status: 'failed',
              duration: 60010.4,
              failureMessages: ['AssertionError: expected false to be true\n    at lease.int.spec.ts:12:3'],
            },
            { fullName: 'AdvisoryLease is taken', status: 'passed', duration: 3, failureMessages: [] },
            {
              fullName: 'AdvisoryLease hangs',
              status: 'failed',
              duration: 20003,
              // How vitest reports a timeout: its message is lost, the stack goes through vitest.
              failureMessages: [
                `Error: STACK_TRACE_ERROR\n    at task (file:///x/node_modules/@vitest/runner/dist/chunk.js:1:1)\n    at ${spec}:30:3`,
              ],
            },
          ],
        },
      ],
    };
    const { code, lines } = await runTestsAfter('failing-tree', report, 1, 1);
    const failures = lines.slice(lines.indexOf('Échecs'));
    expect(failures.slice(0, 6)).toEqual([
      'Échecs',
      '  packages/flaky/src/lease.int.spec.ts › AdvisoryLease is free once released (60010 ms)',
      '      AssertionError: expected false to be true',
      '  packages/flaky/src/lease.int.spec.ts › AdvisoryLease hangs (20003 ms)',
      '      Test timed out (délai du test dépassé)',
      `      at ${spec}:30:3`,
    ]);
    expect(lines.at(-1)).toBe('1 passed, 2 failed');
    expect(code).toBe(1);
  });

  it('run-tests.mjs counts a package whose global setup failed as failed, though vitest exits 0', async () => {
    // Seen in a fresh-clone run: « No test files found » after a failed global setup, exit code 0,
    // and three packages summed as « 0 passed » in a run that ended « 0 failed ».
    const report = {
      numPassedTests: 0,
      numFailedTests: 0,
      numPendingTests: 0,
      numTodoTests: 0,
      numTotalTests: 0,
      success: false,
      testResults: [],
    };
    const { code, lines } = await runTestsAfter('setup-tree', report, 0, 0);
    expect(lines).toContain('  @cls/flaky#test  0 passed, 1 failed');
    expect(lines.at(-1)).toBe('0 passed, 1 failed');
    expect(code).toBe(1);
  });
});

describe('pnpm bench (bench/*/dist/main.js)', () => {
  // Each bench's first setting, given garbage: it must stop before measuring, not run on NaN and exit 0.
  const benches = [
    ['event-store', 'BENCH_SECONDS'],
    ['commands', 'BENCH_SECONDS'],
    ['projections', 'BENCH_CONTRACTS'],
    ['offers', 'BENCH_OFFERS'],
    ['audit', 'BENCH_EVENTS'],
    ['load', 'BENCH_SECONDS'],
  ] as const;

  it.each(benches)('bench/%s exits 1 when %s is no number, naming it', async (bench, setting) => {
    const { code, stderr } = await run(join(repositoryRoot, 'bench', bench, 'dist/main.js'), [], {
      [setting]: 'trois',
    });
    expect(stderr).toContain(`${setting} attend un nombre ≥ 1 (reçu « trois »)`);
    expect(code).toBe(1);
  });
});

describe('npm run bench / pnpm bench on a machine with no pnpm command', () => {
  // After `npm start` or `npm test`, turbo said « Unable to find package manager binary » and
  // `pnpm bench` was « command not found »: the pinned pnpm lived only in .tools/.
  it('runs through the bootstrap, and leaves a pnpm command on the PATH', async () => {
    // Every command of the PATH but pnpm, linked into one folder (where pnpm was installed
    // globally on a merged /usr, it sits beside sh and sed), and npm's global prefix in a
    // temporary folder before it.
    const tools = join(dir, 'path-without-pnpm');
    const prefix = join(dir, 'npm-global');
    mkdirSync(tools, { recursive: true });
    mkdirSync(join(prefix, 'bin'), { recursive: true });
    const linked = new Set<string>();
    for (const directory of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
      let names: string[] = [];
      try {
        names = readdirSync(directory);
      } catch {
        continue;
      }
      for (const name of names) {
        if (/^pnp[mx]/.test(name) || linked.has(name)) continue;
        linked.add(name);
        symlinkSync(join(directory, name), join(tools, name));
      }
    }
    if (!linked.has('npm')) throw new Error('npm introuvable sur le PATH');
    const npmCli = realpathSync(join(tools, 'npm'));
    // It installs pnpm from the registry, then builds and runs a bench: 11–15 s in CI runs, once
    // past 60 s on a loaded machine (killed, exit code null), hence more time than the others.
    const { code, stdout, stderr } = await run(
      npmCli,
      ['run', 'bench', '--', '--filter=@cls/csv'],
      { PATH: [join(prefix, 'bin'), tools].join(delimiter), npm_config_prefix: prefix },
      240_000,
    );
    expect(stderr + stdout).not.toContain('Unable to find package manager binary');
    expect(stdout).toContain('installation de la commande pnpm');
    expect(code, stdout + stderr).toBe(0);
    const { packageManager } = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
      packageManager: string;
    };
    const installed = await run(join(prefix, 'bin', 'pnpm'), ['--version']);
    expect(`pnpm@${installed.stdout.trim()}`).toBe(packageManager);
  }, 300_000);
});
