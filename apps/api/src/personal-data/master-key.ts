import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeKey, type Env } from '../config/env.js';

/** The key that wraps every person's key, and where it came from (one line of the start-up banner). */
export interface MasterKey {
  key: Buffer;
  origin: string;
}

/** Under DATA_DIR, beside (never inside) the embedded PostgreSQL's data: backed up apart from it. */
export const MASTER_KEY_FILE = 'personal-data.key';

/** One per test process: every app a test starts on a database opens what another sealed there. */
let testKey: Buffer | undefined;

/**
 * PERSONAL_DATA_KEY when set. Otherwise: in tests, a key for this process; with
 * the embedded PostgreSQL (or in development), the key of DATA_DIR, generated on
 * first start in a file only its owner may read. Production with DATABASE_URL
 * needs PERSONAL_DATA_KEY: the environment schema refuses to start without it.
 */
export function resolveMasterKey(
  env: Pick<Env, 'PERSONAL_DATA_KEY' | 'NODE_ENV' | 'DATABASE_URL' | 'DATA_DIR'>,
): MasterKey {
  const given = env.PERSONAL_DATA_KEY ? decodeKey(env.PERSONAL_DATA_KEY) : undefined;
  if (given) return { key: given, origin: 'PERSONAL_DATA_KEY' };
  if (env.NODE_ENV === 'test') {
    testKey ??= randomBytes(32);
    return { key: testKey, origin: 'générée pour ce processus de test' };
  }
  if (env.NODE_ENV === 'production' && env.DATABASE_URL) {
    throw new Error('PERSONAL_DATA_KEY requise en production avec DATABASE_URL');
  }
  const file = join(env.DATA_DIR, MASTER_KEY_FILE);
  mkdirSync(env.DATA_DIR, { recursive: true });
  try {
    // 'wx': never overwrites a key another process wrote meanwhile.
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return {
      key: readKeyFile(file),
      origin: `générée dans ${file} (mode 0600) : à sauvegarder à part de la base`,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return { key: readKeyFile(file), origin: `lue dans ${file}` };
}

function readKeyFile(file: string): Buffer {
  const key = decodeKey(readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} ne contient pas une clé de 32 octets (base64 ou hexadécimal)`);
  return key;
}
