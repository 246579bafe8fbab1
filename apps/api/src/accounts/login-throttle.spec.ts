import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  it('refuses after five failures within the window, then lets through once it has passed', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(5, 60_000, () => now);
    const keys = ['email:a@b.fr', 'ip:127.0.0.1'];
    for (let i = 0; i < 4; i += 1) throttle.fail(keys);
    expect(throttle.retryAfter(keys)).toBe(0);
    throttle.fail(keys);
    expect(throttle.retryAfter(keys)).toBe(60_000);
    now += 30_000;
    expect(throttle.retryAfter(keys)).toBe(30_000);
    now += 30_001;
    expect(throttle.retryAfter(keys)).toBe(0);
  });

  it('counts per key: another email from another address is not slowed', () => {
    const throttle = new LoginThrottle(2, 60_000);
    throttle.fail(['email:a', 'ip:1']);
    throttle.fail(['email:a', 'ip:1']);
    expect(throttle.retryAfter(['email:b', 'ip:2'])).toBe(0);
    expect(throttle.retryAfter(['email:b', 'ip:1'])).toBeGreaterThan(0);
  });

  it('forgets failures after a success', () => {
    const throttle = new LoginThrottle(2, 60_000);
    throttle.fail(['email:a']);
    throttle.succeed(['email:a']);
    throttle.fail(['email:a']);
    expect(throttle.retryAfter(['email:a'])).toBe(0);
  });
});
