import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { migrate, type Pool } from '@cls/postgres';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../database/database.module.js';

const PREFIX = 'pii:v1:';
/** What an erased person's data reads as. */
export const ERASED = '[donnée effacée]';

const migrations = [
  {
    version: 1,
    name: 'personal data keys',
    sql: `
      -- One key per person (the subject): destroying it erases everything sealed with it,
      -- while the events that carry the sealed values, and their hash chains, stay as they are.
      CREATE TABLE personal_data_keys (
        subject text PRIMARY KEY,
        key bytea,
        erased_at timestamptz
      );
    `,
  },
];

/**
 * Seals personal data before it enters the log (AES-256-GCM, a key per person,
 * kept outside the log) and opens it when it is read; `erase` destroys the key
 * (crypto-shredding): sealed values then read as « [donnée effacée] ».
 */
@Injectable()
export class PersonalDataVault {
  private ready: Promise<void> | undefined;
  /** Keys read recently; a few seconds only, so that an erasure on another replica is seen soon. */
  private readonly keys = new Map<string, { key: Buffer | null; until: number }>();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  private schema(): Promise<void> {
    this.ready ??= migrate(this.pool, 'personal_data', migrations).then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined;
        throw error;
      },
    );
    return this.ready;
  }

  /** The person's key, created on first use; null once erased. */
  private async key(subject: string, create: boolean): Promise<Buffer | null> {
    const known = this.keys.get(subject);
    if (known && known.until > Date.now()) return known.key;
    await this.schema();
    if (create) {
      await this.pool.query(
        'INSERT INTO personal_data_keys (subject, key) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING',
        [subject, randomBytes(32)],
      );
    }
    const { rows } = await this.pool.query<{ key: Buffer | null }>(
      'SELECT key FROM personal_data_keys WHERE subject = $1',
      [subject],
    );
    const key = rows[0]?.key ?? null;
    if (rows[0]) this.keys.set(subject, { key, until: Date.now() + 10_000 });
    return key;
  }

  async seal(subject: string, value: string): Promise<string> {
    const key = await this.key(subject, true);
    if (!key) throw new Error(`les données personnelles de ${subject} ont été effacées`);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
  }

  /** A sealed value opened; anything else (written before sealing existed) as it is. */
  async open(subject: string, value: string): Promise<string> {
    if (!value.startsWith(PREFIX)) return value;
    const key = await this.key(subject, false);
    if (!key) return ERASED;
    const bytes = Buffer.from(value.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Rows naming people (the users read model) with their name and email opened. */
  async openPeople<Row extends { userId: string; email: string; displayName: string }>(
    rows: Row[],
  ): Promise<Row[]> {
    return Promise.all(
      rows.map(async (row) => ({
        ...row,
        email: await this.open(row.userId, row.email),
        // Emptied by an erasure (see the users read model).
        displayName: row.displayName ? await this.open(row.userId, row.displayName) : ERASED,
      })),
    );
  }

  /** Destroys the person's key: what was sealed with it can no longer be read, anywhere. */
  async erase(subject: string): Promise<void> {
    await this.schema();
    await this.pool.query(
      `INSERT INTO personal_data_keys (subject, key, erased_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject) DO UPDATE SET key = NULL, erased_at = now()`,
      [subject],
    );
    this.keys.set(subject, { key: null, until: Number.POSITIVE_INFINITY });
  }
}
