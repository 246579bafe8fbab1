import { describe, expect, it } from 'vitest';
import { FreshRead } from './fresh-read.js';

/** A source whose reads the test answers one by one, each answering the value at the time it was started. */
function source() {
  const pending: Array<{ seen: number; answer: () => void; fail: (error: Error) => void }> = [];
  const state = {
    value: 1,
    started: 0,
    pending,
    read: () =>
      new Promise<number>((resolve, reject) => {
        state.started += 1;
        const seen = state.value;
        pending.push({ seen, answer: () => resolve(seen), fail: reject });
      }),
    /** Answers the oldest read still waiting, then lets the promises settle. */
    async answerOne() {
      pending.shift()?.answer();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
  return state;
}

describe('a read shared by concurrent callers', () => {
  it('never answers a caller with a read started before its call', async () => {
    const db = source();
    const fresh = new FreshRead(db.read);
    const early = fresh.get();
    // The value moves while the first read runs: whoever asks now must see it.
    db.value = 2;
    const late = fresh.get();
    const later = fresh.get();
    await db.answerOne();
    expect(await early).toBe(1);
    await db.answerOne();
    expect(await late).toBe(2);
    expect(await later).toBe(2);
  });

  it('shares one read among the callers who arrive while another runs', async () => {
    const db = source();
    const fresh = new FreshRead(db.read);
    const first = fresh.get();
    const waiting = Array.from({ length: 50 }, () => fresh.get());
    expect(db.started).toBe(1);
    await db.answerOne();
    await first;
    expect(db.started).toBe(2);
    await db.answerOne();
    expect(await Promise.all(waiting)).toEqual(Array.from({ length: 50 }, () => 1));
    expect(db.started).toBe(2);
    // Nothing running any more: the next caller starts its own read.
    db.value = 3;
    const alone = fresh.get();
    expect(db.started).toBe(3);
    await db.answerOne();
    expect(await alone).toBe(3);
  });

  it('reads again after a failed read, for those who waited on it and those who come after', async () => {
    const db = source();
    const fresh = new FreshRead(db.read);
    const failing = fresh.get();
    const waiting = fresh.get();
    db.pending.shift()?.fail(new Error('base de données injoignable'));
    await expect(failing).rejects.toThrow(/injoignable/);
    await new Promise((resolve) => setImmediate(resolve));
    await db.answerOne();
    expect(await waiting).toBe(1);
    const after = fresh.get();
    await db.answerOne();
    expect(await after).toBe(1);
    expect(db.started).toBe(3);
  });
});
