import { DomainError } from '@cls/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { refuseNul } from '../input-guard.js';
import {
  OfferErrorReportAnswerSchema,
  OfferErrorReportSchema,
  REPORT_HONEYPOT_FIELD,
} from '../reports/schemas.js';
import { publicProcedure, router } from '../trpc.js';
import {
  CommuneSchema,
  CommuneSearchSchema,
  EpciSchema,
  EpciSearchSchema,
  OfferDetailSchema,
  OfferSearchResultSchema,
  OfferSearchSchema,
  PublicContractSchema,
  PublicContractSummarySchema,
} from './schemas.js';

/** Some of the portal's reads look ids up in PostgreSQL. */
const portalProcedure = publicProcedure.use(refuseNul);

/**
 * A resident's report counts against its own, stricter limit per address (429 with
 * Retry-After beyond), before its input is read: a flood of bad reports is refused too.
 */
const reportProcedure = portalProcedure.use(({ ctx, next }) => {
  const refusal = ctx.offerReports.spend();
  if (refusal) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: refusal });
  return next();
});

const notFound = (what: string) => new TRPCError({ code: 'NOT_FOUND', message: `${what} introuvable` });

/** The public portal's queries: no account, read-only, cacheable (see the host's rate limit). */
export const portalRouter = router({
  search: portalProcedure
    .input(OfferSearchSchema)
    .output(OfferSearchResultSchema)
    .query(({ ctx, input }) => ctx.offers.search(input)),
  offer: portalProcedure
    .input(z.object({ id: z.string().min(1).max(200) }))
    .output(OfferDetailSchema)
    .query(async ({ ctx, input }) => {
      const offer = await ctx.offers.offer(input.id);
      if (!offer) throw notFound(`Offre ${input.id}`);
      return offer;
    }),
  /**
   * « Signaler une erreur » on an offer's card: no account. A report whose hidden field
   * is filled (a bot) is answered as accepted and stored nowhere; an unknown or closed
   * offer is a 404; a valid one is recorded for its territory's coordinators to check.
   */
  reportOfferError: reportProcedure
    .input(OfferErrorReportSchema)
    .output(OfferErrorReportAnswerSchema)
    .mutation(async ({ ctx, input }) => {
      const { [REPORT_HONEYPOT_FIELD]: honeypot, ...fields } = input;
      if (honeypot) return { received: true as const };
      const offer = await ctx.offers.offer(fields.offerId);
      if (!offer || offer.closedOn) throw notFound(`Offre ${fields.offerId}`);
      try {
        await ctx.offerReports.record(fields);
      } catch (error) {
        // Closed between the read and the decision: the decider says so.
        if (error instanceof DomainError && error.code === 'not_found')
          throw notFound(`Offre ${fields.offerId}`);
        throw error;
      }
      return { received: true as const };
    }),
  communes: portalProcedure
    .input(CommuneSearchSchema)
    .output(z.array(CommuneSchema))
    .query(({ ctx, input }) => ctx.offers.communes(input.q, input.limit)),
  /** EPCI by name, with their communes: a contract's territory in one click. */
  epcis: portalProcedure
    .input(EpciSearchSchema)
    .output(z.array(EpciSchema))
    .query(({ ctx, input }) => ctx.offers.epcis(input.q, input.limit)),
  contracts: portalProcedure
    .output(z.array(PublicContractSummarySchema))
    .query(({ ctx }) => ctx.offers.publicContracts()),
  contract: portalProcedure
    .input(z.object({ contractId: z.string().min(1).max(200) }))
    .output(PublicContractSchema)
    .query(async ({ ctx, input }) => {
      const contract = await ctx.offers.publicContract(input.contractId);
      if (!contract) throw notFound(`Contrat ${input.contractId}`);
      return contract;
    }),
});
