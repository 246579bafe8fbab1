import {
  type ActionsProgress,
  businessDay,
  type EvaluationStatus,
  fromCents,
  isActionLate,
  isSteeringCommittee,
  type PrsObjective,
  prsObjectiveKey,
  prsObjectivesOf,
  targetMet,
  toCents,
} from '@cls/domain';
import type { ContractRow } from '@cls/projections';
import type { Session } from '../auth/session.js';
import type { ApiContext } from '../trpc.js';
import { contractTerritory } from './contract-territory.js';

type Ctx = ApiContext & { session: Session };

/** A figure over the years, in cents as the domain sums money; null when no year gives it. */
function sum(totals: ReadonlyArray<{ planned?: number; paid?: number }>, figure: 'planned' | 'paid') {
  const given = totals.flatMap((total) => (total[figure] === undefined ? [] : [total[figure]]));
  return given.length === 0 ? null : fromCents(given.reduce((cents, amount) => cents + toCents(amount), 0));
}

/** A COPIL meeting on the portfolio: the last held, the next scheduled. */
export interface PortfolioMeeting {
  meetingId: string;
  title: string;
  body: string;
  on: string;
}

/** How a contract's indicators stand against their targets. */
export interface PortfolioIndicators {
  /** Indicators in the contract's catalogue. */
  total: number;
  /** Those with a target for some year. */
  withTarget: number;
  /**
   * Those measured in a year that has a target (their latest such year), each by its own
   * aggregation rule — a rate is never summed (the catalogue's `aggregateIndicator`).
   */
  measuredAgainstTarget: number;
  /** Of those, the ones whose direction says whether the figure meets it (the domain's `targetMet`)… */
  judged: number;
  /** …and those that meet it. */
  met: number;
}

/** One contract as the ARS's portfolio shows it. */
export interface PortfolioContract
  extends Pick<
    ContractRow,
    | 'contractId'
    | 'name'
    | 'territory'
    | 'periodStart'
    | 'periodEnd'
    | 'status'
    | 'signedOn'
    | 'signedOnPrecision'
  > {
  /** The departments its territory lies in (see `contractTerritory`). */
  departments: string[];
  /** Its communes' INSEE codes, for the map (empty when neither the contract nor the open data gives them). */
  communes: string[];
  axes: Array<Pick<ActionsProgress, 'actions' | 'progress'> & { code: string; title: string }>;
  /** Actions late on their planned years (the domain's `isActionLate`, today in Paris). */
  lateActions: number;
  lastCopil: PortfolioMeeting | null;
  nextCopil: PortfolioMeeting | null;
  /** Its latest annual evaluation, if any. */
  evaluation: { year: number; status: EvaluationStatus; publishedOn: string | null } | null;
  /**
   * Funding planned and paid over the contract's years, in euros (summed in cents, as the
   * means read model's totals); null when no funding line is recorded (« non renseigné »),
   * a figure null when no line gives it.
   */
  funding: { planned: number | null; paid: number | null } | null;
  indicators: PortfolioIndicators;
}

/**
 * How a catalogue stands against its targets: each indicator judged on its latest year
 * with both a figure (by its own rule: a rate is never summed) and a target.
 */
export function indicatorsAgainstTarget(
  catalogue: ReadonlyArray<{
    direction: Parameters<typeof targetMet>[0];
    years: ReadonlyArray<{ value: number | null; target: number | null }>;
  }>,
): PortfolioIndicators {
  let withTarget = 0;
  let measuredAgainstTarget = 0;
  let judged = 0;
  let met = 0;
  for (const indicator of catalogue) {
    if (indicator.years.some((year) => year.target !== null)) withTarget++;
    const last = indicator.years.filter((year) => year.target !== null && year.value !== null).at(-1);
    if (!last) continue;
    measuredAgainstTarget++;
    const meets = targetMet(indicator.direction, last.value, last.target);
    if (meets === undefined) continue;
    judged++;
    if (meets) met++;
  }
  return { total: catalogue.length, withTarget, measuredAgainstTarget, judged, met };
}

/**
 * The portfolio across the contracts this user may read (the board's `readableContracts`,
 * given as `readable`; undefined: all), built from the read models' own queries — the
 * contracts in one query, then each contract's overview, actions, meetings, evaluations,
 * indicator catalogue and means side by side.
 */
