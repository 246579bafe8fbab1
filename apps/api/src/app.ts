import 'reflect-metadata';
import { publicKeyPem } from '@cls/audit';
import type { EventStore } from '@cls/event-store';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { OidcSettings } from './accounts/oidc.service.js';
import { AppModule } from './app.module.js';
import { resolveLogSigningKey } from './audit/log-signing-key.js';
import { type Env, openDataDir } from './config/env.js';
import { nearestOffersRoute } from './offers/nearest-offers.js';
import { OfferIndexCache } from './offers/offer-index-cache.js';
import { PublicRateLimit } from './offers/public-rate-limit.js';
import { ReportRateLimit } from './offers/report-rate-limit.js';
import { resolveMasterKey } from './personal-data/master-key.js';
import { mountTrpc } from './trpc/trpc.js';
import { serveWebApps, type WebApp } from './web/static.js';

export interface CreateAppOptions {
  env: Env;
  databaseUrl: string;
  version: string;
  /** Silence Nest's own start-up logging (tests). */
  quiet?: boolean;
  /** Tests: a store of their own instead of the one DATABASE_URL or KURRENTDB_URL names. */
  openStore?: () => EventStore;
}

export interface PlatformApp {
  app: INestApplication;
  /** The built web apps actually served (production mode only). */
  webApps: WebApp[];
  /** Where the master key of personal data came from (for the start-up banner). */
  personalDataKey: string;
  /** Where the key that signs the log's head came from, and its public half (PEM), for the start-up banner. */
  logSigning: { origin: string; publicKey: string };
}

function oidcSettings(env: Env): OidcSettings | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI } = env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_REDIRECT_URI) return null;
  return {
    issuer: OIDC_ISSUER,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    redirectUri: OIDC_REDIRECT_URI,
    scopes: env.OIDC_SCOPES,
    label: env.OIDC_LABEL,
  };
}

/**
 * The built apps only load their own scripts and styles (maplibre's workers from
 * blob: URLs, images also from data: URLs), from no other origin, in no frame — but for
 * the deployment's basemap (MAP_STYLE_URL): its origin serves the style, tiles, sprites and glyphs.
 */
export function contentSecurityPolicy(mapStyleUrl?: string): string {
  const map = mapStyleUrl ? ` ${new URL(mapStyleUrl).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob:${map}`,
    "font-src 'self'",
    `connect-src 'self' data: blob:${map}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The audit's printable report carries its own <style> and no script. */
const REPORT_POLICY = contentSecurityPolicy()
  .replace("script-src 'self'", "script-src 'none'")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** Security headers on every answer; HSTS only over HTTPS (`req.secure`, behind a trusted proxy too). */
export function securityHeaders(mapStyleUrl?: string) {
  const policy = contentSecurityPolicy(mapStyleUrl);
  return (request: Request, response: Response, next: NextFunction): void => {
    response.setHeader(
      'Content-Security-Policy',
      request.path === '/api/audit/report.html' ? REPORT_POLICY : policy,
    );
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (request.secure)
      response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}

/** A NUL character in the path or the query (%00): 400 (PostgreSQL refuses it in text, a 500 otherwise). */
function refuseNulInUrl(request: Request, response: Response, next: NextFunction): void {
  if (request.originalUrl.includes('%00')) {
    response
      .status(400)
      .json({ statusCode: 400, error: 'Requête invalide', message: 'Caractère nul (%00) refusé' });
    return;
  }
  next();
}

/** Builds the HTTP application without listening: main.ts and the tests share it. */
export async function createApp(options: CreateAppOptions): Promise<PlatformApp> {
  const runtime = { version: options.version, environment: options.env.NODE_ENV, startedAt: new Date() };
  const masterKey = resolveMasterKey(options.env);
  const logSigning = resolveLogSigningKey(options.env);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      databaseUrl: options.databaseUrl,
      kurrentdbUrl: options.env.KURRENTDB_URL,
      openStore: options.openStore,
      oidc: oidcSettings(options.env),
      offers: {
        openDataDir: openDataDir(options.env),
        staleAfterDays: options.env.OFFER_STALE_AFTER_DAYS,
        mapStyleUrl: options.env.MAP_STYLE_URL,
      },
      runtime,
      personalDataKey: masterKey.key,
      logSigningKey: logSigning.key,
    }),
    { logger: options.quiet ? false : ['error', 'warn'] },
  );
  app.disable('x-powered-by');
  const { TRUST_PROXY } = options.env;
  if (TRUST_PROXY) {
    // req.ip and req.secure then come from X-Forwarded-For / X-Forwarded-Proto, for the trusted hops only.
    app.set(
      'trust proxy',
      /^\d+$/.test(TRUST_PROXY) ? Number(TRUST_PROXY) : TRUST_PROXY === 'true' ? true : TRUST_PROXY,
    );
  }
  app.use(securityHeaders(options.env.MAP_STYLE_URL));
  app.use(refuseNulInUrl);
  // One budget per client for REST and tRPC: a request under /api/, a procedure of /trpc.
  const publicLimit = new PublicRateLimit(options.env.PUBLIC_RATE_LIMIT);
  app.use(publicLimit.rest);
  app.use(nearestOffersRoute(app.get(OfferIndexCache)));
  mountTrpc(app, publicLimit, new ReportRateLimit(options.env.REPORT_RATE_LIMIT));
  const webApps =
    options.env.NODE_ENV === 'production'
      ? serveWebApps(app, [
          { mount: '/admin', dist: options.env.ADMIN_DIST },
          { mount: '/', dist: options.env.PORTAL_DIST },
        ])
      : [];
  // A refused start (a wrong master key…) leaves no pool nor timer behind.
  await app.init().catch(async (error: unknown) => {
    await app.close().catch(() => {});
    throw error;
  });
  return {
    app,
    webApps,
    personalDataKey: masterKey.origin,
    logSigning: { origin: logSigning.origin, publicKey: publicKeyPem(logSigning.key) },
  };
}
