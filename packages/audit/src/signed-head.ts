import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { LogHead } from '@cls/event-store';
import { z } from 'zod';

/*
 * The platform signs where the log stands — its last position and global hash,
 * which stands for every event before it — with an Ed25519 key kept outside the
 * database. Whoever holds a signed head (an auditor's earlier export, a report)
 * can tell a history rewritten since, even with every hash re-computed: the log
 * no longer passes through the head, and a new head cannot be signed without
 * the key.
 */

/** A head of the log, signed. */
export interface SignedHead extends LogHead {
  /** When the platform had verified the log up to this head and signed it (ISO 8601). */
  signedAt: string;
  /** Which key signed: the first 16 hex digits of the SHA-256 of its public key (SPKI, DER). */
  keyId: string;
  /** Ed25519 signature of `signedHeadMessage`, base64. */
  signature: string;
}

/** What a document made from the log ends with: the head signed at the check before it, or why none was. */
export type Attestation = { signedHead: SignedHead } | { signedHead: null; refused: string };

const HEX64 = /^[0-9a-f]{64}$/;

export const SignedHeadSchema = z.object({
  position: z.number().int().min(0),
  globalHash: z.string().regex(HEX64, { error: 'globalHash : 64 chiffres hexadécimaux attendus' }),
  signedAt: z.string(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/, { error: 'keyId : 16 chiffres hexadécimaux attendus' }),
  signature: z.string().min(1),
});

/** What is signed: a fixed prefix (no other message of ours can be mistaken for it), the position, the hash, the time. */
export const signedHeadMessage = (head: Omit<SignedHead, 'keyId' | 'signature'>): Buffer =>
  Buffer.from(`cls-tete-du-journal-v1\n${head.position}\n${head.globalHash}\n${head.signedAt}`, 'utf8');

/** The key's identifier, as written in every head it signs. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signHead(head: LogHead, privateKey: KeyObject, signedAt: Date = new Date()): SignedHead {
  const unsigned = { position: head.position, globalHash: head.globalHash, signedAt: signedAt.toISOString() };
  return {
    ...unsigned,
    keyId: keyIdOf(privateKey),
    signature: sign(null, signedHeadMessage(unsigned), privateKey).toString('base64'),
  };
}

/**
 * `valid`: signed by one of the keys given; `invalid`: by one of them, but the
 * signature does not match (the head or the signature was changed);
 * `unknown-key`: by none of them.
 */
export type SignatureVerdict = 'valid' | 'invalid' | 'unknown-key';

export function checkSignature(head: SignedHead, publicKeys: KeyObject[]): SignatureVerdict {
  const key = publicKeys.find((candidate) => keyIdOf(candidate) === head.keyId);
  if (!key) return 'unknown-key';
  try {
    return verify(null, signedHeadMessage(head), key, Buffer.from(head.signature, 'base64'))
      ? 'valid'
      : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** The public key of a PEM (public or private: the public half is taken) or of base64 DER (SPKI or PKCS8). */
export function readPublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  if (trimmed.startsWith('-----BEGIN')) key = createPublicKey(trimmed);
  else {
    const der = Buffer.from(trimmed, 'base64');
    try {
      key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    } catch {
      key = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
    }
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`clé ${key.asymmetricKeyType ?? 'inconnue'} : une clé Ed25519 est attendue`);
  }
  return key;
}

/** The public key as served and printed: PEM (SPKI). */
export const publicKeyPem = (key: KeyObject): string =>
  (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'pem' }).toString();

/** What a publication's seal signs: its own prefix, the evaluation, the log position covered, the report's hash. */
export interface PublicationSealed {
  evaluationId: string;
  coversPosition: number;
  contentHash: string;
}

export const publicationMessage = (sealed: PublicationSealed): Buffer =>
  Buffer.from(
    `cls-evaluation-publiee-v1\n${sealed.evaluationId}\n${sealed.coversPosition}\n${sealed.contentHash}`,
    'utf8',
  );

/** Signs a publication with the log's signing key, in the heads' format (key id, Ed25519 base64). */
export function signPublication(
  sealed: PublicationSealed,
  privateKey: KeyObject,
): PublicationSealed & { keyId: string; signature: string } {
  return {
    ...sealed,
    keyId: keyIdOf(privateKey),
    signature: sign(null, publicationMessage(sealed), privateKey).toString('base64'),
  };
}

export function checkPublicationSignature(
  seal: PublicationSealed & { keyId: string; signature: string },
  publicKeys: KeyObject[],
): SignatureVerdict {
  const key = publicKeys.find((candidate) => keyIdOf(candidate) === seal.keyId);
  if (!key) return 'unknown-key';
  try {
    return verify(null, publicationMessage(seal), key, Buffer.from(seal.signature, 'base64'))
      ? 'valid'
      : 'invalid';
  } catch {
    return 'invalid';
  }
}
