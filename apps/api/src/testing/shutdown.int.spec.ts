import type { EventStore } from '@cls/event-store';
import type { Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import { describe, expect, it } from 'vitest';
import { PG_POOL } from '../database/database.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { startTestApp } from './test-app.js';

describe('closing the application', () => {
  const database = useTestDatabase();

  it('ends its PostgreSQL pool and closes its event store', async () => {
    const { app } = await startTestApp(database.url);
    const pool = app.get<Pool>(PG_POOL);
    const store = app.get<EventStore>(EVENT_STORE);
    await pool.query('SELECT 1');
    await app.close();
    expect(pool.ending).toBe(true);
    await expect(
      store.append('action-after', [{ type: 'X', data: {} }], { actor: { id: 'a', role: 'admin' } }),
    ).rejects.toThrow(/fermé/);
  });
});
