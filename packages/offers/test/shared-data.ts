import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The reference data folder: CLS_SHARED_DATA, else `<repo>/../shared/data`. */
export const SHARED_DATA_DIR =
  process.env.CLS_SHARED_DATA ??
  resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');

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
      `[offers] tests on ${relativePath} skipped: ${path} is absent (set CLS_SHARED_DATA to the folder of the reference data).`,
    );
  }
  return undefined;
}
