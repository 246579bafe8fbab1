import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  checkPublicationSignature,
  checkSignature,
  keyIdOf,
  type PublicationSealed,
  publicKeyPem,
  type SignedHead,
  signHead,
  signPublication,
} from '@cls/audit';
import type { LogHead } from '@cls/event-store';
import { migrateOnFirstUse, type Pool } from '@cls/postgres';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../database/database.module.js';

/** Injection token of the Ed25519 private key that signs the log's head (see log-signing-key.ts). */
export const LOG_SIGNING_KEY = Symbol('LOG_SIGNING_KEY');

const migrations = [
  {
    version: 1,
    name: 'signed heads',
    sql: `
      -- Every head the platform verified the log up to and signed. A later check must find
      -- the log still passing through each of them: history rewritten before a signed head,
      -- even with every hash re-computed, no longer does, and cannot be signed anew.
      CREATE TABLE signed_heads (
        position bigint NOT NULL,
        global_hash char(64) NOT NULL,
        signed_at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL,
        PRIMARY KEY (position, signed_at)
      );
    `,
  },
];

type Row = { position: string; global_hash: string; signed_at: Date; key_id: string; signature: string };

const headOfRow = (row: Row): SignedHead => ({
  position: Number(row.position),
  globalHash: row.global_hash,
  signedAt: row.signed_at.toISOString(),
  keyId: row.key_id,
  signature: row.signature,
});

const sameHead = (a: SignedHead, b: SignedHead) =>
  a.position === b.position && a.globalHash === b.globalHash && a.signature === b.signature;

/**
 * The heads the platform signed, kept in PostgreSQL beside the read models (with
 * a KurrentDB log too). Their administrator may delete rows, not forge one: a
 * row signed with this platform's key that does not verify is reported, and the
 * last head this process signed must still be there.
 */
@Injectable()
export class SignedHeads {
  private readonly schema: () => Promise<void>;
  /** The last head this process signed: deleting the table's rows does not make it forget. */
  private lastSigned: SignedHead | undefined;
  private readonly publicKeyObject: KeyObject;
  readonly keyId: string;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOG_SIGNING_KEY) private readonly privateKey: KeyObject,
  ) {
    this.publicKeyObject = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKeyObject);
    this.schema = migrateOnFirstUse(pool, 'signed_heads', migrations);
  }

  /** PEM (SPKI): printed at start, served at /api/audit/public-key. */
  get publicKey(): string {
    return publicKeyPem(this.publicKeyObject);
  }

  /** A publication's seal, signed with the key that signs the log's heads, in their format. */
  signPublication(sealed: PublicationSealed): PublicationSealed & { keyId: string; signature: string } {
    return signPublication(sealed, this.privateKey);
  }

  /** Whether a publication's seal was signed by this platform's key (`unknown-key`: by another). */
  checkPublication(seal: PublicationSealed & { keyId: string; signature: string }) {
    return checkPublicationSignature(seal, [this.publicKeyObject]);
  }

  /** Every head kept, in log order. */
  async all(): Promise<SignedHead[]> {
    await this.schema();
    const { rows } = await this.pool.query<Row>(
      'SELECT position::text, global_hash, signed_at, key_id, signature FROM signed_heads ORDER BY position, signed_at',
    );
    return rows.map(headOfRow);
  }

  /**
   * The heads a check must find the log passing through, and what is wrong with
   * the kept ones: a head signed with this key whose signature does not verify,
   * or the last one this process signed gone. Heads of another key (before a
   * rotation) count as kept: their signature is checked offline, with the old
   * public key.
   */
  async known(): Promise<{ heads: LogHead[]; problem: { position: number; reason: string } | null }> {
    const kept = await this.all();
    const forged = kept.find(
      (head) => head.keyId === this.keyId && checkSignature(head, [this.publicKeyObject]) !== 'valid',
    );
    const lastSigned = this.lastSigned;
    const problem = forged
      ? {
          position: forged.position,
          reason: `tête signée en position ${forged.position} falsifiée dans la table signed_heads : signature invalide`,
        }
      : lastSigned && !kept.some((head) => sameHead(head, lastSigned))
        ? {
            position: lastSigned.position,
            reason: `tête signée en position ${lastSigned.position} (le ${lastSigned.signedAt}) supprimée de la table signed_heads`,
          }
        : null;
    const heads =
      lastSigned && !kept.some((head) => sameHead(head, lastSigned)) ? [...kept, lastSigned] : kept;
    return { heads, problem };
  }

  /**
   * Signs a head the log was just verified up to, and keeps it; the head kept
   * already when the log has not moved since (the same head, the same bytes in
   * what cites it).
   */
  async sign(head: LogHead): Promise<SignedHead> {
    await this.schema();
    const { rows } = await this.pool.query<Row>(
      `SELECT position::text, global_hash, signed_at, key_id, signature FROM signed_heads
        WHERE position = $1 AND global_hash = $2 AND key_id = $3 ORDER BY signed_at LIMIT 1`,
      [head.position, head.globalHash, this.keyId],
    );
    const kept = rows[0] ? headOfRow(rows[0]) : undefined;
    const signed =
      kept && checkSignature(kept, [this.publicKeyObject]) === 'valid'
        ? kept
        : signHead(head, this.privateKey);
    if (signed !== kept) {
      await this.pool.query(
        `INSERT INTO signed_heads (position, global_hash, signed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5)`,
        [signed.position, signed.globalHash, signed.signedAt, signed.keyId, signed.signature],
      );
    }
    this.lastSigned = signed;
    return signed;
  }

  /** The earliest kept head of this key at or after `position`: what a document made of events up to there cites. */
  async covering(position: number): Promise<SignedHead | undefined> {
    await this.schema();
    const { rows } = await this.pool.query<Row>(
      `SELECT position::text, global_hash, signed_at, key_id, signature FROM signed_heads
        WHERE position >= $1 AND key_id = $2 ORDER BY position, signed_at LIMIT 1`,
      [position, this.keyId],
    );
    return rows[0] ? headOfRow(rows[0]) : undefined;
  }
}
