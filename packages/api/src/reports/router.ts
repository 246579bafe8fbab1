import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { isAdmin } from '../auth/permissions.js';
import type { Session } from '../auth/session.js';
import { contractTerritory } from '../board/contract-territory.js';
import { commandMutation } from '../commands/command-procedure.js';
import { refuseNul } from '../input-guard.js';
import type { OfferRecord } from '../portal/schemas.js';
import { type ApiContext, readProcedure, router } from '../trpc.js';
import { type OfferReportQueueItem, OfferReportQueueItemSchema } from './schemas.js';

type Ctx = ApiContext & { session: Session };

const REFUSAL = 'Réservé à la coordination d’un contrat : les signalements des offres de son territoire';

/**
 * The communes whose offers' reports this user handles: undefined for admins (all),
 * the territories of the contracts they coordinate otherwise; 403 for anyone else.
 */
async function reportScope(ctx: Ctx): Promise<Set<string> | undefined> {
  if (isAdmin(ctx.session)) return undefined;
  const coordinated = ctx.session.grants.flatMap((grant) =>
    grant.role === 'coordinator' && grant.scope.contractId ? [grant.scope.contractId] : [],
  );
  if (coordinated.length === 0) throw new TRPCError({ code: 'FORBIDDEN', message: REFUSAL });
  const communes = new Set<string>();
  for (const contract of await ctx.readModels.queries.contracts(coordinated))
    for (const insee of contractTerritory(ctx, contract).communes) communes.add(insee);
  return communes;
}

/** Whether an offer lies in the scope: its commune, or a commune it covers (a CPTS). */
const inScope = (offer: OfferRecord, scope: Set<string> | undefined) =>
  !scope ||
  (offer.communeInsee !== null && scope.has(offer.communeInsee)) ||
  offer.coverage.some((insee) => scope.has(insee));

/** A report this user may handle: 404 when there is none, 403 when its offer lies outside their territories. */
async function requireReport(ctx: Ctx, reportId: string, what: string): Promise<void> {
  const scope = await reportScope(ctx);
  const report = await ctx.readModels.queries.offerReport(reportId);
  if (!report) throw new TRPCError({ code: 'NOT_FOUND', message: `Signalement ${reportId} introuvable` });
  const offer = await ctx.offers.offer(report.offerId);
  if (!offer || !inScope(offer, scope))
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Action non autorisée : ${what} (l’offre n’est pas sur le territoire de vos contrats)`,
    });
}

/**
 * The coordinators' verification queue of residents' reports: those on the offers of
 * their contracts' territories (admins: all), and what they do with each — dismiss it
 * with a reason, or resolve it once their update of the offer answered it.
 */
export const reportsRouter = router({
  queue: readProcedure
    .use(refuseNul)
    .input(z.object({ offerId: z.string().min(1).max(200).optional() }).optional())
    .output(z.array(OfferReportQueueItemSchema))
    .query(async ({ ctx, input }) => {
      const scope = await reportScope(ctx);
      const reports = await ctx.readModels.queries.offerReports(
        input?.offerId ? { offerIds: [input.offerId] } : {},
      );
      const items: OfferReportQueueItem[] = [];
      for (const report of reports) {
        const offer = await ctx.offers.offer(report.offerId);
        if (!offer || !inScope(offer, scope)) continue;
        items.push({
          reportId: report.reportId,
          topic: report.topic,
          message: report.message,
          contact: report.contact,
          reportedOn: report.reportedOn,
          offer: {
            id: offer.id,
            name: offer.name,
            kind: offer.kind,
            commune: offer.commune,
            phone: offer.phone,
            verifiedOn: offer.verifiedOn,
          },
        });
      }
      return items;
    }),
  dismiss: commandMutation('DismissOfferReport', (ctx, input) =>
    requireReport(ctx, input.reportId, 'écarter un signalement'),
  ),
  resolve: commandMutation('ResolveOfferReport', (ctx, input) =>
    requireReport(ctx, input.reportId, 'traiter un signalement'),
  ),
});
