#!/usr/bin/env node
// `npm test` after bootstrap: typecheck, lint, unit, integration and browser tests of
// every workspace through turbo (cached when nothing changed), then one closing line
// `N passed, N failed[, N skipped]` summing every suite. A typecheck or lint task
// counts as one check; a test task counts the tests of its vitest JSON report.
// Usage: node scripts/run-tests.mjs [extra turbo arguments, e.g. --filter=@cls/api]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const REPORT = join('.vitest', 'report.json');
const startedAt = Date.now();

// A report left by an earlier run must not be mistaken for this run's.
for (const directory of workspaceDirectories()) rmSync(join(directory, REPORT), { force: true });

const turbo = spawnSync(
  'turbo',
  ['run', 'typecheck', 'lint', 'lint:root', 'test', '--continue', '--summarize', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env } },
);
if (turbo.error) {
  console.error(`turbo n'a pas pu être lancé : ${turbo.error.message}`);
  process.exit(1);
}

const summary = newestRunSummary();
if (!summary) {
  console.error('Aucun résumé turbo trouvé dans .turbo/runs : rien ne peut être compté.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
/** Each failed test, named with its file and first message: CI may show only the end of the output. */
const failures = [];
for (const task of summary.tasks.sort((a, b) => a.taskId.localeCompare(b.taskId))) {
  const exitCode = task.execution?.exitCode;
  const cached = task.cache?.status === 'HIT' ? ' (cache)' : '';
  if (task.task !== 'test') {
    const ok = exitCode === 0;
    // Builds only run because browser tests need them: a failed one counts, a good one is no check.
    if (task.task !== 'build' || !ok) totals[ok ? 'passed' : 'failed'] += 1;
    rows.push([task.taskId, ok ? 'ok' : exitCode === undefined ? 'NON LANCÉ' : 'ÉCHEC', cached]);
    continue;
  }
  const report = readReport(join(root, task.directory, REPORT));
  if (!report) {
    totals.failed += 1;
    rows.push([
      task.taskId,
      exitCode === undefined ? 'NON LANCÉ' : `ÉCHEC sans rapport (code ${exitCode})`,
      cached,
    ]);
    continue;
  }
  const skipped = report.numPendingTests + report.numTodoTests;
  // A run with no failing test that exits non-zero, says it did not succeed or ran no test at all
  // is a failure: an unhandled error, or a failed global setup (vitest 4 then exits 0, « No test
  // files found »).
  const unsaid = exitCode !== 0 || report.success === false || report.numTotalTests === 0;
  const hiddenFailure = unsaid && report.numFailedTests === 0 ? 1 : 0;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + hiddenFailure;
  totals.skipped += skipped;
  failures.push(...failedTests(report));
  if (hiddenFailure)
    failures.push(
      `  ${task.taskId} : ${report.numTotalTests === 0 ? 'aucun test lancé' : `code ${exitCode}, aucun test en échec`} (une erreur hors des tests : voir plus haut)`,
    );
  const detail = [
    `${report.numPassedTests} passed`,
    report.numFailedTests + hiddenFailure ? `${report.numFailedTests + hiddenFailure} failed` : '',
    skipped ? `${skipped} skipped` : '',
  ]
    .filter(Boolean)
    .join(', ');
  rows.push([task.taskId, detail, cached]);
}

const width = Math.max(...rows.map(([id]) => id.length));
console.log(`\nRésumé (${Math.round((Date.now() - startedAt) / 1000)} s)`);
for (const [id, result, cached] of rows) console.log(`  ${id.padEnd(width)}  ${result}${cached}`);
if (failures.length > 0) {
  console.log('\nÉchecs');
  for (const failure of failures) console.log(failure);
}
console.log(
  `\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(totals.failed > 0 || turbo.status !== 0 ? 1 : 0);

/** `  file › test (N ms): first lines of the message`, for each failed test or file of a report. */
function failedTests(report) {
  const lines = [];
  for (const file of report.testResults ?? []) {
    const name = relative(root, file.name);
    const tests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of tests) {
      const took = test.duration === undefined ? '' : ` (${Math.round(test.duration)} ms)`;
      lines.push(`  ${name} › ${test.fullName}${took}`, ...excerpt(test.failureMessages?.[0]));
    }
    // A file that failed with no failed test: an error in a hook, an import or outside any test.
    if (file.status === 'failed' && tests.length === 0) lines.push(`  ${name}`, ...excerpt(file.message));
  }
  return lines;
}

/**
 * A failure's first lines, then where it points in the project's own files. A timeout's message is
 * lost in vitest's report (its error was made in advance: « STACK_TRACE_ERROR »).
 */
function excerpt(message = '') {
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  const stack = lines.findIndex((line) => /^\s*at /.test(line));
  const head = (stack === -1 ? lines : lines.slice(0, stack))
    .slice(0, 4)
    .map((line) =>
      line.trim() === 'Error: STACK_TRACE_ERROR' ? 'Test timed out (délai du test dépassé)' : line,
    );
  const own = (stack === -1 ? [] : lines.slice(stack))
    .filter((line) => line.includes(root) && !line.includes('node_modules'))
    .slice(0, 2);
  return [...head, ...own].map((line) => `      ${line.trim().slice(0, 200)}`);
}

function readReport(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function newestRunSummary() {
  const directory = join(root, '.turbo', 'runs');
  if (!existsSync(directory)) return undefined;
  const newest = readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(directory, name))
    .filter((path) => statSync(path).mtimeMs >= startedAt)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  return newest ? JSON.parse(readFileSync(newest, 'utf8')) : undefined;
}

function workspaceDirectories() {
  return ['apps', 'packages', 'tests', 'tooling', 'bench'].flatMap((group) => {
    const directory = join(root, group);
    if (!existsSync(directory)) return [];
    return readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(directory, entry.name));
  });
}
