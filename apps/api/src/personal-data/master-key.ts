import { randomBytes } from 'node:crypto';
import { decodeKey, type Env } from '../config/env.js';
import { type ResolvedSecret, resolveSecret, type SecretKind } from '../config/secret-key.js';

/** Under DATA_DIR, beside (never inside) the embedded PostgreSQL's data: backed up apart from it. */
export const MASTER_KEY_FILE = 'personal-data.key';

/** The key that wraps every person's key: 32 bytes, in base64 or hexadecimal. */
const MASTER_KEY: SecretKind<Buffer> = {
  variable: 'PERSONAL_DATA_KEY',
  file: MASTER_KEY_FILE,
  generate: () => `${randomBytes(32).toString('base64')}\n`,
  parse(text) {
    const key = decodeKey(text);
    if (!key) throw new Error('ne contient pas une clé de 32 octets (base64 ou hexadécimal)');
    return key;
  },
  backupAdvice: 'à sauvegarder à part de la base',
};

/** PERSONAL_DATA_KEY, or the key of DATA_DIR (see resolveSecret). */
export const resolveMasterKey = (
  env: Pick<Env, 'PERSONAL_DATA_KEY' | 'NODE_ENV' | 'DATABASE_URL' | 'DATA_DIR'>,
): ResolvedSecret<Buffer> => resolveSecret(MASTER_KEY, env);
