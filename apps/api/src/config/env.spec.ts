import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeKey, parseEnv } from './env.js';

const signingKeys = generateKeyPairSync('ed25519');
const signingKey = signingKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('parseEnv', () => {
  it('applies the defaults of a local run', () => {
    const result = parseEnv({});
    expect(result).toMatchObject({
      ok: true,
      env: { PORT: 3000, HOST: '127.0.0.1', NODE_ENV: 'production' },
    });
    if (result.ok) {
      expect(result.env.DATABASE_URL).toBeUndefined();
      expect(result.env.DATA_DIR).toMatch(/\.data$/);
    }
  });

  it('reads numbers and URLs', () => {
    const result = parseEnv({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/cls',
      // Production with DATABASE_URL also needs PERSONAL_DATA_KEY (below).
      NODE_ENV: 'development',
    });
    expect(result).toMatchObject({
      ok: true,
      env: { PORT: 8080, DATABASE_URL: 'postgres://u:p@db:5432/cls' },
    });
  });

  it('reads the basemap style of a deployment, none by default', () => {
    const style = 'https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/standard.json';
    expect(parseEnv({ MAP_STYLE_URL: style })).toMatchObject({ ok: true, env: { MAP_STYLE_URL: style } });
    const unset = parseEnv({ MAP_STYLE_URL: '' });
    expect(unset.ok && unset.env.MAP_STYLE_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ PORT: '', DATABASE_URL: '' })).toMatchObject({ ok: true, env: { PORT: 3000 } });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '3.5'],
    ['EMBEDDED_PG_PORT', '-1'],
    ['DATABASE_URL', 'mysql://localhost/cls'],
    ['KURRENTDB_URL', 'not a url'],
    ['NODE_ENV', 'staging'],
    ['MAP_STYLE_URL', 'plan-ign.json'],
    ['MAP_STYLE_URL', 'ftp://tiles.example.fr/style.json'],
  ])('rejects %s=%s with one line naming the variable', (name, value) => {
    const result = parseEnv({ [name]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(`${name}="${value}"`);
      expect(result.message).not.toContain('\n');
    }
  });

  it('names every bad variable at once', () => {
    const result = parseEnv({ PORT: 'abc', NODE_ENV: 'staging' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/NODE_ENV=.*PORT=|PORT=.*NODE_ENV=/);
  });
});

describe('parseEnv: OpenID Connect', () => {
  it('is off by default', () => {
    const result = parseEnv({});
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.env.OIDC_ISSUER).toBeUndefined();
  });

  it('needs the client and the redirect URI once an issuer is given', () => {
    const result = parseEnv({ OIDC_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('OIDC_CLIENT_ID=""');
      expect(result.message).toContain('OIDC_REDIRECT_URI=""');
    }
    expect(
      parseEnv({
        OIDC_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2',
        OIDC_CLIENT_ID: 'cls',
        OIDC_CLIENT_SECRET: 'secret',
        OIDC_REDIRECT_URI: 'https://cls.example.fr/auth/oidc/callback',
      }),
    ).toMatchObject({ ok: true, env: { OIDC_LABEL: 'ProConnect', OIDC_SCOPES: 'openid email' } });
  });
});

