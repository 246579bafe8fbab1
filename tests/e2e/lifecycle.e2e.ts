import { createPool, withDatabase } from '@cls/postgres';
import { freePort } from '@cls/testing';
import { describe, expect, it } from 'vitest';
import { createDataDir, runPlatformExpectingExit, startPlatform } from './support/platform.js';

describe('starting and stopping the platform', () => {
  it('refuses a bad PORT with one line naming the variable', async () => {
    const { code, stdout, stderr } = await runPlatformExpectingExit({ PORT: 'abc' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration invalide : PORT="abc" doit être un nombre entier/);
  });

  it('stops PostgreSQL on Ctrl-C and finds its data again on the next start', async () => {
    const dataDir = createDataDir();
    const postgresPort = await freePort();
    const clsDatabase = `postgres://postgres:postgres@127.0.0.1:${postgresPort}/cls`;
    try {
      const first = await startPlatform(dataDir.path, postgresPort);
      const pool = createPool(clsDatabase, { max: 1 });
      await pool.query('CREATE TABLE persistence_probe (note text)');
      await pool.query(`INSERT INTO persistence_probe VALUES ('conservé')`);
      await pool.end();
      expect(await first.stop('SIGINT')).toBe(0);
      expect(first.output()).toContain('Arrêt de la plateforme');

      // Nothing answers on the PostgreSQL port once the platform has stopped.
      const probe = createPool(withDatabase(clsDatabase, 'postgres'), { max: 1 });
      await expect(probe.query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
      await probe.end();

      const second = await startPlatform(dataDir.path, postgresPort);
      const again = createPool(clsDatabase, { max: 1 });
      const { rows } = await again.query<{ note: string }>('SELECT note FROM persistence_probe');
      await again.end();
      expect(rows).toEqual([{ note: 'conservé' }]);
      expect(await second.stop('SIGTERM')).toBe(0);
    } finally {
      dataDir.remove();
    }
    // Two starts with the demo's replay, each up to two minutes beside the whole suite on two cores.
  }, 300_000);
});
