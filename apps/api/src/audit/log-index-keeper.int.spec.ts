import { MemoryEventStore } from '@cls/event-store';
import { withoutSearch } from '@cls/event-store/contract';
import { PostgresEventIndex } from '@cls/event-store/postgres';
import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogIndexKeeper } from './log-index-keeper.js';

/** Read-your-writes for the audit: a query waits until the index holds the position its client wrote. */
describe('LogIndexKeeper.caughtUp', () => {
  const database = useTestDatabase();
  let pool: Pool;
  beforeAll(() => {
    pool = createPool(database.url, { max: 2 });
  });
  afterAll(() => pool?.end());

  it('waits for the index’s checkpoint, whichever replica moves it, and says when it did not get there', async () => {
    const index = new PostgresEventIndex(pool);
    // Not started: another replica keeps the index, this one only reads its checkpoint.
    const keeper = new LogIndexKeeper(withoutSearch(new MemoryEventStore()), pool, index);
    expect(await keeper.caughtUp(5, 200)).toBe(false);
    setTimeout(() => void index.keep([], 5), 200);
    expect(await keeper.caughtUp(5, 5000)).toBe(true);
    expect(await keeper.caughtUp(4, 0)).toBe(true);
  });

  it('does not wait when the log searches itself: there is no index', async () => {
    const keeper = new LogIndexKeeper(new MemoryEventStore(), pool, new PostgresEventIndex(pool));
    expect(await keeper.caughtUp(1_000_000, 0)).toBe(true);
  });
});
