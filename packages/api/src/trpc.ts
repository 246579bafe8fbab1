import type { ContractSnapshot, EvaluationReport, SnapshotChange } from '@cls/audit';
import {
  DomainError,
  type DomainErrorCode,
  type EvaluationSeal,
  type OfferErrorReportFieldsSchema,
} from '@cls/domain';
import type { ReadModelQueries } from '@cls/projections';
import { initTRPC, type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type {
  AuditEvent,
  Integrity,
  ReplayCheck,
  ReportInput,
  TimeAxis,
  TimelineFilter,
} from './audit/schemas.js';
import type { Session } from './auth/session.js';
import type { CommandKeys, CommandResult } from './commands/command-result.js';
import type {
  Commune,
  Epci,
  OfferList,
  OfferListItem,
  OfferRecord,
  OfferSearch,
  OfferSearchResult,
  PublicContract,
  PublicContractSummary,
} from './portal/schemas.js';
import type { SystemInfo } from './system/schemas.js';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './unavailable.js';

/**
 * What the routers need from the host. The host (apps/api) implements it with
 * its command and query buses and its accounts; tests implement it with plain objects.
 */
export interface ApiContext {
  system: {
    info(): Promise<SystemInfo>;
  };
  /** The signed-in user, or null. */
  session: Session | null;
  auth: {
    /** Checks the credentials and opens a new session (sets its cookie). */
    login(email: string, password: string): Promise<Session>;
    logout(): Promise<void>;
    /**
     * Sets a user's password (the login email stays the one of their stream). The
     * caller proves it is still them: `currentPassword` (their own), or a recent login.
     */
    setPassword(userId: string, password: string, currentPassword: string | undefined): Promise<void>;
    /** Other ways to sign in than a password (OpenID Connect / ProConnect when configured). */
    providers(): { oidc: { label: string; loginUrl: string } | null };
  };
  commands: {
    /**
     * Runs a domain command; `commandId` makes retries safe (generated when absent);
     * `expectedRevision` (the revision of the aggregate's stream the sender saw) refuses it
     * with the store's WrongExpectedRevision (409) when the stream is elsewhere.
     */
    execute(command: { type: string }, keys: CommandKeys, actor: Session): Promise<CommandResult>;
    /** A correlation id for a batch of commands, issued by the server (see batch-router.ts). */
    beginBatch(label: string, actor: Session): Promise<string>;
  };
  /** The contract an aggregate's stream belongs to (for coordinators' scope). */
  contractOf(stream: string): Promise<string | undefined>;
  readModels: {
    /** Resolves once every projection has passed `position` (false after a bounded wait). */
    waitFor(position: number): Promise<boolean>;
    queries: Pick<
      ReadModelQueries,
      | 'contracts'
      | 'contractOverview'
      | 'contractSetup'
      | 'plan'
      | 'amendments'
      | 'actions'
      | 'action'
      | 'conventions'
      | 'meetings'
      | 'evaluations'
      | 'deliverables'
      | 'uncataloguedMeasures'
      | 'indicatorCatalogue'
      | 'means'
      | 'users'
      | 'offersOfAction'
      | 'organisations'
      | 'governanceBodies'
      | 'offerReports'
      | 'offerReport'
    >;
  };
  /** Residents' reports of errors on offers (the portal's « Signaler une erreur »). */
  offerReports: {
    /**
     * Counts one report of this client's address against the reports' own, stricter
     * limit (the host sets Retry-After): the refusal's message once it is spent.
     */
    spend(): string | undefined;
    /**
     * Records a resident's report through the command side as the anonymous public
     * actor (never an account), with a new report id and today's date in Paris.
     */
    record(fields: z.output<typeof OfferErrorReportFieldsSchema>): Promise<CommandResult>;
  };
  /** The public directory of health offers and the contracts' public pages. */
  offers: {
    search(search: OfferSearch): Promise<OfferSearchResult>;
    /** For coordinators: closed offers too. */
    list(filter: OfferList): Promise<{ items: OfferListItem[]; total: number }>;
    /** Closed offers too, with when and why (the portal's output leaves that out). */
    offer(id: string): Promise<OfferRecord | undefined>;
    communes(query: string, limit: number): Promise<Commune[]>;
    /** EPCI of the open data by name, with their communes. */
    epcis(query: string, limit: number): Promise<Epci[]>;
    publicContracts(): Promise<PublicContractSummary[]>;
    publicContract(contractId: string): Promise<PublicContract | undefined>;
    /** The INSEE codes of the open data's CLS territory a contract's territory name names (none if none). */
    territoryCommunes(territoryName: string): string[];
  };
  /** The audit's questions to the log (see audit/router.ts). */
  audit: {
    timeline(filter: TimelineFilter): Promise<{ events: AuditEvent[]; nextBefore: number | null }>;
    facets(): Promise<{
      contracts: Array<{ id: string; name: string }>;
      categories: string[];
      types: string[];
      actors: Array<{ id: string; name: string | null; role: string; events: number }>;
    }>;
    /** The events at these positions (the evidence of a figure), in log order. */
    events(positions: number[]): Promise<AuditEvent[]>;
    chain(
      position: number,
    ): Promise<{ event: AuditEvent; correlated: AuditEvent[]; causes: AuditEvent[] } | undefined>;
    stream(
      stream: string,
    ): Promise<{ stream: string; events: Array<AuditEvent & { stateAfter: unknown }> } | undefined>;
    asOf(input: {
      contractId: string;
      date: string;
      time?: TimeAxis;
    }): Promise<AuditAnswer['asOf'] | undefined>;
    diff(input: {
      contractId: string;
      from: string;
      to: string;
      time?: TimeAxis;
    }): Promise<AuditAnswer['diff']>;
    report(input: ReportInput): Promise<AuditAnswer['report'] | undefined>;
    /**
     * Seals a publication: the SHA-256 of the evaluation's report as the log renders it
     * now, the log position it covers, signed with the log's key. Undefined: no such evaluation.
     */
    sealPublication(evaluationId: string): Promise<EvaluationSeal | undefined>;
    /** A published evaluation's seal checked: its report re-derived from the log up to the position it covers. */
    publication(evaluationId: string): Promise<PublicationCheck | undefined>;
    integrity(): Promise<Integrity>;
    verify(): Promise<Integrity>;
    replayCheck(): Promise<ReplayCheck>;
  };
  /** The last position this client saw a command reach: its reads wait for it (read-your-writes). */
  minPosition: number;
  /**
   * Counts one call against this client's budget of public calls (the host's public
   * rate limit, which sets Retry-After): the refusal's message once it is spent.
   */
  spendPublicCall(): string | undefined;
}

/**
 * A publication re-checked by a later replay: the hash sealed at publication, the
 * hash of the report re-derived now from the log up to the position it covers,
 * and whether the seal's signature holds.
 */
export interface PublicationCheck {
  evaluationId: string;
  contractId: string;
  year: number;
  publishedOn: string | null;
  /** Null: not published, or published before publications were sealed. */
  seal: EvaluationSeal | null;
  recomputedHash: string | null;
  signature: 'valid' | 'invalid' | 'unknown-key' | null;
  intact: boolean;
  /** In French: « Rapport publié intact », or what fails. */
  verdict: string;
}

/** What the audit computes from events (packages/audit): a contract as of a date, a diff, a report. */
export interface AuditAnswer {
  asOf: ContractSnapshot;
  /** What changed between two dates, and the events in between. */
  diff: { changes: SnapshotChange[]; events: AuditEvent[] };
  report: EvaluationReport;
}

const HTTP_CODE_OF_DOMAIN_ERROR: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  not_found: 'NOT_FOUND',
  already_exists: 'CONFLICT',
  already_done: 'CONFLICT',
  invalid_status: 'CONFLICT',
  invalid_value: 'BAD_REQUEST',
  needs_amendment: 'CONFLICT',
};

