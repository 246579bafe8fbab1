import { randomUUID } from 'node:crypto';
import {
  type ApiContext,
  appRouter,
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  isUnbatchable,
  MAX_BATCH_SIZE,
  type Session,
} from '@cls/api';
import { businessDay } from '@cls/domain';
import type { EventStore } from '@cls/event-store';
import type { Pool } from '@cls/postgres';
import type { ProjectionRunner, ReadModelQueries } from '@cls/projections';
import type { INestApplication } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { TRPCError } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import type { NextFunction, Request, Response } from 'express';
import { AccountsService, LoginRefused } from '../accounts/accounts.service.js';
import { OidcService } from '../accounts/oidc.service.js';
import { AuditService } from '../audit/audit.service.js';
import { LogIndexKeeper } from '../audit/log-index-keeper.js';
import { CommandBatches } from '../commands/command-batches.js';
import { DomainCommand } from '../commands/domain-command.js';
import { PG_POOL } from '../database/database.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { OfferDirectory } from '../offers/offer-directory.js';
import { clientOf, type PublicRateLimit } from '../offers/public-rate-limit.js';
import type { ReportRateLimit } from '../offers/report-rate-limit.js';
import { withPersonalDataOpened } from '../personal-data/opened-read-models.js';
import { PersonalDataVault } from '../personal-data/vault.js';
import { PROJECTION_RUNNER, READ_MODELS } from '../projections/projections.module.js';
import { GetSystemInfo } from '../system/system-info.query.js';
import { ContractOfStream } from './contract-of.js';
import {
  isCrossSite,
  OIDC_LINK_COOKIE,
  readCookie,
  readSessionCookie,
  writeOidcLinkCookie,
  writeSessionCookie,
} from './session-cookie.js';

/** The largest request body /trpc reads; the CSV import sends one command a request. */
export const MAX_BODY_BYTES = 1024 * 1024;

const ROLE_PRECEDENCE = ['admin', 'coordinator', 'pilot', 'evaluator', 'auditor', 'ars', 'elected'] as const;

/** Who a resident's report is recorded as: nobody's account (see PLATFORM_ACTOR_NAMES). */
const PUBLIC_ACTOR = { id: 'public', role: 'public' } as const;

/** The role recorded as the actor of a command: the strongest the user holds. */
const actorRole = (session: Session) =>
  ROLE_PRECEDENCE.find((role) => session.grants.some((grant) => grant.role === role)) ?? 'user';

/**
 * Mounts the tRPC routers of @cls/api at /trpc; their context dispatches to the CQRS buses and the accounts,
 * and spends the public calls of each procedure from `publicLimit`, the residents' reports from `reportLimit`.
 */