describe('parseEnv: the master key of personal data (PERSONAL_DATA_KEY)', () => {
  const base64 = Buffer.alloc(32, 7).toString('base64');
  const hex = Buffer.alloc(32, 7).toString('hex');

  it('accepts 32 bytes in base64 or in hexadecimal', () => {
    expect(parseEnv({ PERSONAL_DATA_KEY: base64 }).ok).toBe(true);
    expect(parseEnv({ PERSONAL_DATA_KEY: hex }).ok).toBe(true);
    expect(decodeKey(base64)).toEqual(Buffer.alloc(32, 7));
    expect(decodeKey(hex)).toEqual(Buffer.alloc(32, 7));
  });

  it.each([
    ['too short', Buffer.alloc(16).toString('base64')],
    ['not base64', 'une phrase de passe comme une autre, assez longue pour tromper'],
    ['63 hex digits', hex.slice(1)],
  ])('refuses a key %s in one line, without repeating it', (_why, value) => {
    const result = parseEnv({ PERSONAL_DATA_KEY: value });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/^Configuration invalide : PERSONAL_DATA_KEY="…" doit faire 32 octets/);
      expect(result.message).not.toContain(value);
      expect(result.message).not.toContain('\n');
    }
  });

  it('is required in production with DATABASE_URL, not with the embedded PostgreSQL nor in tests', () => {
    const external = { DATABASE_URL: 'postgres://u:p@db:5432/cls' };
    const refused = parseEnv({ ...external, NODE_ENV: 'production' });
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.message).toMatch(/PERSONAL_DATA_KEY="" requise en production avec DATABASE_URL/);
    expect(
      parseEnv({
        ...external,
        NODE_ENV: 'production',
        PERSONAL_DATA_KEY: base64,
        LOG_SIGNING_KEY: signingKey,
      }).ok,
    ).toBe(true);
    expect(parseEnv({ NODE_ENV: 'production' }).ok).toBe(true);
    expect(parseEnv({ ...external, NODE_ENV: 'test' }).ok).toBe(true);
  });
});

describe('parseEnv: the key that signs the log (LOG_SIGNING_KEY)', () => {
  const external = {
    DATABASE_URL: 'postgres://u:p@db:5432/cls',
    PERSONAL_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
  };
  const der = signingKeys.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');

  it('accepts an Ed25519 private key in PEM or in base64 DER (PKCS#8)', () => {
    expect(parseEnv({ LOG_SIGNING_KEY: signingKey }).ok).toBe(true);
    expect(parseEnv({ LOG_SIGNING_KEY: der }).ok).toBe(true);
  });

  it.each([
    ['a public key', signingKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    [
      'an RSA key',
      generateKeyPairSync('rsa', { modulusLength: 1024 })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    ],
    ['a password', 'une phrase de passe comme une autre'],
  ])('refuses %s in one line, without repeating it', (_why, value) => {
    const result = parseEnv({ LOG_SIGNING_KEY: value });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(
        /^Configuration invalide : LOG_SIGNING_KEY="…" doit être une clé privée Ed25519/,
      );
      expect(result.message).not.toContain(value.slice(0, 40));
      expect(result.message).not.toContain('\n');
    }
  });

  it('is required in production with DATABASE_URL, not with the embedded PostgreSQL nor in tests', () => {
    const refused = parseEnv({ ...external, NODE_ENV: 'production' });
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.message).toMatch(/LOG_SIGNING_KEY="" requise en production avec DATABASE_URL/);
    expect(parseEnv({ ...external, NODE_ENV: 'production', LOG_SIGNING_KEY: signingKey }).ok).toBe(true);
    expect(parseEnv({ NODE_ENV: 'production' }).ok).toBe(true);
    expect(parseEnv({ ...external, NODE_ENV: 'test' }).ok).toBe(true);
  });
});

describe('parseEnv: the first administrator (ADMIN_EMAIL, ADMIN_PASSWORD)', () => {
  it('needs a password of 12 characters with the address, and never repeats it', () => {
    const missing = parseEnv({ ADMIN_EMAIL: 'admin@cls.example.fr' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toContain('ADMIN_PASSWORD');
    expect(parseEnv({ ADMIN_EMAIL: 'admin@cls.example.fr', ADMIN_PASSWORD: 'douze-signes' }).ok).toBe(true);
    const tooShort = parseEnv({ ADMIN_EMAIL: 'admin@cls.example.fr', ADMIN_PASSWORD: 'secret-7' });
    expect(tooShort.ok).toBe(false);
    if (!tooShort.ok) expect(tooShort.message).not.toContain('secret-7');
    expect(parseEnv({ ADMIN_EMAIL: 'pas une adresse', ADMIN_PASSWORD: 'un mot de passe long' }).ok).toBe(
      false,
    );
  });
});