/** The event store's optimistic-concurrency refusal (duck-typed: the API does not depend on the store). */
const isRevisionConflict = (error: unknown): error is Error & { actualRevision?: number } =>
  error instanceof Error && error.name === 'WrongExpectedRevision';

/**
 * Messages per field: under the top-level field (`address`), and under the
 * field's whole path too (`address.line`) for forms of nested inputs.
 */
function fieldErrorsOf(error: z.ZodError): Record<string, string[] | undefined> {
  const fieldErrors: Record<string, string[] | undefined> = { ...z.flattenError(error).fieldErrors };
  for (const issue of error.issues) {
    if (issue.path.length < 2) continue;
    const path = issue.path.join('.');
    fieldErrors[path] = [...(fieldErrors[path] ?? []), issue.message];
  }
  return fieldErrors;
}

/**
 * Stack traces in error answers only when a developer asks for them
 * (`NODE_ENV=development`): tRPC's default would send them whenever NODE_ENV is
 * not `production` (unset, `test`…), telling anyone the server's paths and code.
 */
const isDev = globalThis.process?.env.NODE_ENV === 'development';

/**
 * What an unexpected failure (a 500) says: its own text (a database's error, a
 * file path, a query) is for the server's log, not for whoever called.
 */
export const INTERNAL_ERROR_MESSAGE =
  'Erreur interne du serveur : réessayez plus tard, ou signalez-la si elle se répète';

