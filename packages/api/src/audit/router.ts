import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { isAdmin } from '../auth/permissions.js';
import type { Session } from '../auth/session.js';
import { requireReadable } from '../board/router.js';
import { refuseNul } from '../input-guard.js';
import { type ApiContext, authedProcedure, router } from '../trpc.js';
import {
  AsOfInputSchema,
  AuditEventSchema,
  CausalChainSchema,
  DiffInputSchema,
  IntegritySchema,
  ReplayCheckSchema,
  ReportInputSchema,
  StreamHistorySchema,
  TimelineFacetsSchema,
  TimelineFilterSchema,
  TimelinePageSchema,
} from './schemas.js';

const canAudit = (session: Session) =>
  isAdmin(session) || session.grants.some((grant) => grant.role === 'auditor');

/** Auditors and administrators: the audit reads the whole log, contract by contract or all of it. */
const auditProcedure = authedProcedure
  .use(({ ctx, next }) => {
    if (!canAudit(ctx.session)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: 'Audit réservé aux auditeurs et aux administrateurs',
      });
    }
    return next();
  })
  .use(refuseNul);

const holdsArs = (session: Session) => session.grants.some((grant) => grant.role === 'ars');

/**
 * A contract's audit (as of a date, between two dates, its annual report): auditors and
 * administrators on every contract, and the ARS on the contracts of its departments, the
 * scope the board reads by. The rest of the audit (the whole log, streams, events,
 * integrity) stays with auditors and administrators.
 */
const contractAuditProcedure = authedProcedure
  .use(({ ctx, next }) => {
    if (!canAudit(ctx.session) && !holdsArs(ctx.session)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: 'Audit réservé aux auditeurs, aux administrateurs et à l’ARS de ses départements',
      });
    }
    return next();
  })
  .use(refuseNul);

async function requireContractAudit(ctx: ApiContext & { session: Session }, contractId: string) {
  if (!canAudit(ctx.session)) await requireReadable(ctx, contractId);
}

const notFound = (what: string) => new TRPCError({ code: 'NOT_FOUND', message: `${what} introuvable` });

/**
 * The audit: read-only questions to the log. Running the integrity check or the
 * replay check appends nothing, so auditors may start them.
 */
export const auditRouter = router({
  timeline: auditProcedure
    .input(TimelineFilterSchema)
    .output(TimelinePageSchema)
    .query(({ ctx, input }) => ctx.audit.timeline(input)),
  facets: auditProcedure.output(TimelineFacetsSchema).query(({ ctx }) => ctx.audit.facets()),
  events: auditProcedure
    .input(z.object({ positions: z.array(z.number().int().positive()).min(1).max(500) }))
    .output(z.array(AuditEventSchema))
    .query(({ ctx, input }) => ctx.audit.events(input.positions)),
  chain: auditProcedure
    .input(z.object({ position: z.number().int().positive() }))
    .output(CausalChainSchema)
    .query(async ({ ctx, input }) => {
      const chain = await ctx.audit.chain(input.position);
      if (!chain) throw notFound(`Événement ${input.position}`);
      return chain;
    }),
  stream: auditProcedure
    .input(
      z.object({
        stream: z
          .string()
          .regex(/^[a-z_]+-.+$/, { error: 'flux : <catégorie>-<id>' })
          .max(300),
      }),
    )
    .output(StreamHistorySchema)
    .query(async ({ ctx, input }) => {
      const history = await ctx.audit.stream(input.stream);
      if (!history) throw notFound(`Flux ${input.stream}`);
      return history;
    }),
  asOf: contractAuditProcedure.input(AsOfInputSchema).query(async ({ ctx, input }) => {
    await requireContractAudit(ctx, input.contractId);
    const snapshot = await ctx.audit.asOf(input);
    if (!snapshot) throw notFound(`Contrat ${input.contractId} à cette date`);
    return snapshot;
  }),
  diff: contractAuditProcedure.input(DiffInputSchema).query(async ({ ctx, input }) => {
    await requireContractAudit(ctx, input.contractId);
    return ctx.audit.diff(input);
  }),
  report: contractAuditProcedure.input(ReportInputSchema).query(async ({ ctx, input }) => {
    await requireContractAudit(ctx, input.contractId);
    const report = await ctx.audit.report(input);
    if (!report) throw notFound(`Contrat ${input.contractId}`);
    return report;
  }),
  /** A published evaluation: its seal, and the report re-derived from the log and compared (a later replay). */
  publication: auditProcedure
    .input(z.object({ evaluationId: z.string().min(1).max(200) }))
    .query(async ({ ctx, input }) => {
      const check = await ctx.audit.publication(input.evaluationId);
      if (!check) throw notFound(`Évaluation ${input.evaluationId}`);
      return check;
    }),
  integrity: auditProcedure.output(IntegritySchema).query(({ ctx }) => ctx.audit.integrity()),
  verify: auditProcedure.output(IntegritySchema).mutation(({ ctx }) => ctx.audit.verify()),
  replayCheck: auditProcedure.output(ReplayCheckSchema).mutation(({ ctx }) => ctx.audit.replayCheck()),
});
