import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from './env.js';

/** A secret the platform keeps outside its database (the personal data master key, the log signing key). */
export interface SecretKind<Key> {
  /** The environment variable that gives it (PERSONAL_DATA_KEY…). */
  variable: 'PERSONAL_DATA_KEY' | 'LOG_SIGNING_KEY';
  /** Its file under DATA_DIR when the variable is unset: beside, never inside, the embedded PostgreSQL's data. */
  file: string;
  /** A new secret, as its file holds it. */
  generate(): string;
  /** The key of a variable's or a file's text; throws, in French, on anything else. */
  parse(text: string): Key;
  /** What the start-up banner adds after « générée dans <file> (mode 0600) ». */
  backupAdvice: string;
}

/** The key, and where it came from (one line of the start-up banner). */
export interface ResolvedSecret<Key> {
  key: Key;
  origin: string;
}

/** One per test process and kind: every app a test starts on a database reads what another wrote there. */
const testKeys = new Map<string, unknown>();

/**
 * The variable when set. Otherwise: in tests, a key for this process; with the
 * embedded PostgreSQL (or in development), the key of DATA_DIR, generated on
 * first start in a file only its owner may read. Production with DATABASE_URL
 * needs the variable (the environment schema refuses to start without it): a
 * key kept beside the database would give away what it protects.
 */
export function resolveSecret<Key>(
  kind: SecretKind<Key>,
  env: Partial<Pick<Env, 'PERSONAL_DATA_KEY' | 'LOG_SIGNING_KEY'>> &
    Pick<Env, 'NODE_ENV' | 'DATABASE_URL' | 'DATA_DIR'>,
): ResolvedSecret<Key> {
  const given = env[kind.variable];
  if (given) return { key: kind.parse(given), origin: kind.variable };
  if (env.NODE_ENV === 'test') {
    if (!testKeys.has(kind.variable)) testKeys.set(kind.variable, kind.parse(kind.generate()));
    return { key: testKeys.get(kind.variable) as Key, origin: 'générée pour ce processus de test' };
  }
  if (env.NODE_ENV === 'production' && env.DATABASE_URL) {
    throw new Error(`${kind.variable} requise en production avec DATABASE_URL`);
  }
  const file = join(env.DATA_DIR, kind.file);
  mkdirSync(env.DATA_DIR, { recursive: true });
  let origin = `lue dans ${file}`;
  try {
    // 'wx': never overwrites a key another process wrote meanwhile.
    writeFileSync(file, kind.generate(), { mode: 0o600, flag: 'wx' });
    origin = `générée dans ${file} (mode 0600) : ${kind.backupAdvice}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  try {
    return { key: kind.parse(readFileSync(file, 'utf8')), origin };
  } catch (error) {
    throw new Error(`${file} : ${(error as Error).message}`);
  }
}
