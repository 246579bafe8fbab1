import { createHash, randomBytes } from 'node:crypto';
import type { Session } from '@cls/api';
import { DomainError, fold, grantsOf, userDecider } from '@cls/domain';
import type { EventStore } from '@cls/event-store';
import { migrate, type Pool } from '@cls/postgres';
import { Inject, Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { PG_POOL } from '../database/database.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PersonalDataVault } from '../personal-data/vault.js';
import { LoginThrottle } from './login-throttle.js';
import { accountMigrations } from './schema.js';

const SESSION_HOURS = 12;
const MIN_PASSWORD_LENGTH = 12;

/** Why a login failed: wrong credentials, too many attempts (wait `retryAfterMs`), or an identity without account. */
export class LoginRefused extends Error {
  constructor(
    readonly reason: 'invalid' | 'throttled' | 'unknown_identity',
    readonly retryAfterMs = 0,
  ) {
    super(
      reason === 'invalid'
        ? 'Adresse électronique ou mot de passe incorrect'
        : reason === 'throttled'
          ? `Trop de tentatives : réessayez dans ${Math.ceil(retryAfterMs / 60_000)} min`
          : 'Aucun compte de la plateforme ne correspond à cette identité : demandez à un administrateur de vous inviter',
    );
  }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Local accounts: argon2 password hashes and opaque session tokens (only their
 * sha256 is stored). A session's identity and roles are read from the user's
 * stream on each request, so a revoked role takes effect at once.
 */
@Injectable()
export class AccountsService {
  private readonly throttle = new LoginThrottle();
  /** Verified against when the email is unknown, so that both cases take as long. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  private schemaReady: Promise<unknown> | undefined;

  /** Migrates on first use (again on the next one if the database was unreachable): start-up never waits for it. */
  ensureSchema(): Promise<unknown> {
    this.schemaReady ??= migrate(this.pool, 'accounts', accountMigrations).catch((error: unknown) => {
      this.schemaReady = undefined;
      throw error;
    });
    return this.schemaReady;
  }

  async setPassword(userId: string, email: string, password: string): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError(
        'invalid_value',
        `Mot de passe : ${MIN_PASSWORD_LENGTH} caractères au moins`,
        'password',
      );
    }
    await this.ensureSchema();
    await this.pool
      .query(
        `INSERT INTO accounts (user_id, email, password_hash) VALUES ($1, lower($2), $3)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, password_hash = EXCLUDED.password_hash`,
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
  }

  /** A new session (never an existing one: no session fixation) for valid credentials. */
  async login(
    email: string,
    password: string,
    address: string,
  ): Promise<{ token: string; session: Session }> {
    const keys = [`email:${email.trim().toLowerCase()}`, `address:${address}`];
    const wait = this.throttle.retryAfter(keys);
    if (wait > 0) throw new LoginRefused('throttled', wait);
    await this.ensureSchema();

    const { rows } = await this.pool.query<{ user_id: string; password_hash: string | null }>(
      'SELECT user_id, password_hash FROM accounts WHERE email = lower($1)',
      [email.trim()],
    );
    const account = rows[0];
    this.decoyHash ??= hash(randomBytes(16).toString('hex'));
    const valid = await verify(account?.password_hash ?? (await this.decoyHash), password);
    const session = valid && account ? await this.sessionOf(account.user_id) : undefined;
    if (!account || !session) {
      this.throttle.fail(keys);
      throw new LoginRefused('invalid');
    }
    this.throttle.succeed(keys);
    return { token: await this.openSession(account.user_id), session };
  }

  /**
   * Login through an OpenID Connect provider: the account is found by the
   * provider's stable subject (`sub`). The first time, an account provisioned
   * with the same email (as the provider asserts it) is linked to that subject.
   */
  async loginWithOidc(
    subject: string,
    email: string | undefined,
  ): Promise<{ token: string; session: Session }> {
    await this.ensureSchema();
    const bySubject = await this.pool.query<{ user_id: string }>(
      'SELECT user_id FROM accounts WHERE oidc_subject = $1',
      [subject],
    );
    let userId = bySubject.rows[0]?.user_id;
    if (!userId && email) {
      const linked = await this.pool.query<{ user_id: string }>(
        'UPDATE accounts SET oidc_subject = $1 WHERE email = lower($2) AND oidc_subject IS NULL RETURNING user_id',
        [subject, email],
      );
      userId = linked.rows[0]?.user_id;
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
    await this.ensureSchema();
    const { rows } = await this.pool.query<{ user_id: string }>(
      'SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > now()',
      [sha256(token)],
    );
    const userId = rows[0]?.user_id;
    return userId ? ((await this.sessionOf(userId)) ?? null) : null;
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.ensureSchema();
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
  }

  /** Identity and current roles, folded from the user's stream. */
  private async sessionOf(userId: string): Promise<Session | undefined> {
    const events = await this.store.readStream(`user-${userId}`);
    if (events.length === 0) return undefined;
    const state = fold(userDecider, events as never);
    // The name and email are sealed in the log: opened with the person's key.
    const [email, displayName] = await Promise.all([
      this.vault.open(userId, state.email),
      this.vault.open(userId, state.displayName),
    ]);
    return { userId, email, displayName, grants: grantsOf(state) };
  }

  /** Erasure: the account (credentials, sessions) goes; the log keeps only sealed, unreadable values. */
  async forget(userId: string): Promise<void> {
    await this.ensureSchema();
    await this.pool.query('DELETE FROM accounts WHERE user_id = $1', [userId]);
  }
}
