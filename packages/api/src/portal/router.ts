import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { refuseNul } from '../input-guard.js';
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
