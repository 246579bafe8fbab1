import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { isDatabaseUnavailable } from '@cls/api';
import type { PersonalDataSealer } from '@cls/commands';
import { DomainError, ERASED_PERSONAL_DATA, mapPersonalData, PERSON_SUBJECT_PREFIX } from '@cls/domain';
import { inTransaction, migrate, type Pool } from '@cls/postgres';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PG_POOL } from '../database/database.module.js';

const PREFIX = 'pii:v1:';
/** What an erased person's data reads as. */
export const ERASED = ERASED_PERSONAL_DATA;

/** Injection token of the master key (see master-key.ts): it never enters the database. */
export const PERSONAL_DATA_MASTER_KEY = Symbol('PERSONAL_DATA_MASTER_KEY');

/** Wrapped with the master key and kept in the database: a wrong master key cannot unwrap it. */
const PROBE = 'cls:personal-data:master-key';

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
  {
    version: 2,
    name: 'keys wrapped by a master key',
    sql: `
      -- Each key is stored wrapped (AES-256-GCM) by a master key kept outside the database:
      -- a copy of the database alone opens nothing. Keys stored raw before are wrapped at start-up.
      ALTER TABLE personal_data_keys ADD COLUMN wrapped boolean NOT NULL DEFAULT false;
      -- A known value wrapped by the master key: another master key is refused at start-up.
      CREATE TABLE personal_data_master (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        probe bytea NOT NULL
      );
    `,
  },
];

