import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../accounts/provision.js';
import { startTestApp } from '../testing/test-app.js';
import { PersonalDataVault } from './vault.js';

const password = 'un mot de passe assez long';
const masterKey = randomBytes(32).toString('base64');

/** What someone holding only a copy of the database would try: the keys table's bytes as the AES key. */
function openWithBytes(key: Buffer, sealed: string): string {
  const bytes = Buffer.from(sealed.slice('pii:v1:'.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

/** A value sealed the way the first vault did, with a raw key. */
function sealWithBytes(key: Buffer, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return `pii:v1:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
}

describe('personal data keys wrapped by a master key kept outside the database', () => {
  const database = useTestDatabase();
  let app: INestApplication | undefined;
  let pool: Pool;
  const rawKey = randomBytes(32);
  const sealedWithRawKey = sealWithBytes(rawKey, 'Ancienne Personne');

  beforeAll(async () => {
    pool = createPool(database.url, { max: 1 });
    // A database as the first vault left it: its keys stored raw.
    await pool.query(`
      CREATE TABLE schema_migrations (
        component text NOT NULL, version integer NOT NULL, name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version));
      INSERT INTO schema_migrations (component, version, name) VALUES ('personal_data', 1, 'personal data keys');
      CREATE TABLE personal_data_keys (subject text PRIMARY KEY, key bytea, erased_at timestamptz);`);
    await pool.query('INSERT INTO personal_data_keys (subject, key) VALUES ($1, $2)', ['ancienne', rawKey]);
    ({ app } = await startTestApp(database.url, { PERSONAL_DATA_KEY: masterKey }));
    await provisionUser(app, {
      userId: 'gaelle',
      email: 'gaelle@exemple.fr',
      displayName: 'Gaëlle Scellée',
      grants: [{ role: 'auditor' }],
      password,
    });
  });
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  it('stores no key that opens a sealed value by itself', async () => {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT data->>'displayName' AS name FROM events WHERE stream = 'user-gaelle' AND type = 'UserInvited'`,
    );
    const sealed = rows[0]?.name ?? '';
    expect(sealed).toMatch(/^pii:/);
    expect(await app?.get(PersonalDataVault).open('gaelle', sealed)).toBe('Gaëlle Scellée');
    const keys = await pool.query<{ key: Buffer }>('SELECT key FROM personal_data_keys WHERE subject = $1', [
      'gaelle',
    ]);
    const stored = keys.rows[0]?.key;
    expect(stored).toBeInstanceOf(Buffer);
    expect(() => openWithBytes(stored as Buffer, sealed)).toThrow();
  });

  it('wrapped the keys stored raw before, which still open what they sealed', async () => {
    const { rows } = await pool.query<{ key: Buffer }>(
      'SELECT key FROM personal_data_keys WHERE subject = $1',
      ['ancienne'],
    );
    expect(rows[0]?.key.equals(rawKey)).toBe(false);
    expect(() => openWithBytes(rows[0]?.key as Buffer, sealedWithRawKey)).toThrow();
    expect(await app?.get(PersonalDataVault).open('ancienne', sealedWithRawKey)).toBe('Ancienne Personne');
  });

  it('refuses to start with another master key than the one that wrapped the keys', async () => {
    await app?.close();
    app = undefined;
    await expect(
      startTestApp(database.url, { PERSONAL_DATA_KEY: randomBytes(32).toString('hex') }),
    ).rejects.toThrow(/PERSONAL_DATA_KEY/);
    // With its own key, it starts and opens as before.
    ({ app } = await startTestApp(database.url, { PERSONAL_DATA_KEY: masterKey }));
    const { rows } = await pool.query<{ name: string }>(
      `SELECT data->>'displayName' AS name FROM events WHERE stream = 'user-gaelle' AND type = 'UserInvited'`,
    );
    expect(await app.get(PersonalDataVault).open('gaelle', rows[0]?.name ?? '')).toBe('Gaëlle Scellée');
  });
});
