import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The open data folder, as the API finds it: OPEN_DATA_DIR, else `<SHARED_DIR>/data` (`<repo>/../shared`). */
export const SHARED_DATA_DIR =
  process.env.OPEN_DATA_DIR ??
  join(
    process.env.SHARED_DIR ?? resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared'),
    'data',
  );

const warned = new Set<string>();

/**
 * The bytes of a reference data file, or undefined when it is not there: the tests that need
 * it are then skipped, and why is said once.
 */
export function sharedDataFile(relativePath: string): Buffer | undefined {
  const path = join(SHARED_DATA_DIR, relativePath);
  if (existsSync(path)) return readFileSync(path);
  if (!warned.has(path)) {
    warned.add(path);
    console.warn(
      `[offers] tests on ${relativePath} skipped: ${path} is absent (set SHARED_DIR or OPEN_DATA_DIR).`,
    );
  }
  return undefined;
}
