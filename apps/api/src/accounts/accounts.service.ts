import { createHash, randomBytes } from 'node:crypto';
import { OIDC_REFUSALS, type Session } from '@cls/api';
import {
  DomainError,
  fold,
  grantsOf,
  isEventOf,
  USER_EVENT_TYPES,
  type UserState,
  userDecider,
} from '@cls/domain';
import type { EventStore } from '@cls/event-store';
import { migrateOnFirstUse, type Pool } from '@cls/postgres';
import { Inject, Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { PG_POOL } from '../database/database.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PersonalDataVault } from '../personal-data/vault.js';
import { LoginThrottle } from './login-throttle.js';
import { accountMigrations } from './schema.js';
import { SessionCache } from './session-cache.js';

const SESSION_HOURS = 12;
const MIN_PASSWORD_LENGTH = 12;
/** A session opened this recently may change a password without the current one. */
const RECENT_LOGIN_MINUTES = 5;
/** How long a refused OpenID Connect identity waits for its account's password (see `login`). */
const PENDING_LINK_MINUTES = 10;

/** How long to wait, in words: seconds under a minute, minutes above. */
const waitInWords = (ms: number) =>
  ms < 60_000 ? `${Math.max(Math.ceil(ms / 1000), 1)} s` : `${Math.ceil(ms / 60_000)} min`;

type LoginRefusal = 'invalid' | 'throttled' | 'unknown_identity' | 'unverified_email' | 'link_required';

/**
 * Why a login failed: wrong credentials, too many attempts (wait `retryAfterMs`),
 * or, through OpenID Connect, an identity without account, an email the provider
 * does not vouch for, or a password account to link first (`linkToken`, kept by
 * the browser until its password login).
 */
export class LoginRefused extends Error {
  readonly retryAfterMs: number;
  readonly linkToken: string | undefined;

  constructor(
    readonly reason: LoginRefusal,
    details: { retryAfterMs?: number; linkToken?: string } = {},
  ) {
    const retryAfterMs = details.retryAfterMs ?? 0;
    super(
      reason === 'invalid'
        ? 'Adresse électronique ou mot de passe incorrect'
        : reason === 'throttled'
          ? `Trop de tentatives : réessayez dans ${waitInWords(retryAfterMs)}`
          : OIDC_REFUSALS[reason],
    );
    this.retryAfterMs = retryAfterMs;
    this.linkToken = details.linkToken;
  }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A user's stream: who they are and which roles they hold. */
const USER_STREAM_PREFIX = 'user-';

/**
 * Local accounts: argon2 password hashes and opaque session tokens (only their
 * sha256 is stored). A session's identity and roles are read from the user's
 * stream, then kept a few seconds (SessionCache): what this process changes — a
 * logout, a password, a command on the user's stream such as a revoked role —
 * drops it at once, what another replica changes takes effect within SESSION_CACHE_MS.
 */
@Injectable()
export class AccountsService {
  private readonly throttle: LoginThrottle;
  private readonly sessions = new SessionCache();
  /** Verified against when the email is unknown, so that both cases take as long. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {
    this.throttle = new LoginThrottle(pool);
    this.ensureSchema = migrateOnFirstUse(pool, 'accounts', accountMigrations);
  }

  /** Migrates on first use (again on the next one if the database was unreachable): start-up never waits for it. */
  readonly ensureSchema: () => Promise<void>;

  /** The user whose login is this address, if any (first administrator, invitations). */
  async userOfEmail(email: string): Promise<string | undefined> {
    await this.ensureSchema();
    const { rows } = await this.pool.query<{ user_id: string }>(
      'SELECT user_id FROM accounts WHERE email = lower($1)',
      [email.trim()],
    );
    return rows[0]?.user_id;
  }

  /**
   * An invited user gets an account without password: one that signs in
   * through the OpenID Connect provider (see `loginWithOidc`), or gets a
   * password from an administrator (`setPassword`). Run by the accounts reactor
   * on UserInvited; idempotent.
   */
  async invited(userId: string): Promise<void> {
    await this.ensureSchema();
    const user = await this.userState(userId);
    if (!user.exists || user.erased) return;
    await this.pool.query(
      'INSERT INTO accounts (user_id, email) VALUES ($1, lower($2)) ON CONFLICT DO NOTHING',
      [userId, (await this.vault.open(userId, user.email)).trim()],
    );
  }

  /**
   * Sets a user's password (hashed), for the address of their stream: the
   * login email is never taken from a client. Every session of theirs ends,
   * but `keepSession` (the one of the user changing their own).
   */
  async setPassword(userId: string, password: string, keepSession?: string): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError(
        'invalid_value',
        `Mot de passe : ${MIN_PASSWORD_LENGTH} caractères au moins`,
        'password',
      );
    }
    await this.ensureSchema();
    const user = await this.userState(userId);
    if (!user.exists) throw new DomainError('not_found', `Utilisateur inconnu : ${userId}`, 'userId');
    if (user.erased)
      throw new DomainError(
        'invalid_status',
        'Données personnelles effacées : ce compte est fermé',
        'userId',
      );
    const email = await this.vault.open(userId, user.email);
    await this.pool
      .query(
        `INSERT INTO accounts (user_id, email, password_hash) VALUES ($1, lower($2), $3)
         ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash`,
        [userId, email, await hash(password)],
      )
      .catch((error: unknown) => {
        // Another account's address: a refusal (409), not the database's error.
        if ((error as { code?: string }).code !== '23505') throw error;
        throw new DomainError(
          'already_exists',
          'Adresse électronique déjà utilisée par un autre compte',
          'email',
        );
      });
    await this.pool.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [
      userId,
      keepSession ? sha256(keepSession) : '',
    ]);
    this.sessions.forgetUser(userId);
  }

  /**
   * `user.setPassword` from a session: its user proves it is still them, with
   * their own current password (throttled as a login) or a login of less than
   * 5 minutes (RECENT_LOGIN_MINUTES), whether the password is their own or, for
   * an administrator, someone else's (whose current password they do not know).
   * A stolen session left open cannot take the account over.
   */
  async changePassword(change: {
    token: string | undefined;
    userId: string;
    password: string;
    currentPassword: string | undefined;
    address: string;
  }): Promise<void> {
    await this.ensureSchema();
    const { rows } = await this.pool.query<{ user_id: string; recent: boolean }>(
      `SELECT user_id, created_at > now() - interval '${RECENT_LOGIN_MINUTES} minutes' AS recent
       FROM sessions WHERE token_hash = $1 AND expires_at > now()`,
      [sha256(change.token ?? '')],
    );
    const caller = rows[0];
    if (!caller)
      throw new DomainError('invalid_status', 'Session expirée : reconnectez-vous', 'currentPassword');
    if (change.currentPassword !== undefined) {
      const account = await this.pool.query<{ email: string; password_hash: string | null }>(
        'SELECT email, password_hash FROM accounts WHERE user_id = $1',
        [caller.user_id],
      );
      const { email, password_hash: passwordHash } = account.rows[0] ?? { email: '', password_hash: null };
      const reservation = await this.throttle.reserve(email, change.address);
      if (!reservation.allowed)
        throw new LoginRefused('throttled', { retryAfterMs: reservation.retryAfterMs });
      if (!passwordHash || !(await verify(passwordHash, change.currentPassword)))
        throw new DomainError('invalid_value', 'Mot de passe actuel incorrect', 'currentPassword');
      await this.throttle.succeeded(email, change.address);
    } else if (!caller.recent) {
      throw new DomainError(
        'invalid_value',
        `Mot de passe actuel requis (ou une connexion de moins de ${RECENT_LOGIN_MINUTES} min)`,
        'currentPassword',
      );
    }
    await this.setPassword(
      change.userId,
      change.password,
      change.userId === caller.user_id ? change.token : undefined,
    );
  }

  /**
   * A new session (never an existing one: no session fixation) for valid
   * credentials. The attempt is counted before the password is checked (see
   * LoginThrottle). `pendingLink`: the token of an OpenID Connect identity
   * refused for this account, linked to it now that its password is proven.
   */
  async login(
    email: string,
    password: string,
    address: string,
    pendingLink?: string,
  ): Promise<{ token: string; session: Session }> {
    await this.ensureSchema();
    const reservation = await this.throttle.reserve(email, address);
    if (!reservation.allowed) throw new LoginRefused('throttled', { retryAfterMs: reservation.retryAfterMs });

    const { rows } = await this.pool.query<{ user_id: string; password_hash: string | null }>(
      'SELECT user_id, password_hash FROM accounts WHERE email = lower($1)',
      [email.trim()],
    );
    const account = rows[0];
    this.decoyHash ??= hash(randomBytes(16).toString('hex'));
    const valid = await verify(account?.password_hash ?? (await this.decoyHash), password);
    const session = valid && account ? await this.sessionOf(account.user_id) : undefined;
    // A failure stays counted.
    if (!account || !session) throw new LoginRefused('invalid');
    await this.throttle.succeeded(email, address);
    if (pendingLink) await this.linkPending(pendingLink, account.user_id, email);
    return { token: await this.openSession(account.user_id), session };
  }

  /** The identity a refused OpenID Connect login left for this email, linked to its account. */
  private async linkPending(token: string, userId: string, email: string): Promise<void> {
    const { rows } = await this.pool.query<{ subject: string }>(
      `DELETE FROM oidc_pending_links WHERE token_hash = $1 AND email = lower($2)
         AND created_at > now() - interval '${PENDING_LINK_MINUTES} minutes'
       RETURNING subject`,
      [sha256(token), email.trim()],
    );
    const subject = rows[0]?.subject;
    if (!subject) return;
    await this.pool
      .query('UPDATE accounts SET oidc_subject = $1 WHERE user_id = $2 AND oidc_subject IS NULL', [
        subject,
        userId,
      ])
      .catch((error: unknown) => {
        // Linked to another account meanwhile: this one stays as it is.
        if ((error as { code?: string }).code !== '23505') throw error;
      });
  }

  /**
   * Login through an OpenID Connect provider: the account is found by the
   * provider's stable subject (`sub`). The first time, an account is linked to
   * that subject by its email only if the provider vouches for the email
   * (`email_verified`) and the account was made for this way in: invited
   * without a password. A password account is linked only after its password
   * is proven (the subject waits, see `login`): otherwise whoever obtains an
   * identity at the provider with someone's address would take their account.
   */
  async loginWithOidc(
    subject: string,
    email: string | undefined,
    emailVerified: boolean,
  ): Promise<{ token: string; session: Session }> {
    await this.ensureSchema();
    const bySubject = await this.pool.query<{ user_id: string }>(
      'SELECT user_id FROM accounts WHERE oidc_subject = $1',
      [subject],
    );
    let userId = bySubject.rows[0]?.user_id;
    if (!userId && email) {
      const byEmail = await this.pool.query<{ user_id: string; has_password: boolean; linked: boolean }>(
        `SELECT user_id, password_hash IS NOT NULL AS has_password, oidc_subject IS NOT NULL AS linked
         FROM accounts WHERE email = lower($1)`,
        [email.trim()],
      );
      const account = byEmail.rows[0];
      if (account && !account.linked) {
        if (!emailVerified) throw new LoginRefused('unverified_email');
        if (account.has_password) {
          const linkToken = randomBytes(32).toString('base64url');
          await this.pool.query(
            `DELETE FROM oidc_pending_links WHERE created_at < now() - interval '${PENDING_LINK_MINUTES} minutes'`,
          );
          await this.pool.query(
            'INSERT INTO oidc_pending_links (token_hash, subject, email) VALUES ($1, $2, lower($3))',
            [sha256(linkToken), subject, email.trim()],
          );
          throw new LoginRefused('link_required', { linkToken });
        }
        const linked = await this.pool.query<{ user_id: string }>(
          `UPDATE accounts SET oidc_subject = $1
           WHERE user_id = $2 AND oidc_subject IS NULL AND password_hash IS NULL RETURNING user_id`,
          [subject, account.user_id],
        );
        userId = linked.rows[0]?.user_id;
      }
    }
    const session = userId ? await this.sessionOf(userId) : undefined;
    if (!userId || !session) throw new LoginRefused('unknown_identity');
    return { token: await this.openSession(userId), session };
  }

  /** A new opaque token; only its sha256 is stored. */
  private async openSession(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.pool.query(
      `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '${SESSION_HOURS} hours')`,
      [sha256(token), userId],
    );
    return token;
  }

  async session(token: string | undefined): Promise<Session | null> {
    if (!token) return null;
    const tokenHash = sha256(token);
    const cached = this.sessions.get(tokenHash);
    if (cached) return cached;
    const generation = this.sessions.generation;
    await this.ensureSchema();
    const { rows } = await this.pool.query<{ user_id: string; expires_at: Date }>(
      'SELECT user_id, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > now()',
      [tokenHash],
    );
    const row = rows[0];
    const session = row ? await this.sessionOf(row.user_id) : undefined;
    if (!row || !session) return null;
    this.sessions.keep(tokenHash, session, row.expires_at.getTime(), generation);
    return session;
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.ensureSchema();
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
    // After the delete: a read of the session begun before it is not kept either.
    this.sessions.forgetToken(sha256(token));
  }

  /**
   * This process appended to a stream: a user's (a role granted or revoked, an erasure)
   * changes their sessions' identity or roles, read again on their next request.
   */
  streamChanged(stream: string): void {
    if (stream.startsWith(USER_STREAM_PREFIX))
      this.sessions.forgetUser(stream.slice(USER_STREAM_PREFIX.length));
  }

  /** The user as their stream says. */
  private async userState(userId: string): Promise<UserState> {
    const events = await this.store.readStream(`${USER_STREAM_PREFIX}${userId}`);
    return fold(
      userDecider,
      events.filter((event) => isEventOf(event, USER_EVENT_TYPES)),
    );
  }

  /** Identity and current roles, folded from the user's stream; none once erased (before the account goes). */
  private async sessionOf(userId: string): Promise<Session | undefined> {
    const state = await this.userState(userId);
    if (!state.exists || state.erased) return undefined;
    // The name and email are sealed in the log: opened with the person's key.
    const [email, displayName] = await Promise.all([
      this.vault.open(userId, state.email),
      this.vault.open(userId, state.displayName),
    ]);
    return { userId, email, displayName, grants: grantsOf(state) };
  }

  /**
   * Erasure: the account (credentials, sessions) goes; the log keeps only sealed,
   * unreadable values. Run by the accounts reactor on PersonalDataErased; idempotent.
   */
  async forget(userId: string): Promise<void> {
    await this.ensureSchema();
    const { rows } = await this.pool.query<{ email: string }>(
      'DELETE FROM accounts WHERE user_id = $1 RETURNING email',
      [userId],
    );
    this.sessions.forgetUser(userId);
    // Nothing else may keep the email in clear: failed-login counters, a pending OpenID Connect link.
    for (const { email } of rows) {
      await this.throttle.forgetEmail(email);
      await this.pool.query('DELETE FROM oidc_pending_links WHERE email = lower($1)', [email]);
    }
  }
}
