import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcCall } from '../testing/security.js';
import { startTestApp } from '../testing/test-app.js';
import { provisionUser } from './provision.js';

/**
 * A minimal OpenID Connect provider on loopback, strict where it matters: the
 * PKCE verifier must match the challenge, the code is single-use, the ID token
 * is signed and carries the nonce it was given.
 */
async function startProvider(
  clientId: string,
  identity: { sub: string; email: string; email_verified?: boolean },
) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce: string; challenge: string; redirectUri: string }>();
  const provider = express();
  let issuer = '';
  provider.use(express.urlencoded({ extended: false }));
  provider.get('/.well-known/openid-configuration', (_request, response) => {
    response.json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });
  provider.get('/jwks', (_request, response) => {
    response.json({ keys: [jwk] });
  });
  provider.get('/authorize', (request, response) => {
    const query = request.query as Record<string, string>;
    if (query.client_id !== clientId || query.code_challenge_method !== 'S256' || !query.nonce) {
      response.status(400).send('bad authorization request');
      return;
    }
    const code = randomBytes(8).toString('hex');
    codes.set(code, {
      nonce: query.nonce,
      challenge: query.code_challenge ?? '',
      redirectUri: query.redirect_uri ?? '',
    });
    response.redirect(
      `${query.redirect_uri}?code=${code}&state=${query.state}&iss=${encodeURIComponent(issuer)}`,
    );
  });
  provider.post('/token', async (request, response) => {
    const body = request.body as Record<string, string>;
    const grant = codes.get(body.code ?? '');
    codes.delete(body.code ?? '');
    const challenge = createHash('sha256')
      .update(body.code_verifier ?? '')
      .digest('base64url');
    if (!grant || challenge !== grant.challenge || body.redirect_uri !== grant.redirectUri) {
      response.status(400).json({ error: 'invalid_grant' });
      return;
    }
    const idToken = await new SignJWT({
      email: identity.email,
      ...(identity.email_verified === undefined ? {} : { email_verified: identity.email_verified }),
      nonce: grant.nonce,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setSubject(identity.sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    response.json({ access_token: 'opaque', token_type: 'Bearer', expires_in: 300, id_token: idToken });
  });
  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(0, '127.0.0.1', () => resolve(listening));
  });
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, identity, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Follows the browser's journey by hand: login → provider → callback, carrying cookies. */
async function signInThroughProvider(base: string) {
  const start = await fetch(`${base}/auth/oidc/login`, { redirect: 'manual' });
  const stateCookie = start.headers.get('set-cookie')?.split(';')[0] ?? '';
  const atProvider = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
  const callback = await fetch(atProvider.headers.get('location') ?? '', {
    redirect: 'manual',
    headers: { cookie: stateCookie },
  });
  const cookies = callback.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
  const named = (name: string) =>
    cookies.find((cookie) => cookie.startsWith(`${name}=`) && cookie.length > `${name}=`.length);
  return {
    location: callback.headers.get('location') ?? '',
    session: named('cls_session'),
    pendingLink: named('cls_oidc_link'),
  };
}

describe('OpenID Connect login (ProConnect-compatible)', () => {
  const database = useTestDatabase();
  const clientId = 'plateforme-cls';
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    provider = await startProvider(clientId, {
      sub: 'proconnect-sub-42',
      email: 'camille.roux@ars.sante.fr',
    });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    ({ app } = await startTestApp(
      database.url,
      {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: clientId,
        OIDC_CLIENT_SECRET: 'secret-partage',
        OIDC_REDIRECT_URI: `${base}/auth/oidc/callback`,
      },
      port,
    ));
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  const password = 'un mot de passe assez long';
  /** The identity the provider asserts next. */
  const assert = (sub: string, email: string, verified: boolean | undefined) =>
    Object.assign(provider.identity, { sub, email, email_verified: verified });
  const me = async (cookie: string | undefined) => {
    const response = await fetch(`${base}/trpc/auth.me`, { headers: { cookie: cookie ?? '' } });
    return ((await response.json()) as { result: { data: unknown } }).result.data;
  };

  it('refuses an identity that matches no account, and opens no session', async () => {
    assert('sub-personne', 'personne@ars.sante.fr', true);
    const { location, session } = await signInThroughProvider(base);
    expect(location).toBe('/admin/?erreur=unknown_identity');
    expect(session).toBeUndefined();
  });

  it('links an account invited for the provider (no password) when the provider vouches for its email', async () => {
    await provisionUser(app, {
      userId: 'camille',
      email: 'camille.roux@ars.sante.fr',
      displayName: 'Camille Roux',
      grants: [{ role: 'coordinator', contractId: 'cls-coeur-herault-2024' }],
    });
    // Not vouched for (absent, or false): refused, and nothing linked.
    for (const verified of [undefined, false]) {
      assert('proconnect-sub-usurpateur', 'camille.roux@ars.sante.fr', verified);
      const refused = await signInThroughProvider(base);
      expect(refused.location).toBe('/admin/?erreur=unverified_email');
      expect(refused.session).toBeUndefined();
    }
    assert('proconnect-sub-42', 'camille.roux@ars.sante.fr', true);
    const first = await signInThroughProvider(base);
    expect(first.location).toBe('/admin/');
    expect(await me(first.session)).toMatchObject({ userId: 'camille', grants: [{ role: 'coordinator' }] });
    // The email may change at the provider: the subject keeps matching.
    assert('proconnect-sub-42', 'c.roux@ars.sante.fr', false);
    expect((await signInThroughProvider(base)).location).toBe('/admin/');
    // The earlier, unverified subject is still nobody's.
    assert('proconnect-sub-usurpateur', 'camille.roux@ars.sante.fr', true);
    expect((await signInThroughProvider(base)).location).toBe('/admin/?erreur=unknown_identity');
  });

  it('refuses an email the provider does not vouch for, even for an account it would match', async () => {
    await provisionUser(app, {
      userId: 'alix',
      email: 'alix@exemple.fr',
      displayName: 'Alix',
      grants: [{ role: 'admin' }],
      password,
    });
    for (const verified of [undefined, false]) {
      // Any provider account may claim any address: without `email_verified`, it is only a claim.
      assert('sub-alix-usurpe', 'alix@exemple.fr', verified);
      const attempt = await signInThroughProvider(base);
      expect(attempt.location).toBe('/admin/?erreur=unverified_email');
      expect(attempt.session).toBeUndefined();
      expect(attempt.pendingLink).toBeUndefined();
    }
  });

  it('does not take over a password account: refused until its password, proven in the same browser, links it', async () => {
    await provisionUser(app, {
      userId: 'dominique',
      email: 'dominique@exemple.fr',
      displayName: 'Dominique',
      grants: [{ role: 'admin' }],
      password,
    });
    assert('proconnect-sub-dominique', 'dominique@exemple.fr', true);
    const refused = await signInThroughProvider(base);
    expect(refused.location).toBe('/admin/?erreur=link_required');
    expect(refused.session).toBeUndefined();
    expect(refused.pendingLink).toBeTruthy();

    // A password login elsewhere (without this browser's pending link) links nothing.
    expect(
      (await trpcCall(base, 'mutation', 'auth.login', { email: 'dominique@exemple.fr', password })).status,
    ).toBe(200);
    // A wrong password with the pending link: nothing linked either.
    const wrong = await trpcCall(
      base,
      'mutation',
      'auth.login',
      { email: 'dominique@exemple.fr', password: 'pas le bon mot de passe' },
      { headers: { cookie: refused.pendingLink ?? '' } },
    );
    expect(wrong.status).toBe(401);
    expect((await signInThroughProvider(base)).location).toBe('/admin/?erreur=link_required');

    // The provider's identity, then the password, in one browser: linked.
    const again = await signInThroughProvider(base);
    const linked = await trpcCall(
      base,
      'mutation',
      'auth.login',
      { email: 'dominique@exemple.fr', password },
      { headers: { cookie: again.pendingLink ?? '' } },
    );
    expect(linked.status).toBe(200);
    // The pending link's cookie is cleared.
    expect(linked.headers.getSetCookie().join()).toMatch(/cls_oidc_link=;/);
    const viaProvider = await signInThroughProvider(base);
    expect(viaProvider.location).toBe('/admin/');
    expect(await me(viaProvider.session)).toMatchObject({ userId: 'dominique' });
  });

  it('says which login providers exist', async () => {
    const response = await fetch(`${base}/trpc/auth.providers`);
    expect(((await response.json()) as { result: { data: unknown } }).result.data).toEqual({
      oidc: { label: 'ProConnect', loginUrl: '/auth/oidc/login' },
    });
  });

  it('refuses a callback whose state does not come from this browser, with a code and no text', async () => {
    const response = await fetch(
      `${base}/auth/oidc/callback?code=forged&state=forged&error_description=${encodeURIComponent('Appelez le 08 99')}`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/admin/?erreur=failed');
  });
});
