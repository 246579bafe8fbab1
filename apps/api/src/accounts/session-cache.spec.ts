import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache.js';

const session = (userId: string) => ({
  userId,
  email: `${userId}@exemple.fr`,
  displayName: userId,
  grants: [],
});

describe('SessionCache', () => {
  it('keeps a session until its bound or its expiry, whichever comes first', () => {
    let now = 1_000;
    const cache = new SessionCache(5_000, 10, () => now);
    cache.keep('a', session('anne'), 100_000, cache.generation);
    cache.keep('b', session('bruno'), 3_000, cache.generation);
    now = 2_999;
    expect(cache.get('a')?.userId).toBe('anne');
    expect(cache.get('b')?.userId).toBe('bruno');
    now = 3_000;
    expect(cache.get('b')).toBeUndefined();
    now = 6_000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('does not keep a session read before a change: the database may have answered with what it removed', () => {
    const cache = new SessionCache();
    const before = cache.generation;
    cache.forgetToken('a');
    cache.keep('a', session('anne'), Number.POSITIVE_INFINITY, before);
    expect(cache.get('a')).toBeUndefined();
    const beforeRoles = cache.generation;
    cache.forgetUser('bruno');
    cache.keep('b', session('bruno'), Number.POSITIVE_INFINITY, beforeRoles);
    expect(cache.get('b')).toBeUndefined();
  });

  it('forgets one token, or every session of a user', () => {
    const cache = new SessionCache();
    for (const [token, user] of [
      ['a1', 'anne'],
      ['a2', 'anne'],
      ['b1', 'bruno'],
    ] as const)
      cache.keep(token, session(user), Number.POSITIVE_INFINITY, cache.generation);
    cache.forgetToken('b1');
    expect(cache.get('b1')).toBeUndefined();
    cache.forgetUser('anne');
    expect([cache.get('a1'), cache.get('a2')]).toEqual([undefined, undefined]);
  });

  it('holds at most its capacity, dropping the oldest', () => {
    const cache = new SessionCache(5_000, 2);
    for (const token of ['a', 'b', 'c']) cache.keep(token, session(token), Number.POSITIVE_INFINITY, 0);
    expect([cache.get('a'), cache.get('b')?.userId, cache.get('c')?.userId]).toEqual([undefined, 'b', 'c']);
  });
});
