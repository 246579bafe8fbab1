import type { Migration } from '@cls/postgres';

/**
 * Credentials and sessions are not events: a password hash or a session token
 * has no place in a log that auditors export. Who the user is and which roles
 * they hold live in the `user-…` streams; this table only links a login (email,
 * password hash, OIDC subject) to that user id.
 */
export const accountMigrations: Migration[] = [
  {
    version: 1,
    name: 'accounts and sessions',
    sql: `
      CREATE TABLE accounts (
        user_id text PRIMARY KEY,
        email text NOT NULL UNIQUE,
        password_hash text,
        oidc_subject text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE sessions (
        token_hash char(64) PRIMARY KEY,
        user_id text NOT NULL REFERENCES accounts (user_id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);
    `,
  },
  {
    version: 2,
    name: 'OpenID Connect logins in progress',
    // State, nonce and PKCE verifier of a login sent to the provider, until it
    // comes back (any replica may receive the callback).
    sql: `
      CREATE TABLE oidc_logins (
        state text PRIMARY KEY,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 3,
    name: 'login throttle, pending OpenID Connect links',
    // Failed-login counters shared by every replica (see login-throttle.ts), and
    // the provider subjects waiting for their account's password to be linked
    // (a refused OpenID Connect login of a password account, see oidc.service.ts).
    sql: `
      CREATE TABLE login_attempts (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        next_allowed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX login_attempts_updated ON login_attempts (updated_at);
      CREATE TABLE oidc_pending_links (
        token_hash char(64) PRIMARY KEY,
        subject text NOT NULL,
        email text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