const t = initTRPC.context<ApiContext>().create({
  isDev,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    // Invalid input: one message per field, as the forms show them.
    let fieldErrors: Record<string, string[] | undefined> | undefined;
    if (cause instanceof z.ZodError) fieldErrors = fieldErrorsOf(cause);
    if (cause instanceof DomainError && cause.field) fieldErrors = { [cause.field]: [cause.message] };
    const { stack, ...data } = shape.data;
    return {
      ...shape,
      message: data.code === 'INTERNAL_SERVER_ERROR' && !isDev ? INTERNAL_ERROR_MESSAGE : shape.message,
      data: {
        ...data,
        ...(isDev ? { stack } : {}),
        fieldErrors,
        domainCode: cause instanceof DomainError ? cause.code : undefined,
        // The step that would lift the refusal (sign the contract…): the admin links to its form.
        nextStep: cause instanceof DomainError ? cause.nextStep : undefined,
        // 409 after a concurrent change: the revision to reload from.
        currentRevision: isRevisionConflict(cause) ? (cause.actualRevision ?? null) : undefined,
      },
    };
  },
});

export const router = t.router;

/**
 * Every procedure: what anyone may call counts against the caller's public budget,
 * each procedure of a batch on its own (429 once spent): the portal's, whoever
 * asks, and every other without a session (system.info, auth.*, and the calls that
 * end in a 401). An unreachable database is a 503 to retry, not a 500.
 */
export const publicProcedure = t.procedure.use(async ({ ctx, path, next }) => {
  if (!ctx.session || path.startsWith('portal.')) {
    const refusal = ctx.spendPublicCall();
    if (refusal) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: refusal });
  }
  const result = await next();
  if (!result.ok && isDatabaseUnavailable(result.error.cause)) {
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: DATABASE_UNAVAILABLE_MESSAGE,
      cause: result.error.cause,
    });
  }
  return result;
});
export const createCallerFactory = t.createCallerFactory;

/** Signed-in users only (401 otherwise); domain refusals mapped to HTTP codes. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Connexion requise' });
  const result = await next({ ctx: { ...ctx, session: ctx.session } });
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof DomainError) {
    throw new TRPCError({ code: HTTP_CODE_OF_DOMAIN_ERROR[cause.code], message: cause.message, cause });
  }
  if (isRevisionConflict(cause)) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: 'Modifié entre-temps par quelqu’un d’autre : rechargez puis recommencez',
      cause,
    });
  }
  return result;
});

/** What a read answers when the read models still miss this client's last command. */
export const NOT_YET_UP_TO_DATE_MESSAGE =
  'Les données ne sont pas encore à jour de votre dernière modification : nouvel essai dans un instant';

/**
 * Reads of read models, after the projections have caught up with this client's
 * last command. Past the bounded wait, a 503 to retry: an answer without the
 * command would show the coordinator their change as lost, and nothing would
 * read it again.
 */
export const readProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (ctx.minPosition > 0 && !(await ctx.readModels.waitFor(ctx.minPosition)))
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: NOT_YET_UP_TO_DATE_MESSAGE });
  return next();
});
