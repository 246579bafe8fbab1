import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MASTER_KEY_FILE, resolveMasterKey } from './master-key.js';

describe('resolveMasterKey', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cls-master-key-'));
    dirs.push(dir);
    return join(dir, 'data');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('generates the key of DATA_DIR once, readable by its owner only, and reads it back', () => {
    const DATA_DIR = dataDir();
    const first = resolveMasterKey({
      NODE_ENV: 'production',
      DATA_DIR,
      DATABASE_URL: undefined,
      PERSONAL_DATA_KEY: undefined,
    });
    expect(first.key).toHaveLength(32);
    expect(first.origin).toMatch(/^générée dans .*personal-data\.key \(mode 0600\)/);
    const file = join(DATA_DIR, MASTER_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = resolveMasterKey({
      NODE_ENV: 'development',
      DATA_DIR,
      DATABASE_URL: undefined,
      PERSONAL_DATA_KEY: undefined,
    });
    expect(again.key.equals(first.key)).toBe(true);
    expect(again.origin).toMatch(/^lue dans /);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.key.toString('base64'));
  });

  it('prefers PERSONAL_DATA_KEY, writes nothing then, and refuses a damaged key file', () => {
    const DATA_DIR = dataDir();
    const given = Buffer.alloc(32, 9);
    expect(
      resolveMasterKey({
        NODE_ENV: 'production',
        DATA_DIR,
        DATABASE_URL: 'postgres://db/cls',
        PERSONAL_DATA_KEY: given.toString('hex'),
      }),
    ).toEqual({ key: given, origin: 'PERSONAL_DATA_KEY' });
    expect(() => statSync(DATA_DIR)).toThrow();
    resolveMasterKey({
      NODE_ENV: 'development',
      DATA_DIR,
      DATABASE_URL: undefined,
      PERSONAL_DATA_KEY: undefined,
    });
    writeFileSync(join(DATA_DIR, MASTER_KEY_FILE), 'abîmée');
    expect(() =>
      resolveMasterKey({
        NODE_ENV: 'development',
        DATA_DIR,
        DATABASE_URL: undefined,
        PERSONAL_DATA_KEY: undefined,
      }),
    ).toThrow(/ne contient pas une clé de 32 octets/);
  });

  it('uses one key per process in tests, and none in production with DATABASE_URL', () => {
    const DATA_DIR = dataDir();
    const test = {
      NODE_ENV: 'test' as const,
      DATA_DIR,
      DATABASE_URL: undefined,
      PERSONAL_DATA_KEY: undefined,
    };
    expect(resolveMasterKey(test).key.equals(resolveMasterKey(test).key)).toBe(true);
    expect(() => statSync(DATA_DIR)).toThrow();
    expect(() =>
      resolveMasterKey({
        NODE_ENV: 'production',
        DATA_DIR,
        DATABASE_URL: 'postgres://db/cls',
        PERSONAL_DATA_KEY: undefined,
      }),
    ).toThrow(/PERSONAL_DATA_KEY/);
  });
});