/** AES-256-GCM: iv (12 bytes), tag (16 bytes), ciphertext; `context` is authenticated with it. */
function encrypt(key: Buffer, plain: Buffer, context?: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

function decrypt(key: Buffer, bytes: Buffer, context?: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  if (context !== undefined) decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
}

/** The master key in use is not the one that wrapped the keys of this database. */
export class MasterKeyMismatch extends Error {
  constructor() {
    super(
      'PERSONAL_DATA_KEY ne correspond pas à la clé maîtresse qui a protégé les clés des personnes de cette base : démarrage refusé (restaurez la bonne clé)',
    );
  }
}

/**
 * Seals personal data before it enters the log (AES-256-GCM, a key per person)
 * and opens it when it is read. Each person's key is kept in the database
 * wrapped by a master key that is not (PERSONAL_DATA_KEY). `erase` destroys the
 * key (crypto-shredding): sealed values then read as « [donnée effacée] ».
 * The command side seals through it (PersonalDataSealer); the keys of subjects
 * the log says were erased are destroyed again by a reactor (erased-keys.reactor.ts).
 *
 * `start` (run at start-up, and awaited by every use) migrates, checks the
 * master key and wraps keys stored raw by earlier versions.
 */
@Injectable()
export class PersonalDataVault implements PersonalDataSealer, OnApplicationBootstrap {
  private started: Promise<void> | undefined;
  /** Keys read recently; a few seconds only, so that an erasure on another replica is seen soon. */
  private readonly keys = new Map<string, { key: Buffer | null; until: number }>();
  /** The size at which expired keys are next dropped (an import reads hundreds of thousands of keys). */
  private sweepAt = 10_000;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PERSONAL_DATA_MASTER_KEY) private readonly masterKey: Buffer,
  ) {}

  /**
   * At start-up, before the first request: a wrong master key stops the start; an
   * unreachable database only delays the check (run again before the first use).
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.start().catch((error: unknown) => {
      if (!isDatabaseUnavailable(error)) throw error;
    });
  }

  /** Ready to seal and open. Retried after a failure. */
  start(): Promise<void> {
    this.started ??= this.prepare().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  private async prepare(): Promise<void> {
    await migrate(this.pool, 'personal_data', migrations);
    await this.checkMasterKey();
    const { rows } = await this.pool.query<{ subject: string }>(
      'SELECT subject FROM personal_data_keys WHERE NOT wrapped AND key IS NOT NULL',
    );
    for (const { subject } of rows) await this.wrapRawKey(subject);
  }

  private async checkMasterKey(): Promise<void> {
    await this.pool.query(
      'INSERT INTO personal_data_master (probe) VALUES ($1) ON CONFLICT (id) DO NOTHING',
      [encrypt(this.masterKey, Buffer.from(PROBE), 'master')],
    );
    const { rows } = await this.pool.query<{ probe: Buffer }>('SELECT probe FROM personal_data_master');
    try {
      if (decrypt(this.masterKey, rows[0]?.probe ?? Buffer.alloc(0), 'master').toString() === PROBE) return;
    } catch {
      // A wrong key fails GCM's authentication.
    }
    throw new MasterKeyMismatch();
  }

  /** A key stored raw (by a version before the master key): wrapped in place. */
  private async wrapRawKey(subject: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ key: Buffer }>(
        'SELECT key FROM personal_data_keys WHERE subject = $1 AND NOT wrapped AND key IS NOT NULL FOR UPDATE',
        [subject],
      );
      const raw = rows[0]?.key;
      if (raw) {
        await client.query('UPDATE personal_data_keys SET key = $2, wrapped = true WHERE subject = $1', [
          subject,
          encrypt(this.masterKey, raw, subject),
        ]);
      }
    });
  }

  /**
   * Keeps a key for a while; past `until` it is read again, so expired ones are dropped now and
   * then (amortised): the national Annuaire Santé's practitioners are never all held at once.
   */
  private remember(subject: string, entry: { key: Buffer | null; until: number }): void {
    this.keys.set(subject, entry);
    if (this.keys.size < this.sweepAt) return;
    const now = Date.now();
    for (const [kept, { until }] of this.keys) if (until <= now) this.keys.delete(kept);
    this.sweepAt = Math.max(10_000, 2 * this.keys.size);
  }

  /** The person's key, created on first use; null once erased. */
  private async key(subject: string, create: boolean): Promise<Buffer | null> {
    const known = this.keys.get(subject);
    if (known && known.until > Date.now()) return known.key;
    await this.start();
    if (create) {
      await this.pool.query(
        `INSERT INTO personal_data_keys (subject, key, wrapped) VALUES ($1, $2, true)
         ON CONFLICT (subject) DO NOTHING`,
        [subject, encrypt(this.masterKey, randomBytes(32), subject)],
      );
    }
    const read = () =>
      this.pool.query<{ key: Buffer | null; wrapped: boolean }>(
        'SELECT key, wrapped FROM personal_data_keys WHERE subject = $1',
        [subject],
      );
    let row = (await read()).rows[0];
    if (row?.key && !row.wrapped) {
      // Written raw by an older replica during an upgrade.
      await this.wrapRawKey(subject);
      row = (await read()).rows[0];
    }
    if (!row) return null;
    // The subject is bound to its key: a wrapped key copied to another row does not unwrap.
    const key = row.key ? decrypt(this.masterKey, row.key, subject) : null;
    this.remember(subject, { key, until: Date.now() + 10_000 });
    return key;
  }

  /**
   * Reads the keys of many subjects at once (the practitioners of the whole directory), a few
   * thousand per query, so that opening their names next asks the database nothing more. Keys
   * stored raw and subjects without a key are left to the usual path.
   */
  async preload(subjects: Iterable<string>): Promise<void> {
    const now = Date.now();
    const wanted = [...new Set(subjects)].filter((subject) => (this.keys.get(subject)?.until ?? 0) <= now);
    if (wanted.length === 0) return;
    await this.start();
    for (let start = 0; start < wanted.length; start += 5000) {
      const { rows } = await this.pool.query<{ subject: string; key: Buffer | null; wrapped: boolean }>(
        'SELECT subject, key, wrapped FROM personal_data_keys WHERE subject = ANY($1)',
        [wanted.slice(start, start + 5000)],
      );
      const until = Date.now() + 10_000;
      for (const row of rows) {
        if (row.key && !row.wrapped) continue;
        this.remember(row.subject, {
          key: row.key ? decrypt(this.masterKey, row.key, row.subject) : null,
          until,
        });
      }
    }
  }

  /**
   * Makes the keys of many subjects at once (the practitioners an import is about to record), in
   * one statement per few thousand, and reads them: sealing their values next asks the database
   * nothing more. A subject's existing key — or its erasure — is left as it is.
   */
  async prepareKeys(subjects: Iterable<string>): Promise<void> {
    const now = Date.now();
    const wanted = [...new Set(subjects)].filter((subject) => (this.keys.get(subject)?.until ?? 0) <= now);
    if (wanted.length === 0) return;
    await this.start();
    for (let start = 0; start < wanted.length; start += 5000) {
      const slice = wanted.slice(start, start + 5000);
      await this.pool.query(
        `INSERT INTO personal_data_keys (subject, key, wrapped)
         SELECT subject, key, true FROM unnest($1::text[], $2::bytea[]) AS k(subject, key)
         ON CONFLICT (subject) DO NOTHING`,
        [slice, slice.map((subject) => encrypt(this.masterKey, randomBytes(32), subject))],
      );
    }
    await this.preload(wanted);
  }

  async seal(subject: string, value: string): Promise<string> {
    const key = await this.key(subject, true);
    if (!key) {
      throw new DomainError(
        'invalid_value',
        `Les données personnelles de ${subject} ont été effacées : rien ne peut plus être enregistré à son nom`,
      );
    }
    return `${PREFIX}${encrypt(key, Buffer.from(value, 'utf8')).toString('base64')}`;
  }

  /** A sealed value opened; anything else (written before sealing existed) as it is. */
  async open(subject: string, value: string): Promise<string> {
    if (!value.startsWith(PREFIX)) return value;
    const key = await this.key(subject, false);
    if (!key) return ERASED;
    return decrypt(key, Buffer.from(value.slice(PREFIX.length), 'base64')).toString('utf8');
  }

  /**
   * An event's data with its personal values sealed (see PERSONAL_DATA_OF_EVENT):
   * a person named without a subject gets one, `person-<uuid>`.
   */
  sealEvent(type: string, data: unknown): Promise<unknown> {
    return mapPersonalData(
      type,
      data,
      (subject, value) => this.seal(subject, value),
      () => `${PERSON_SUBJECT_PREFIX}${randomUUID()}`,
    );
  }

  /** An event's data with its personal values opened, for a reader (or « [donnée effacée] »). */
  openEvent<Data>(type: string, data: Data): Promise<Data> {
    return mapPersonalData(type, data, (subject, value) => this.open(subject, value)) as Promise<Data>;
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

  /** Whether anything was ever sealed for this subject (its key exists, or existed). */
  async knows(subject: string): Promise<boolean> {
    await this.start();
    const { rowCount } = await this.pool.query('SELECT 1 FROM personal_data_keys WHERE subject = $1', [
      subject,
    ]);
    return (rowCount ?? 0) > 0;
  }

  /** Whether the subject's personal data were erased (its key destroyed): nothing can be sealed for it any more. */
  async isErased(subject: string): Promise<boolean> {
    await this.start();
    const { rows } = await this.pool.query<{ erased: boolean }>(
      'SELECT erased_at IS NOT NULL AS erased FROM personal_data_keys WHERE subject = $1',
      [subject],
    );
    return rows[0]?.erased ?? false;
  }

  /** Destroys the person's key (again: idempotent): what was sealed with it can no longer be read, anywhere. */
  async erase(subject: string): Promise<void> {
    await this.start();
    await this.pool.query(
      `INSERT INTO personal_data_keys (subject, key, erased_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject) DO UPDATE SET key = NULL, erased_at = coalesce(personal_data_keys.erased_at, now())`,
      [subject],
    );
    this.keys.set(subject, { key: null, until: Number.POSITIVE_INFINITY });
  }
}
