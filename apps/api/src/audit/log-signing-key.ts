import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Env } from '../config/env.js';
import { type ResolvedSecret, resolveSecret, type SecretKind } from '../config/secret-key.js';

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

/** The key that signs the log's head: Ed25519, as PEM (PKCS#8). */
const LOG_SIGNING: SecretKind<KeyObject> = {
  variable: 'LOG_SIGNING_KEY',
  file: LOG_SIGNING_KEY_FILE,
  generate: () =>
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  parse: parseLogSigningKey,
  backupAdvice: 'à sauvegarder à part',
};

/** LOG_SIGNING_KEY, or the key of DATA_DIR (see resolveSecret). */
export const resolveLogSigningKey = (
  env: Pick<Env, 'LOG_SIGNING_KEY' | 'NODE_ENV' | 'DATABASE_URL' | 'DATA_DIR'>,
): ResolvedSecret<KeyObject> => resolveSecret(LOG_SIGNING, env);
