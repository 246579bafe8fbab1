import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { isAdmin } from '../auth/permissions.js';
import type { Session } from '../auth/session.js';
import { refuseNul } from '../input-guard.js';
import { authedProcedure, router } from '../trpc.js';
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
  asOf: auditProcedure.input(AsOfInputSchema).query(async ({ ctx, input }) => {
    const snapshot = await ctx.audit.asOf(input);
    if (!snapshot) throw notFound(`Contrat ${input.contractId} à cette date`);
    return snapshot;
  }),
  diff: auditProcedure.input(DiffInputSchema).query(({ ctx, input }) => ctx.audit.diff(input)),
  report: auditProcedure.input(ReportInputSchema).query(async ({ ctx, input }) => {
    const report = await ctx.audit.report(input);
    if (!report) throw notFound(`Contrat ${input.contractId}`);
    return report;
  }),
  integrity: auditProcedure.output(IntegritySchema).query(({ ctx }) => ctx.audit.integrity()),
  verify: auditProcedure.output(IntegritySchema).mutation(({ ctx }) => ctx.audit.verify()),
  replayCheck: auditProcedure.output(ReplayCheckSchema).mutation(({ ctx }) => ctx.audit.replayCheck()),
});