export async function portfolio(ctx: Ctx, readable: string[] | undefined): Promise<PortfolioContract[]> {
  const contracts = await ctx.readModels.queries.contracts(readable);
  const today = businessDay();
  return Promise.all(
    contracts.map(async (contract): Promise<PortfolioContract> => {
      const { contractId } = contract;
      const [overview, actions, meetings, evaluations, catalogue, means] = await Promise.all([
        ctx.readModels.queries.contractOverview(contractId),
        ctx.readModels.queries.actions({ contractId }),
        ctx.readModels.queries.meetings(contractId),
        ctx.readModels.queries.evaluations(contractId),
        ctx.readModels.queries.indicatorCatalogue(contractId),
        ctx.readModels.queries.means(contractId),
      ]);
      const copil = meetings.filter((meeting) => isSteeringCommittee(meeting.body));
      const held = copil
        .flatMap((meeting) =>
          meeting.status === 'held' && meeting.heldOn ? [{ meeting, on: meeting.heldOn }] : [],
        )
        .sort((a, b) => a.on.localeCompare(b.on));
      const upcoming = copil
        .filter((meeting) => meeting.status === 'scheduled' && meeting.scheduledOn >= today)
        .map((meeting) => ({ meeting, on: meeting.scheduledOn }))
        .sort((a, b) => a.on.localeCompare(b.on));
      const asMeeting = (
        found: { meeting: { meetingId: string; title: string; body: string }; on: string } | undefined,
      ) =>
        found
          ? {
              meetingId: found.meeting.meetingId,
              title: found.meeting.title,
              body: found.meeting.body,
              on: found.on,
            }
          : null;
      const latestEvaluation = [...evaluations].sort((a, b) => b.year - a.year)[0];
      const { communes, departments } = contractTerritory(ctx, contract);
      return {
        contractId,
        name: contract.name,
        territory: contract.territory,
        periodStart: contract.periodStart,
        periodEnd: contract.periodEnd,
        status: contract.status,
        signedOn: contract.signedOn,
        signedOnPrecision: contract.signedOnPrecision,
        departments,
        communes,
        axes: (overview?.axes ?? []).map(({ code, title, actions: count, progress }) => ({
          code,
          title,
          actions: count,
          progress,
        })),
        lateActions: actions.filter((action) =>
          isActionLate(
            action.status,
            { years: action.plannedYears, uncertain: action.yearsUncertain },
            today,
          ),
        ).length,
        lastCopil: asMeeting(held.at(-1)),
        nextCopil: asMeeting(upcoming[0]),
        evaluation: latestEvaluation
          ? {
              year: latestEvaluation.year,
              status: latestEvaluation.status,
              publishedOn: latestEvaluation.publishedOn,
            }
          : null,
        funding:
          means.totals.length === 0
            ? null
            : { planned: sum(means.totals, 'planned'), paid: sum(means.totals, 'paid') },
        indicators: indicatorsAgainstTarget(catalogue),
      };
    }),
  );
}

/** An objective of annex 2, with the readable contracts (and their fiches) that serve it. */
export interface PortfolioPrsObjective extends PrsObjective {
  contracts: Array<{ contractId: string; name: string; fiches: string[] }>;
}

/** What the PRS objectives read: the contracts and their live plans (the read models' queries). */
export interface PlansOfContracts {
  contracts(): Promise<Array<{ contractId: string; name: string }>>;
  plan(
    contractId: string,
  ): Promise<
    { axes: Array<{ fiches: Array<{ code: string; prsLinks?: string[] | undefined }> }> } | undefined
  >;
}

/**
 * The PRS objectives of annex 2 that the platform's contracts name on their fiches (the
 * union of them: nothing else is invented), each with the contracts this user may read
 * that serve it — none for an objective no readable contract covers.
 */
export async function prsObjectives(
  queries: PlansOfContracts,
  readable: string[] | undefined,
): Promise<PortfolioPrsObjective[]> {
  const contracts = await queries.contracts();
  const plans = await Promise.all(contracts.map((contract) => queries.plan(contract.contractId)));
  const objectives = new Map<string, PortfolioPrsObjective>();
  for (const [index, plan] of plans.entries()) {
    const contract = contracts[index];
    if (!plan || !contract) continue;
    const shown = readable === undefined || readable.includes(contract.contractId);
    for (const fiche of plan.axes.flatMap((axis) => axis.fiches)) {
      for (const objective of prsObjectivesOf(fiche.prsLinks)) {
        const key = prsObjectiveKey(objective);
        const entry = objectives.get(key) ?? { ...objective, contracts: [] };
        objectives.set(key, entry);
        if (!shown) continue;
        let covering = entry.contracts.find((row) => row.contractId === contract.contractId);
        if (!covering) {
          covering = { contractId: contract.contractId, name: contract.name, fiches: [] };
          entry.contracts.push(covering);
        }
        if (!covering.fiches.includes(fiche.code)) covering.fiches.push(fiche.code);
      }
    }
  }
  return [...objectives.values()].sort(
    (a, b) => a.plan.localeCompare(b.plan, 'fr') || a.engagement - b.engagement || a.defi - b.defi,
  );
}
