import type { Pool } from '@cls/postgres';
import { Inject, Injectable } from '@nestjs/common';
import * as client from 'openid-client';
import { PG_POOL } from '../database/database.module.js';
import { AccountsService, LoginRefused } from './accounts.service.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string;
  label: string;
}

/** Injection token: the OpenID Connect settings, or null when OIDC login is off. */
export const OIDC_SETTINGS = Symbol('OIDC_SETTINGS');

/** How long a login may stay at the provider before its state expires. */
const LOGIN_TTL_MINUTES = 10;

/**
 * OpenID Connect login (authorization code flow with PKCE, state and nonce), as
 * ProConnect expects it. The provider is discovered once; plain HTTP is accepted
 * only for a provider on this machine (development and tests).
 */
@Injectable()
export class OidcService {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    @Inject(OIDC_SETTINGS) readonly settings: OidcSettings | null,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(AccountsService) private readonly accounts: AccountsService,
  ) {}

  private config(settings: OidcSettings): Promise<client.Configuration> {
    const issuer = new URL(settings.issuer);
    const local = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    this.configuration ??= client
      .discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
        ...(local && issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  /** Where to send the browser, and the state to keep in its cookie until it comes back. */
  async startLogin(): Promise<{ url: URL; state: string }> {
    const settings = this.required();
    const config = await this.config(settings);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    await this.accounts.ensureSchema();
    await this.pool.query(
      `DELETE FROM oidc_logins WHERE created_at < now() - interval '${LOGIN_TTL_MINUTES} minutes'`,
    );
    await this.pool.query('INSERT INTO oidc_logins (state, nonce, code_verifier) VALUES ($1, $2, $3)', [
      state,
      nonce,
      verifier,
    ]);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    return { url, state };
  }

  /** The provider sent the browser back to `callbackUrl`: check everything, then open a session. */
  async completeLogin(callbackUrl: URL, stateFromCookie: string | undefined) {
    const settings = this.required();
    if (!stateFromCookie) throw new LoginRefused('invalid');
    const { rows } = await this.pool.query<{ nonce: string; code_verifier: string }>(
      `DELETE FROM oidc_logins WHERE state = $1 AND created_at > now() - interval '${LOGIN_TTL_MINUTES} minutes'
       RETURNING nonce, code_verifier`,
      [stateFromCookie],
    );
    const login = rows[0];
    if (!login) throw new LoginRefused('invalid');
    const tokens = await client.authorizationCodeGrant(await this.config(settings), callbackUrl, {
      expectedState: stateFromCookie,
      expectedNonce: login.nonce,
      pkceCodeVerifier: login.code_verifier,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new LoginRefused('invalid');
    return this.accounts.loginWithOidc(
      claims.sub,
      typeof claims.email === 'string' ? claims.email : undefined,
      // Only an explicit `true` (ProConnect sends it for the agents' addresses it checked).
      claims.email_verified === true,
    );
  }

  private required(): OidcSettings {
    if (!this.settings) throw new Error('connexion OpenID Connect non configurée (OIDC_ISSUER)');
    return this.settings;
  }
}
