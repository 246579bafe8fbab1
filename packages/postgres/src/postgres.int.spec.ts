import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, probeDatabase } from './connection.js';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded.js';
import { AdvisoryLease, inTransaction } from './lease.js';
import { migrate, migrateOnFirstUse } from './migrations.js';

const scratchDir = () => join(tmpdir(), `cls-pg-spec-${randomBytes(6).toString('hex')}`);

/** A port nobody listens on: bind to 0, read what the OS gave, release it. */
async function unusedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A throw-away server, started before the tests of the enclosing block and stopped after them. */
function useScratchServer(): () => RunningPostgres {
  let server: RunningPostgres | undefined;
  beforeAll(async () => {
    server = await startEmbeddedPostgres({
      dataDir: scratchDir(),
      port: await unusedPort(),
      persistent: false,
    });
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the scratch server did not start');
    return server;
  };
}

describe('embedded PostgreSQL', () => {
  const scratch = useScratchServer();

  it('starts a real server that answers with its version', async () => {
    const pool = createPool(scratch().url, { max: 1 });
    try {
      const probe = await probeDatabase(pool);
      expect(probe.up).toBe(true);
      expect(probe.serverVersion).toMatch(/^18\.\d+/);
    } finally {
      await pool.end();
    }
  });

  it('says which directory and port failed when the port is taken', async () => {
    const otherDir = scratchDir();
    try {
      await expect(
        startEmbeddedPostgres({ dataDir: otherDir, port: scratch().port, persistent: false }),
      ).rejects.toThrow(`démarrage impossible (répertoire ${otherDir}, port ${scratch().port})`);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
    // initdb of a second cluster before the refusal: about a second alone, 20 s seen beside the rest of the suite on two cores.
  }, 60_000);
});

describe('embedded PostgreSQL started as root from a private folder', () => {
  // The server runs as the `postgres` user when we are root (containers, CI runners).
  const root = process.getuid?.() === 0;
  if (!root)
    console.info('[postgres] private-folder spec skipped: it needs root, as a container or CI runner has');

  it.skipIf(!root)('stops at once, naming the folder the postgres user cannot go through', async () => {
    const previous = process.umask(0o077);
    const secret = mkdtempSync(join(tmpdir(), 'cls-private-'));
    process.umask(previous);
    try {
      const started = performance.now();
      await expect(
        startEmbeddedPostgres({
          dataDir: join(secret, 'postgres'),
          port: await unusedPort(),
          persistent: false,
        }),
      ).rejects.toThrow(`ne peut pas traverser ${secret} pour atteindre ses données`);
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      rmSync(secret, { recursive: true, force: true });
    }
  });
});

describe('probeDatabase', () => {
  it('reports an unreachable server with the reason, without throwing', async () => {
    const pool = createPool(`postgres://nobody@127.0.0.1:${await unusedPort()}/none`, { max: 1 });
    try {
      const probe = await probeDatabase(pool);
      expect(probe).toMatchObject({ up: false, error: expect.stringMatching(/ECONNREFUSED/) });
    } finally {
      await pool.end();
    }
  });
});

describe('migrate', () => {
  const scratch = useScratchServer();

  it('applies each version once, in order, even when two processes race', async () => {
    const migrations = [
      { version: 2, name: 'second', sql: 'ALTER TABLE things ADD COLUMN label text' },
      { version: 1, name: 'first', sql: 'CREATE TABLE things (id int)' },
    ];
    const [a, b] = [createPool(scratch().url), createPool(scratch().url)];
    try {
      const results = await Promise.all([migrate(a, 'spec', migrations), migrate(b, 'spec', migrations)]);
      expect(results.flat().sort()).toEqual([1, 2]);
      expect(await migrate(a, 'spec', migrations)).toEqual([]);
      const { rows } = await a.query('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows).toEqual([
        { version: 1, name: 'first' },
        { version: 2, name: 'second' },
      ]);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('rolls a failing migration back and names it', async () => {
    const pool = createPool(scratch().url);
    try {
      const broken = [
        { version: 1, name: 'broken', sql: 'CREATE TABLE half (id int); SELECT * FROM missing' },
      ];
      await expect(migrate(pool, 'broken', broken)).rejects.toThrow(/migration broken v1 \(broken\)/);
      const { rowCount } = await pool.query(`SELECT 1 FROM pg_tables WHERE tablename = 'half'`);
      expect(rowCount).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it('migrates on first use once for every caller meanwhile, and again on the next use after a failure', async () => {
    const pool = createPool(scratch().url);
    try {
      // Fails until the table it writes to exists, as a migration fails while its database is down.
      const ready = migrateOnFirstUse(pool, 'first-use', [
        { version: 1, name: 'needs a table', sql: 'INSERT INTO made_later VALUES (1)' },
      ]);
      const [first, second] = [ready(), ready()];
      expect(second).toBe(first);
      await expect(first).rejects.toThrow(/needs a table/);
      await pool.query('CREATE TABLE made_later (id int)');
      await ready();
      await ready();
      const { rows } = await pool.query('SELECT id FROM made_later');
      expect(rows).toEqual([{ id: 1 }]);
    } finally {
      await pool.end();
    }
  });
});

describe('AdvisoryLease and inTransaction', () => {
  const scratch = useScratchServer();

  it('lets one process hold a lease at a time, and another take it once given up', async () => {
    const [a, b] = [createPool(scratch().url), createPool(scratch().url)];
    const [first, second] = [new AdvisoryLease(a, 'spec-lease'), new AdvisoryLease(b, 'spec-lease')];
    const another = new AdvisoryLease(b, 'another-lease');
    try {
      expect(await first.take()).toBe(true);
      expect(await first.take()).toBe(true);
      expect(await second.take()).toBe(false);
      expect(await another.take()).toBe(true);
      await first.release();
      expect(await second.take()).toBe(true);
      expect(await first.take()).toBe(false);
      await second.release();
      expect(await first.take()).toBe(true);
    } finally {
      // Each holds a connection until it gives its lease up: a pool ends once they are back.
      await Promise.all([first.release(), second.release(), another.release()]);
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('is free for the next taker as soon as release resolves, turn after turn', async () => {
    const [a, b] = [createPool(scratch().url), createPool(scratch().url)];
    const [first, second] = [new AdvisoryLease(a, 'turns'), new AdvisoryLease(b, 'turns')];
    try {
      // A lock left to the end of its session is freed a moment after the session is told to end:
      // a taker asking at once found it still held (at the 34th turn here, and in CI).
      let missedAt: number | undefined;
      expect(await first.take()).toBe(true);
      for (let turn = 0; turn < 200 && missedAt === undefined; turn += 1) {
        const [giving, taking] = turn % 2 === 0 ? [first, second] : [second, first];
        // Refused while held: its connection waits in the taker's pool, ready to ask again at once.
        expect(await taking.take()).toBe(false);
        await giving.release();
        if (!(await taking.take())) missedAt = turn;
      }
      expect(missedAt).toBeUndefined();
    } finally {
      await Promise.all([first.release(), second.release()]);
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('commits what a transaction did when it resolves, and nothing when it throws', async () => {
    const pool = createPool(scratch().url);
    try {
      await pool.query('CREATE TABLE notes (note text)');
      await inTransaction(pool, (client) => client.query(`INSERT INTO notes VALUES ('gardée')`));
      await expect(
        inTransaction(pool, async (client) => {
          await client.query(`INSERT INTO notes VALUES ('perdue')`);
          throw new Error('refusée');
        }),
      ).rejects.toThrow('refusée');
      // A snapshot to read: no write goes through.
      await expect(
        inTransaction(pool, (client) => client.query(`INSERT INTO notes VALUES ('lue')`), {
          readSnapshot: true,
        }),
      ).rejects.toThrow(/read-only transaction/);
      const { rows } = await pool.query<{ note: string }>('SELECT note FROM notes');
      expect(rows).toEqual([{ note: 'gardée' }]);
    } finally {
      await pool.end();
    }
  });
});
