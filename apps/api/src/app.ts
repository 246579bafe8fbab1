import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OidcSettings } from './accounts/oidc.service.js';
import { AppModule } from './app.module.js';
import { type Env, openDataDir } from './config/env.js';
import { publicRateLimit } from './offers/public-rate-limit.js';
import { mountTrpc } from './trpc/trpc.js';
import { serveWebApps, type WebApp } from './web/static.js';

export interface CreateAppOptions {
  env: Env;
  databaseUrl: string;
  version: string;
  /** Silence Nest's own start-up logging (tests). */
  quiet?: boolean;
}

export interface PlatformApp {
  app: INestApplication;
  /** The built web apps actually served (production mode only). */
  webApps: WebApp[];
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

/** Builds the HTTP application without listening: main.ts and the tests share it. */
export async function createApp(options: CreateAppOptions): Promise<PlatformApp> {
  const runtime = { version: options.version, environment: options.env.NODE_ENV, startedAt: new Date() };
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      databaseUrl: options.databaseUrl,
      kurrentdbUrl: options.env.KURRENTDB_URL,
      oidc: oidcSettings(options.env),
      offers: { openDataDir: openDataDir(options.env), staleAfterDays: options.env.OFFER_STALE_AFTER_DAYS },
      runtime,
    }),
    { logger: options.quiet ? false : ['error', 'warn'] },
  );
  app.disable('x-powered-by');
  app.use(publicRateLimit(options.env.PUBLIC_RATE_LIMIT));
  mountTrpc(app);
  const webApps =
    options.env.NODE_ENV === 'production'
      ? serveWebApps(app, [
          { mount: '/admin', dist: options.env.ADMIN_DIST },
          { mount: '/', dist: options.env.PORTAL_DIST },
        ])
      : [];
  await app.init();
  return { app, webApps };
}
