import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../config/env.js';

/** The key that signs the log's head, and where it came from (one line of the start-up banner). */
export interface LogSigningKey {
  privateKey: KeyObject;
  origin: string;
}

/** Under DATA_DIR, beside (never inside) the embedded PostgreSQL's data. */
export const LOG_SIGNING_KEY_FILE = 'log-signing-key.pem';

/**
 * An Ed25519 private key from PEM (PKCS#8) or from PKCS#8 DER in base64; throws,
 * in French, on anything else.
 */
export function parseLogSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith('-----BEGIN')
      ? createPrivateKey(trimmed)
      : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error('clé privée illisible : PEM PKCS#8, ou PKCS#8 DER en base64, attendu');
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`clé ${key.asymmetricKeyType ?? 'inconnue'} : une clé Ed25519 est attendue`);
  return key;
}

const newKeyPem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** One per test process: every app a test starts on a database verifies what another signed there. */
let testKey: KeyObject | undefined;

/**
 * LOG_SIGNING_KEY when set. Otherwise: in tests, a key for this process; with
 * the embedded PostgreSQL (or in development), the key of DATA_DIR, generated on
 * first start in a file only its owner may read. Production with DATABASE_URL
 * needs LOG_SIGNING_KEY: the environment schema refuses to start without it (a
 * key beside the database would sign whatever its administrator rewrote).
 */
export function resolveLogSigningKey(
  env: Pick<Env, 'LOG_SIGNING_KEY' | 'NODE_ENV' | 'DATABASE_URL' | 'DATA_DIR'>,
): LogSigningKey {
  if (env.LOG_SIGNING_KEY)
    return { privateKey: parseLogSigningKey(env.LOG_SIGNING_KEY), origin: 'LOG_SIGNING_KEY' };
  if (env.NODE_ENV === 'test') {
    testKey ??= createPrivateKey(newKeyPem());
    return { privateKey: testKey, origin: 'générée pour ce processus de test' };
  }
  if (env.NODE_ENV === 'production' && env.DATABASE_URL) {
    throw new Error('LOG_SIGNING_KEY requise en production avec DATABASE_URL');
  }
  const file = join(env.DATA_DIR, LOG_SIGNING_KEY_FILE);
  mkdirSync(env.DATA_DIR, { recursive: true });
  try {
    // 'wx': never overwrites a key another process wrote meanwhile.
    writeFileSync(file, newKeyPem(), { mode: 0o600, flag: 'wx' });
    return {
      privateKey: readKeyFile(file),
      origin: `générée dans ${file} (mode 0600) : à sauvegarder à part`,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return { privateKey: readKeyFile(file), origin: `lue dans ${file}` };
}

function readKeyFile(file: string): KeyObject {
  try {
    return parseLogSigningKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} : ${(error as Error).message}`);
  }
}
