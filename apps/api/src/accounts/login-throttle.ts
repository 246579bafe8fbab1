import { isIPv6 } from 'node:net';
import type { Pool } from '@cls/postgres';

/** After `threshold` attempts, each further one waits `firstDelayMs`, doubled at every attempt, up to `maxDelayMs`. */
export interface ThrottlePolicy {
  threshold: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/**
 * Guessing one account's password from one address: 5 attempts at once, then
 * 5 s, 10 s, 20 s… up to 15 min between attempts (about a hundred a day). Per
 * (email, address) pair, so that an attacker elsewhere slows only himself down
 * and never locks the account's owner out.
 */
export const PAIR_POLICY: ThrottlePolicy = { threshold: 5, firstDelayMs: 5_000, maxDelayMs: 15 * 60_000 };

/**
 * Password spraying (a few guesses on each of many accounts) from one address:
 * looser, since an office or a NAT may put several users behind one address,
 * and a sprayer must not be able to reset it with a login of his own (a
 * success only gives back its own attempt).
 */
export const ADDRESS_POLICY: ThrottlePolicy = { threshold: 50, firstDelayMs: 5_000, maxDelayMs: 15 * 60_000 };

/** A counter without any attempt for that long starts again from zero. */
const FORGET_AFTER = '1 day';

/**
 * The address a counter is kept for: an IPv4 address as it is (also when the
 * socket reports it IPv4-mapped), an IPv6 address by its /64 network, which
 * one subscriber usually holds whole.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(8 - left.length - right.length, 0)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Milliseconds to wait before the attempt after `attempts` attempts (0 below the threshold). */
const delaySql = (attempts: string, policy: ThrottlePolicy) =>
  `(CASE WHEN ${attempts} < ${policy.threshold} THEN 0
     ELSE least(${policy.firstDelayMs}::float8 * power(2, least(${attempts} - ${policy.threshold}, 40)), ${policy.maxDelayMs}) END)
   * interval '1 millisecond'`;

/**
 * Reserves one attempt, atomically: counted first (before any password is
 * checked), unless the key must wait. Concurrent attempts on the same key queue
 * on its row, so that at most `threshold` of them ever pass at once. `clock_timestamp()`
 * (not `now()`, the transaction's start) compares with what earlier attempts wrote.
 */
const reserveSql = (policy: ThrottlePolicy) => {
  const stale = `a.updated_at < clock_timestamp() - interval '${FORGET_AFTER}'`;
  const attempts = `(CASE WHEN ${stale} THEN 1 ELSE a.failures + 1 END)`;
  return `
    INSERT INTO login_attempts AS a (key, failures, next_allowed_at, updated_at)
    VALUES ($1, 1, clock_timestamp() + ${delaySql('1', policy)}, clock_timestamp())
    ON CONFLICT (key) DO UPDATE SET
      failures = ${attempts},
      next_allowed_at = clock_timestamp() + ${delaySql(attempts, policy)},
      updated_at = clock_timestamp()
    WHERE a.failures < ${policy.threshold} OR a.next_allowed_at <= clock_timestamp() OR ${stale}
    RETURNING a.failures`;
};

export type Reservation = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Slows down password guessing with counters in PostgreSQL, shared by every
 * API replica: each attempt is reserved before the password is checked (a
 * batch, parallel connections or another replica cannot get more guesses
 * evaluated than the policy allows), and given back once it succeeds.
 */
export class LoginThrottle {
  private lastCleanup = 0;

  constructor(
    private readonly pool: Pool,
    private readonly pair: ThrottlePolicy = PAIR_POLICY,
    private readonly address: ThrottlePolicy = ADDRESS_POLICY,
  ) {}

  private keys(email: string, address: string) {
    const from = addressKey(address);
    return { pair: `pair:${this.pairPrefix(email)}${from}`, address: `address:${from}` };
  }

  private pairPrefix(email: string) {
    return `${email.trim().toLowerCase()}|`;
  }

  /** An erased person's email leaves the counters at once (from every address), not a day later. */
  async forgetEmail(email: string): Promise<void> {
    await this.pool.query('DELETE FROM login_attempts WHERE starts_with(key, $1)', [
      `pair:${this.pairPrefix(email)}`,
    ]);
  }

  /** One attempt for this email from this address: counted, or refused with how long to wait. */
  async reserve(email: string, address: string): Promise<Reservation> {
    await this.cleanup();
    const keys = this.keys(email, address);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const [key, policy] of [
        [keys.pair, this.pair],
        [keys.address, this.address],
      ] as const) {
        const reserved = await client.query(reserveSql(policy), [key]);
        if (reserved.rowCount === 1) continue;
        const { rows } = await client.query<{ wait: number }>(
          `SELECT ceil(extract(epoch FROM next_allowed_at - clock_timestamp()) * 1000)::float8 AS wait
           FROM login_attempts WHERE key = $1`,
          [key],
        );
        // Nothing is counted of an attempt refused (by either counter).
        await client.query('ROLLBACK');
        return { allowed: false, retryAfterMs: Math.max(rows[0]?.wait ?? 1000, 1000) };
      }
      await client.query('COMMIT');
      return { allowed: true };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * The attempt succeeded: the pair starts afresh, the address gets this attempt
   * back (not the others). One row at a time: a statement locking both, in
   * whatever order, could deadlock with a reservation (pair, then address).
   */
  async succeeded(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    await this.pool.query('DELETE FROM login_attempts WHERE key = $1', [keys.pair]);
    await this.pool.query('UPDATE login_attempts SET failures = greatest(failures - 1, 0) WHERE key = $1', [
      keys.address,
    ]);
  }

  /**
   * Counters forgotten anyway: at most once a minute per process. Rows a
   * reservation holds are skipped, not waited for (no lock cycle with it).
   */
  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 60_000) return;
    this.lastCleanup = Date.now();
    await this.pool.query(
      `DELETE FROM login_attempts WHERE key IN (
         SELECT key FROM login_attempts WHERE updated_at < clock_timestamp() - interval '${FORGET_AFTER}'
         FOR UPDATE SKIP LOCKED)`,
    );
  }
}
