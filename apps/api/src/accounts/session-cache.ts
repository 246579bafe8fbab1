import type { Session } from '@cls/api';

/**
 * How long a session this process read (its token still valid, its user's identity and
 * roles) is used without asking the database again. What this process changes — a
 * logout, a password set, an account erased, a command on a user's stream (a role
 * granted or revoked, an erasure) — drops it at once; what another replica changes
 * reaches this one within this bound.
 */
export const SESSION_CACHE_MS = 5_000;

interface Cached {
  session: Session;
  /** Date.now() after which the session is read again. */
  until: number;
}

/**
 * Sessions read recently, by the sha256 of their token. A read that began before a
 * change (`generation` taken before it) is not kept after it: the database may have
 * answered it with what the change removed.
 */
export class SessionCache {
  private readonly sessions = new Map<string, Cached>();
  private changes = 0;

  constructor(
    private readonly ttlMs = SESSION_CACHE_MS,
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Taken before reading a session from the database, handed back to `keep`. */
  get generation(): number {
    return this.changes;
  }

  get(tokenHash: string): Session | undefined {
    const cached = this.sessions.get(tokenHash);
    if (!cached) return undefined;
    if (cached.until > this.now()) return cached.session;
    this.sessions.delete(tokenHash);
    return undefined;
  }

  /** Keeps a session read from the database, unless something changed since `generation`; never past `expiresAt`. */
  keep(tokenHash: string, session: Session, expiresAt: number, generation: number): void {
    if (generation !== this.changes) return;
    const until = Math.min(this.now() + this.ttlMs, expiresAt);
    this.sessions.delete(tokenHash);
    this.sessions.set(tokenHash, { session, until });
    if (this.sessions.size > this.capacity) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
  }

  /** One session ended (a logout). */
  forgetToken(tokenHash: string): void {
    this.changes += 1;
    this.sessions.delete(tokenHash);
  }

  /** Every session of this user: their sessions ended, or their identity or roles changed. */
  forgetUser(userId: string): void {
    this.changes += 1;
    for (const [tokenHash, cached] of this.sessions)
      if (cached.session.userId === userId) this.sessions.delete(tokenHash);
  }
}
