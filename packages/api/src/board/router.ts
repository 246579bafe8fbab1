import { ANNEX4_REFERENTIAL } from '@cls/audit';
import { questionKeyOf } from '@cls/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { actionCommandsAllowed, isAdmin, requireAdmin } from '../auth/permissions.js';
import type { Session } from '../auth/session.js';
import { refuseNul } from '../input-guard.js';
import { actorNames } from '../people/actor-names.js';
import { OfferListSchema, OfferRecordSchema } from '../portal/schemas.js';
import { type ApiContext, readProcedure, router } from '../trpc.js';
import { contractTerritory } from './contract-territory.js';
import { portfolio, prsObjectives } from './portfolio.js';
import { ActionFilterSchema, OrganisationFilterSchema } from './schemas.js';

type Ctx = ApiContext & { session: Session };

const isAuditor = (session: Session) => session.grants.some((grant) => grant.role === 'auditor');

/**
 * The contracts a user may read: all for admins and auditors; otherwise those they
 * coordinate or pilot in, an elected official's contract, and for the ARS the contracts
 * whose territory lies in its departments (`contractTerritory`: its communes' departments).
 */
export async function readableContracts(ctx: Ctx): Promise<string[] | undefined> {
  if (isAdmin(ctx.session) || isAuditor(ctx.session)) return undefined;
  const contracts = new Set<string>();
  const departments = new Set(
    ctx.session.grants.flatMap((grant) => (grant.role === 'ars' ? (grant.scope.departments ?? []) : [])),
  );
  if (departments.size > 0) {
    for (const contract of await ctx.readModels.queries.contracts()) {
      const territory = contractTerritory(ctx, contract);
      if (territory.departments.some((department) => departments.has(department)))
        contracts.add(contract.contractId);
    }
  }
  for (const grant of ctx.session.grants) {
    // A contract's coordination, its evaluators and its elected officials read it whole.
    if (
      (grant.role === 'coordinator' || grant.role === 'evaluator' || grant.role === 'elected') &&
      grant.scope.contractId
    )
      contracts.add(grant.scope.contractId);
    if (grant.role === 'pilot' && grant.scope.actionId) {
      const contractId = await ctx.contractOf(`action-${grant.scope.actionId}`);
      if (contractId) contracts.add(contractId);
    }
  }
  return [...contracts];
}

export async function requireReadable(ctx: Ctx, contractId: string): Promise<void> {
  const readable = await readableContracts(ctx);
  if (readable && !readable.includes(contractId)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Ce contrat ne fait pas partie des vôtres' });
  }
}

/** The board's reads look ids up in PostgreSQL. */
const boardProcedure = readProcedure.use(refuseNul);

const ContractIdInput = z.object({ contractId: z.string().min(1) });

