import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { smallContractLog } from '../test/small-contract.js';
import { exportNdjson } from './ndjson.js';

/*
 * The built command, as an auditor runs it: its exit code is what scripts read.
 * Needs `tsc -p tsconfig.build.json` first; skipped, and said so, otherwise.
 */
const cli = fileURLToPath(new URL('../dist/verify-export.js', import.meta.url));
const built = existsSync(cli);
if (!built) console.log(`[audit] verify-export CLI tests skipped: ${cli} is not built (pnpm build).`);

const log = await smallContractLog();

describe.skipIf(!built)('node dist/verify-export.js', () => {
  const text = exportNdjson(log);
  const dir = mkdtempSync(join(tmpdir(), 'cls-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on an intact export and says how many events it checked', () => {
    const file = join(dir, 'journal.ndjson');
    writeFileSync(file, text);
    expect(execFileSync(process.execPath, [cli, file], { encoding: 'utf8' })).toBe(
      `journal intègre : ${log.length} événements (3 flux)\naucune tête signée dans cet export\n`,
    );
  });

  it('exits 1 on an altered export read from standard input, naming the broken link', () => {
    const altered = text.replace('"Enquête auprès des médecins"', '"Enquête auprès des internes"');
    const run = spawnSync(process.execPath, [cli, '-'], { input: altered, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^journal rompu : flux action-cls-test\.A1, révision 0, position \d+ \(ligne \d+\)/,
    );
  });
});
