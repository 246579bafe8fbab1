/** Small measuring helpers shared by the benchmark's scenarios. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Throughput {
  operations: number;
  seconds: number;
  perSecond: number;
}

/**
 * Runs `writers` concurrent loops of `operation` for `seconds` and counts the
 * completed operations (each may write several events: `unitsPerOperation`).
 */
export async function measureThroughput(
  writers: number,
  seconds: number,
  operation: (writer: number, iteration: number) => Promise<void>,
  unitsPerOperation = 1,
): Promise<Throughput> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let completed = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let iteration = 0; performance.now() < deadline; iteration += 1) {
        await operation(writer, iteration);
        completed += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { operations: completed, seconds: elapsed, perSecond: (completed * unitsPerOperation) / elapsed };
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export const ratio = (value: number, reference: number | undefined) =>
  reference && Number.isFinite(reference) && reference > 0 ? `${(value / reference).toFixed(2)}×` : '—';

export const rate = (perSecond: number) => `${Math.round(perSecond).toLocaleString('fr-FR')}/s`;

/** Prints rows as an aligned table. */
export function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((cell, index) =>
    Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

/**
 * A bench's numeric setting from the environment (`BENCH_SECONDS=8`), or its default. A value that
 * is no number ≥ `min` stops the bench at once with a French message and exit code 1: a typo would
 * otherwise run a bench on NaN and exit 0.
 */
export function benchSetting(name: string, fallback: number, { min = 1 }: { min?: number } = {}): number {
  const given = process.env[name];
  if (given === undefined || given.trim() === '') return fallback;
  const value = Number(given);
  if (!Number.isFinite(value) || value < min) {
    console.error(`${name} attend un nombre ≥ ${min} (reçu « ${given} »)`);
    process.exit(1);
  }
  return value;
}

/** CPU seconds spent so far by this process and by a PostgreSQL server. */
export interface CpuSeconds {
  node: number;
  /** NaN where /proc cannot be read (not Linux). */
  postgres: number;
}

/**
 * CPU seconds spent so far by this process and by the PostgreSQL server whose data
 * directory is `dataDir` (its postmaster, named in `postmaster.pid`, and its
 * backends, running or ended): what a measure costs, less at the mercy of the other
 * work of a shared machine than its duration.
 */
export function cpuSeconds(dataDir: string): CpuSeconds {
  const { user, system } = process.cpuUsage();
  const node = (user + system) / 1e6;
  const ticks = 100; // USER_HZ on Linux
  let postgres = 0;
  try {
    const postmaster = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]?.trim();
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces): state, ppid, … utime (14th), stime (15th),
        // then cutime and cstime: what the postmaster's ended backends spent (it reaps them), so that a
        // connection closed by an idle pool during a measure does not take its time away.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (fields[1] === postmaster) postgres += (Number(fields[11]) + Number(fields[12])) / ticks;
        if (pid === postmaster)
          postgres +=
            (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / ticks;
      } catch {
        // A process that ended meanwhile.
      }
    }
  } catch {
    return { node, postgres: Number.NaN };
  }
  return { node, postgres };
}

/** CPU spent between two readings, in milliseconds per thousand units (events). */
export function cpuPerThousand(before: CpuSeconds, after: CpuSeconds, units: number) {
  const per = (seconds: number) => (seconds * 1e6) / Math.max(1, units);
  const node = per(after.node - before.node);
  const postgres = per(after.postgres - before.postgres);
  return { node, postgres, total: node + postgres };
}