/** What the admin app shows, from the read models. */
export const boardRouter = router({
  contracts: boardProcedure.query(async ({ ctx }) =>
    ctx.readModels.queries.contracts(await readableContracts(ctx)),
  ),
  /**
   * The portfolio across the contracts this user may read (the ARS's, admins' and auditors'
   * view): progress per axis, late actions, COPIL, evaluation, funding, indicators, territory.
   */
  portfolio: boardProcedure.query(async ({ ctx }) => portfolio(ctx, await readableContracts(ctx))),
  /** The PRS objectives of annex 2 the contracts name, with the readable contracts serving each. */
  prsObjectives: boardProcedure.query(async ({ ctx }) =>
    prsObjectives(ctx.readModels.queries, await readableContracts(ctx)),
  ),
  overview: boardProcedure.input(ContractIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    const overview = await ctx.readModels.queries.contractOverview(input.contractId);
    if (!overview)
      throw new TRPCError({ code: 'NOT_FOUND', message: `Contrat ${input.contractId} introuvable` });
    return overview;
  }),
  /** What the contract sets up: porteur, territory, parties and commitments, previous contract, signatories, avenants. */
  contractSetup: boardProcedure.input(ContractIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    const setup = await ctx.readModels.queries.contractSetup(input.contractId);
    if (!setup)
      throw new TRPCError({ code: 'NOT_FOUND', message: `Contrat ${input.contractId} introuvable` });
    return setup;
  }),
  /** The live plan for the editor: axes → fiches (every field, own progress) → actions, in order. */
  plan: boardProcedure.input(ContractIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    const plan = await ctx.readModels.queries.plan(input.contractId);
    if (!plan) throw new TRPCError({ code: 'NOT_FOUND', message: `Contrat ${input.contractId} introuvable` });
    return plan;
  }),
  /** The contract's avenants: drafts, those being signed (who signed), signed ones, with their changes. */
  amendments: boardProcedure.input(ContractIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    return ctx.readModels.queries.amendments(input.contractId);
  }),
  amendment: boardProcedure
    .input(ContractIdInput.extend({ amendmentId: z.string().min(1).max(200) }))
    .query(async ({ ctx, input }) => {
      await requireReadable(ctx, input.contractId);
      const [amendment] = await ctx.readModels.queries.amendments(input.contractId, input.amendmentId);
      if (!amendment)
        throw new TRPCError({ code: 'NOT_FOUND', message: `Avenant ${input.amendmentId} introuvable` });
      return amendment;
    }),
  actions: boardProcedure.input(ActionFilterSchema).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    return ctx.readModels.queries.actions(input);
  }),
  conventions: boardProcedure.input(ContractIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    return ctx.readModels.queries.conventions(input.contractId);
  }),
  meetings: boardProcedure.input(ContractIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    return ctx.readModels.queries.meetings(input.contractId);
  }),
  governanceBodies: boardProcedure.input(ContractIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    return ctx.readModels.queries.governanceBodies(input.contractId);
  }),
  deliverables: boardProcedure.input(ContractIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    return ctx.readModels.queries.deliverables(input.contractId);
  }),
  /** Measures named by a free label only (before the catalogue): each action's value, never a rate added up. */
  uncataloguedMeasures: boardProcedure.input(ContractIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    return ctx.readModels.queries.uncataloguedMeasures(input.contractId);
  }),
  /** The contract's indicator catalogue, each indicator's figure per year against its target. */
  indicatorCatalogue: boardProcedure.input(ContractIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    return ctx.readModels.queries.indicatorCatalogue(input.contractId);
  }),
  /** The contract's means: funding lines, totals per year and per funder, calls for projects, staff time. */
  means: boardProcedure.input(ContractIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    return ctx.readModels.queries.means(input.contractId);
  }),
  users: boardProcedure.query(({ ctx }) => {
    requireAdmin(ctx.session, 'consulter les comptes');
    return ctx.readModels.queries.users();
  }),
  /**
   * The evaluation referential (annex 4): its sections' and conclusion's questions, each with
   * the key an answer is recorded under, and the rows of its results table to score.
   */
  evaluationReferential: boardProcedure.query(() => ({
    sections: ANNEX4_REFERENTIAL.sections.map((section) => ({
      n: section.n,
      title: section.title,
      questions: section.questions.map((text, index) => ({ key: questionKeyOf(section.n, index + 1), text })),
    })),
    conclusion: ANNEX4_REFERENTIAL.conclusionQuestions.map((text, index) => ({
      key: questionKeyOf('conclusion', index + 1),
      text,
    })),
    resultsTable: ANNEX4_REFERENTIAL.resultsTable,
  })),
  evaluations: boardProcedure.input(ContractIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx, input.contractId);
    return ctx.readModels.queries.evaluations(input.contractId);
  }),
  action: boardProcedure.input(z.object({ actionId: z.string().min(1) })).query(async ({ ctx, input }) => {
    const action = await ctx.readModels.queries.action(input.actionId);
    if (!action) throw new TRPCError({ code: 'NOT_FOUND', message: `Action ${input.actionId} introuvable` });
    await requireReadable(ctx, action.contractId);
    const [offers, accounts] = await Promise.all([
      ctx.readModels.queries.offersOfAction(input.actionId),
      ctx.readModels.queries.users(),
    ]);
    // The history names who did each step (the log keeps account ids only).
    const nameOf = actorNames(accounts);
    return {
      ...action,
      timeline: action.timeline.map((row) => ({ ...row, actorName: nameOf(row.actorId) })),
      offers,
    };
  }),
  /**
   * The commands this user may send on the action (the app shows only their forms):
   * the same rule the action router authorises by.
   */
  actionCommands: boardProcedure
    .input(z.object({ actionId: z.string().min(1).max(200) }))
    .query(({ ctx, input }) => actionCommandsAllowed(ctx, input.actionId)),
  /** « Mes actions »: the actions this user pilots, wherever they are. */
  myActions: boardProcedure.query(async ({ ctx }) => {
    const piloted = ctx.session.grants.flatMap((grant) =>
      grant.role === 'pilot' && grant.scope.actionId ? [grant.scope.actionId] : [],
    );
    const actions = await Promise.all(piloted.map((actionId) => ctx.readModels.queries.action(actionId)));
    return actions.flatMap((action) => {
      if (!action) return [];
      const { timeline: _, deliverables: __, ...row } = action;
      return [row];
    });
  }),
  /** The organisations directory, for every signed-in user (it names organisations, no person). */
  organisations: boardProcedure
    .input(OrganisationFilterSchema.optional())
    .query(({ ctx, input }) => ctx.readModels.queries.organisations(input)),
  /** The directory as coordinators keep it: closed offers too, stale ones flagged. */
  offers: boardProcedure.input(OfferListSchema).query(({ ctx, input }) => ctx.offers.list(input)),
  /** One offer, after this user's last command (unlike the portal's cacheable card). */
  offer: boardProcedure
    .input(z.object({ id: z.string().min(1).max(200) }))
    .output(OfferRecordSchema)
    .query(async ({ ctx, input }) => {
      const offer = await ctx.offers.offer(input.id);
      if (!offer) throw new TRPCError({ code: 'NOT_FOUND', message: `Offre ${input.id} introuvable` });
      return offer;
    }),
});