export function mountTrpc(
  app: INestApplication,
  publicLimit: PublicRateLimit,
  reportLimit: ReportRateLimit,
): void {
  const queryBus = app.get(QueryBus);
  const commandBus = app.get(CommandBus);
  const accounts = app.get(AccountsService);
  const oidc = app.get(OidcService);
  const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
  const readModelQueries = app.get<ReadModelQueries>(READ_MODELS);
  const vault = app.get(PersonalDataVault);
  const logIndex = app.get(LogIndexKeeper);
  const readModels: ApiContext['readModels'] = {
    // The read models, and the index of a log that cannot search itself (the audit reads it).
    waitFor: async (position) =>
      (await runner.waitFor(position, 3000)) && (await logIndex.caughtUp(position, 3000)),
    // People's names and emails are sealed in the log and its read models: opened here, for who may read them.
    queries: withPersonalDataOpened(readModelQueries, vault),
  };
  const store = app.get<EventStore>(EVENT_STORE);
  const offers = app.get(OfferDirectory);
  const audit = app.get(AuditService);
  const batches = new CommandBatches(app.get<Pool>(PG_POOL));
  const contracts = new ContractOfStream(store);

  app.use('/trpc', (request: Request, response: Response, next: NextFunction) => {
    if (!isCrossSite(request)) return next();
    response.status(403).json({ error: { message: 'Requête d’un autre site refusée (protection CSRF)' } });
  });

  // One password checked per request: no login in a batch, and batches of a bounded size
  // (tRPC's own maxBatchSize below answers in English; this says why, in French). The
  // paths are read as tRPC reads them: the last segment, percent-decoded, split on commas
  // (whatever `batch` says: a single call has no comma).
  app.use('/trpc', (request: Request, response: Response, next: NextFunction) => {
    let paths: string[];
    try {
      paths = decodeURIComponent(request.path.slice(request.path.lastIndexOf('/') + 1)).split(',');
    } catch {
      return next(); // Malformed: tRPC refuses it (400).
    }
    const refusal =
      paths.length > 1 && paths.some(isUnbatchable)
        ? 'Lot refusé : la connexion et les mots de passe se traitent une à la fois, en requêtes séparées'
        : paths.length > MAX_BATCH_SIZE
          ? `Lot refusé : ${MAX_BATCH_SIZE} appels au plus par requête`
          : undefined;
    if (!refusal) return next();
    response
      .status(400)
      .json({ error: { message: refusal, data: { code: 'BAD_REQUEST', httpStatus: 400 } } });
  });

  // tRPC takes a body given as text as it is; otherwise it bridges the request's stream into a web
  // stream, chunk by chunk. A body whose declared length is within the limit is read here; any other
  // (over the limit: tRPC's 413 before reading it whole; without a length) goes to tRPC as before.
  app.use('/trpc', (request: Request, _response: Response, next: NextFunction) => {
    const length = Number(request.headers['content-length']);
    if (request.method !== 'POST' || !Number.isSafeInteger(length) || length > MAX_BODY_BYTES) return next();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => {
      request.body = Buffer.concat(chunks).toString('utf8');
      next();
    });
    request.once('error', next);
  });

  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      // A command is a few kilobytes: a larger body is refused (413) before it is read whole.
      maxBodySize: MAX_BODY_BYTES,
      // A 500 says nothing of its cause to the caller (INTERNAL_ERROR_MESSAGE): the server's log does.
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          console.error(`tRPC ${path ?? '?'} :`, error.cause ?? error);
      },
      // The portal's public queries may be cached by browsers and the edge for a minute.
      responseMeta: ({ paths, type, errors }) =>
        type === 'query' && errors.length === 0 && paths?.every((path) => path.startsWith('portal.'))
          ? { headers: new Headers({ 'Cache-Control': 'public, max-age=60, stale-while-revalidate=300' }) }
          : {},
      createContext: async ({ req, res }): Promise<ApiContext> => {
        const token = readSessionCookie(req);
        const address = req.ip ?? req.socket.remoteAddress ?? '';
        /** A refused login (or current password) as its HTTP error: 401, or 429 with Retry-After. */
        const refusalOf = (error: unknown) => {
          if (!(error instanceof LoginRefused)) return error;
          if (error.reason === 'throttled')
            res.setHeader('Retry-After', Math.ceil(error.retryAfterMs / 1000));
          return new TRPCError({
            code: error.reason === 'throttled' ? 'TOO_MANY_REQUESTS' : 'UNAUTHORIZED',
            message: error.message,
          });
        };
        const minPosition = Number(req.headers['x-cls-min-position']);
        // A batch of commands (a CSV import) sends back the correlation id the server issued it.
        const correlation = req.headers['x-cls-correlation-id'];
        const correlationHeader = typeof correlation === 'string' ? correlation : undefined;
        return {
          readModels,
          offers,
          audit,
          minPosition: Number.isSafeInteger(minPosition) && minPosition > 0 ? minPosition : 0,
          spendPublicCall() {
            const refusal = publicLimit.spend(clientOf(req));
            if (refusal) res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
            return refusal?.message;
          },
          offerReports: {
            spend() {
              const refusal = reportLimit.spend(clientOf(req));
              if (refusal) res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
              return refusal?.message;
            },
            record: (fields) =>
              commandBus.execute(
                new DomainCommand(
                  { type: 'ReportOfferError', reportId: randomUUID(), ...fields, reportedOn: businessDay() },
                  { actor: PUBLIC_ACTOR, commandId: randomUUID(), mayBeRetry: false },
                ),
              ),
          },
          system: { info: () => queryBus.execute(new GetSystemInfo()) },
          session: await accounts.session(token).catch((error: unknown) => {
            // No database, no session: a 503 to retry rather than a 500.
            if (!isDatabaseUnavailable(error)) throw error;
            throw new TRPCError({
              code: 'SERVICE_UNAVAILABLE',
              message: DATABASE_UNAVAILABLE_MESSAGE,
              cause: error,
            });
          }),
          auth: {
            async login(email, password) {
              try {
                // An OpenID Connect identity refused for this account waits for its password: linked now.
                const pendingLink = readCookie(req, OIDC_LINK_COOKIE);
                const opened = await accounts.login(email, password, address, pendingLink);
                writeSessionCookie(req, res, opened.token);
                if (pendingLink) writeOidcLinkCookie(req, res, undefined);
                return opened.session;
              } catch (error) {
                throw refusalOf(error);
              }
            },
            async logout() {
              await accounts.logout(token);
              writeSessionCookie(req, res, undefined);
            },
            async setPassword(userId, password, currentPassword) {
              await accounts
                .changePassword({ token, userId, password, currentPassword, address })
                .catch((error: unknown) => {
                  throw refusalOf(error);
                });
            },
            providers: () => ({
              oidc: oidc.settings ? { label: oidc.settings.label, loginUrl: '/auth/oidc/login' } : null,
            }),
          },
          commands: {
            execute: async (command, { commandId, expectedRevision }, actor) =>
              commandBus.execute(
                new DomainCommand(command, {
                  actor: { id: actor.userId, role: actorRole(actor) },
                  commandId: commandId ?? randomUUID(),
                  mayBeRetry: commandId !== undefined,
                  ...(expectedRevision === undefined ? {} : { expectedRevision }),
                  ...(await batches.resolve(correlationHeader, actor.userId)),
                }),
              ),
            beginBatch: (label, actor) => batches.begin(actor.userId, label),
          },
          contractOf: (stream) => contracts.of(stream),
        };
      },
    }),
  );
}
