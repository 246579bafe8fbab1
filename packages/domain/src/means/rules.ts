import { frenchEuros } from '@cls/french';
import { event, refuse } from '../decider.js';
import { type EffectiveOn, effectiveAt, nameKey, type Period } from '../values.js';
import type { MeansCommand } from './commands.js';
import type {
  CallForProjects,
  FundingLine,
  FundingYear,
  MeansEvent,
  NamedOrganisation,
  StaffTime,
} from './events.js';

/** A funding line in the contract's state: withdrawn lines are kept, out of every total. */
export interface FundingLineState extends FundingLine {
  withdrawn?: boolean;
}

/** The contract's means, folded from its stream. */
export interface MeansState {
  fundingLines: Record<string, FundingLineState>;
  callsForProjects: Record<string, CallForProjects>;
  /** By `staffTimeKey`. */
  staffTime: Record<string, StaffTime>;
}

export const emptyMeans = (): MeansState => ({ fundingLines: {}, callsForProjects: {}, staffTime: {} });

/**
 * What a decision on the means reads beyond the contract's stream (the command
 * side folds these streams): the directory's organisations the command names
 * (id → name) and its actions (id → their contract, code, withdrawn or not).
 */
export interface MeansContext {
  organisations: Record<string, string>;
  actions: Record<string, { contractId: string; code: string; withdrawn: boolean }>;
}

/** The other streams a means command names: its organisations' and actions'. */
export function meansStreams(command: { type: string } & Record<string, unknown>): string[] {
  const ids = (value: unknown) =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.filter((id) => typeof id === 'string')
        : [];
  return [
    ...[...ids(command.funderId), ...ids(command.organisationId)].map((id) => `organisation-${id}`),
    ...[...ids(command.actionId), ...ids(command.actionIds)].map((id) => `action-${id}`),
  ];
}

/** One staff-time figure per year, organisation and role (the role's spelling aside). */
export const staffTimeKey = (time: { year: number; organisationId: string; role: string }) =>
  `${time.year}|${time.organisationId}|${nameKey(time.role)}`;

/** Euros as integer cents: every sum of amounts is done in cents, never on floats. */
export const toCents = (euros: number): number => Math.round(euros * 100);
export const fromCents = (cents: number): number => cents / 100;

export const FUNDING_FIGURES = ['planned', 'committed', 'paid'] as const;
export type FundingFigure = (typeof FUNDING_FIGURES)[number];
export const FUNDING_FIGURE_LABELS: Record<FundingFigure, string> = {
  planned: 'Prévu',
  committed: 'Engagé',
  paid: 'Payé',
};

/** A year's total of some lines: each figure in euros, `undefined` when no line gives it (« non renseigné », never 0). */
export interface FundingTotal {
  year: number;
  planned?: number;
  committed?: number;
  paid?: number;
  /** How many lines count in that year. */
  lines: number;
}

/**
 * The totals per year of funding lines (withdrawn ones left out), summed in
 * cents: the one sum the read side, the report and the charts use.
 */
export function fundingTotals(lines: Iterable<{ amounts: readonly FundingYear[]; withdrawn?: boolean }>) {
  const byYear = new Map<number, { cents: Partial<Record<FundingFigure, number>>; lines: number }>();
  for (const line of lines) {
    if (line.withdrawn) continue;
    for (const amounts of line.amounts) {
      const total = byYear.get(amounts.year) ?? { cents: {}, lines: 0 };
      total.lines += 1;
      for (const figure of FUNDING_FIGURES) {
        const amount = amounts[figure];
        if (amount !== undefined) total.cents[figure] = (total.cents[figure] ?? 0) + toCents(amount);
      }
      byYear.set(amounts.year, total);
    }
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, { cents, lines: count }]): FundingTotal => {
      const total: FundingTotal = { year, lines: count };
      for (const figure of FUNDING_FIGURES) {
        const value = cents[figure];
        if (value !== undefined) total[figure] = fromCents(value);
      }
      return total;
    });
}

/** The FTE total of staff-time figures, summed in hundredths. */
export const totalFte = (times: Iterable<{ fte: number }>): number => {
  let hundredths = 0;
  for (const time of times) hundredths += Math.round(time.fte * 100);
  return hundredths / 100;
};

/** What a decision on the means reads of the contract. */
export interface MeansDecisionState {
  contractId: string;
  period: Period;
  means: MeansState;
}

const outsidePeriod = (year: number, { start, end }: Period, field: string) =>
  year < start || year > end
    ? refuse('invalid_value', `Année ${year} hors de la période du contrat (${start}-${end})`, field)
    : undefined;

function organisationOf(id: string, context: MeansContext | undefined, field: string) {
  const name = context?.organisations[id];
  return name === undefined
    ? refuse(
        'invalid_value',
        `L’organisation ${id} n’est pas dans le répertoire des organisations : ajoutez-la d’abord`,
        field,
      )
    : ({ organisationId: id, name } satisfies NamedOrganisation);
}

function actionProblem(
  actionId: string,
  state: MeansDecisionState,
  context: MeansContext | undefined,
  field: string,
) {
  const action = context?.actions[actionId];
  if (!action || action.contractId !== state.contractId)
    return refuse('invalid_value', `L’action ${actionId} n’est pas une action de ce contrat`, field);
  if (action.withdrawn)
    return refuse('invalid_value', `L’action ${action.code} a été retirée du plan`, field);
  return undefined;
}

/** Paid above committed is refused: no source shows a funder paying more than it committed. */
function figuresProblem(amounts: FundingYear, field: (figure: FundingFigure) => string) {
  if (
    amounts.paid !== undefined &&
    amounts.committed !== undefined &&
    toCents(amounts.paid) > toCents(amounts.committed)
  )
    return refuse(
      'invalid_value',
      `En ${amounts.year}, le montant payé (${frenchEuros(amounts.paid)}) dépasse le montant engagé (${frenchEuros(amounts.committed)}) : corrigez l’un ou l’autre`,
      field('paid'),
    );
  return undefined;
}

/** Means recorded after the fact take effect within the contract's years (the year before included, as a signature may). */
function effectiveOnProblem(command: EffectiveOn, { start, end }: Period) {
  if (command.effectiveOn === undefined) return undefined;
  const year = Number(command.effectiveOn.slice(0, 4));
  return year < start - 1 || year > end
    ? refuse(
        'invalid_value',
        `Date d’effet ${year} hors de la période du contrat (${start}-${end})`,
        'effectiveOn',
      )
    : undefined;
}

const CLEARED = null;

/** A year's figures without the unknown ones. */
function known(
  year: number,
  figures: Partial<Record<FundingFigure, number | null | undefined>>,
): FundingYear {
  const amounts: FundingYear = { year };
  for (const figure of FUNDING_FIGURES) {
    const value = figures[figure];
    if (value !== undefined && value !== CLEARED) amounts[figure] = value;
  }
  return amounts;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The means commands, on the contract's stream: allowed before and after
 * signature (the follow-up of what the contract costs, not the signed plan).
 */
export function decideMeans(
  command: MeansCommand,
  state: MeansDecisionState,
  context: MeansContext | undefined,
) {
  const { contractId, period, means } = state;
  switch (command.type) {
    case 'PlanFundingLine': {
      const { fundingLineId } = command;
      if (means.fundingLines[fundingLineId])
        return refuse(
          'already_exists',
          `La ligne de financement ${fundingLineId} existe déjà`,
          'fundingLineId',
        );
      const funder = organisationOf(command.funderId, context, 'funderId');
      if (funder instanceof Error) return funder;
      const lateProblem = effectiveOnProblem(command, period);
      if (lateProblem) return lateProblem;
      if (command.actionId !== undefined) {
        const problem = actionProblem(command.actionId, state, context, 'actionId');
        if (problem) return problem;
      }
      if (command.callForProjectsId !== undefined && !means.callsForProjects[command.callForProjectsId])
        return refuse(
          'invalid_value',
          `L’appel à projets ${command.callForProjectsId} n’est pas enregistré`,
          'callForProjectsId',
        );
      const years = command.amounts.map((amounts) => amounts.year);
      for (const [index, amounts] of command.amounts.entries()) {
        const problem =
          outsidePeriod(amounts.year, period, `amounts.${index}.year`) ??
          (years.indexOf(amounts.year) !== index
            ? refuse('invalid_value', `Deux fois l’année ${amounts.year}`, `amounts.${index}.year`)
            : undefined) ??
          figuresProblem(amounts, (figure) => `amounts.${index}.${figure}`);
        if (problem) return problem;
      }
      const amounts = command.amounts
        .map((figures) => known(figures.year, figures))
        .sort((a, b) => a.year - b.year);
      return [
        event(
          'FundingLinePlanned',
          {
            contractId,
            fundingLineId,
            funder,
            ...(command.actionId !== undefined ? { actionId: command.actionId } : {}),
            label: command.label,
            ...(command.source ? { source: command.source } : {}),
            ...(command.callForProjectsId !== undefined
              ? { callForProjectsId: command.callForProjectsId }
              : {}),
            amounts,
          },
          effectiveAt(command),
        ),
      ] satisfies MeansEvent[];
    }
    case 'UpdateFundingLine': {
      const line = means.fundingLines[command.fundingLineId];
      if (!line || line.withdrawn)
        return refuse(
          'not_found',
          `Ligne de financement ${command.fundingLineId} introuvable`,
          'fundingLineId',
        );
      const changes: Omit<
        Extract<MeansEvent, { type: 'FundingLineUpdated' }>['data'],
        'contractId' | 'fundingLineId'
      > = {};
      if (command.funderId !== undefined && command.funderId !== line.funder.organisationId) {
        const funder = organisationOf(command.funderId, context, 'funderId');
        if (funder instanceof Error) return funder;
        changes.funder = funder;
      }
      if (command.actionId !== undefined && command.actionId !== (line.actionId ?? null)) {
        if (command.actionId !== null) {
          const problem = actionProblem(command.actionId, state, context, 'actionId');
          if (problem) return problem;
        }
        changes.actionId = command.actionId;
      }
      if (command.label !== undefined && command.label !== line.label) changes.label = command.label;
      const source = command.source === '' ? null : command.source;
      if (source !== undefined && source !== (line.source ?? null)) changes.source = source;
      const call = command.callForProjectsId;
      if (call !== undefined && call !== (line.callForProjectsId ?? null)) {
        if (call !== null && !means.callsForProjects[call])
          return refuse(
            'invalid_value',
            `L’appel à projets ${call} n’est pas enregistré`,
            'callForProjectsId',
          );
        changes.callForProjectsId = call;
      }
      if (Object.keys(changes).length === 0) return refuse('invalid_value', 'Rien à modifier', 'label');
      return [
        event('FundingLineUpdated', { contractId, fundingLineId: command.fundingLineId, ...changes }),
      ] satisfies MeansEvent[];
    }
    case 'RecordFundingAmounts': {
      const line = means.fundingLines[command.fundingLineId];
      if (!line || line.withdrawn)
        return refuse(
          'not_found',
          `Ligne de financement ${command.fundingLineId} introuvable`,
          'fundingLineId',
        );
      const outside = outsidePeriod(command.year, period, 'year');
      if (outside) return outside;
      const before = line.amounts.find((amounts) => amounts.year === command.year) ?? { year: command.year };
      const after = known(command.year, {
        planned: command.planned === undefined ? before.planned : command.planned,
        committed: command.committed === undefined ? before.committed : command.committed,
        paid: command.paid === undefined ? before.paid : command.paid,
      });
      if (same(known(command.year, before), after))
        return refuse('invalid_value', `Rien à modifier pour ${command.year}`, 'planned');
      const problem = figuresProblem(after, (figure) =>
        command[figure] !== undefined ? figure : 'committed',
      );
      if (problem) return problem;
      return [
        event('FundingAmountsRecorded', { contractId, fundingLineId: command.fundingLineId, ...after }),
      ] satisfies MeansEvent[];
    }
    case 'WithdrawFundingLine': {
      const line = means.fundingLines[command.fundingLineId];
      if (!line)
        return refuse(
          'not_found',
          `Ligne de financement ${command.fundingLineId} introuvable`,
          'fundingLineId',
        );
      if (line.withdrawn) return refuse('already_done', 'Cette ligne de financement est déjà retirée');
      return [
        event('FundingLineWithdrawn', {
          contractId,
          fundingLineId: command.fundingLineId,
          reason: command.reason,
        }),
      ] satisfies MeansEvent[];
    }
    case 'RecordCallForProjects':
    case 'UpdateCallForProjects': {
      const { type: _, contractId: __, callForProjectsId, funderId, ...rest } = command;
      const effectiveOn = command.type === 'RecordCallForProjects' ? command.effectiveOn : undefined;
      const fields = Object.fromEntries(
        Object.entries(rest).filter(([key]) => key !== 'effectiveOn' && key !== 'effectiveOnPrecision'),
      );
      const lateProblem = effectiveOnProblem(effectiveOn === undefined ? {} : { effectiveOn }, period);
      if (lateProblem) return lateProblem;
      const existing = means.callsForProjects[callForProjectsId];
      if (command.type === 'RecordCallForProjects' && existing)
        return refuse(
          'already_exists',
          `L’appel à projets ${callForProjectsId} existe déjà`,
          'callForProjectsId',
        );
      if (command.type === 'UpdateCallForProjects' && !existing)
        return refuse('not_found', `Appel à projets ${callForProjectsId} introuvable`, 'callForProjectsId');
      const changes: Partial<CallForProjects> = {};
      if (funderId !== undefined && funderId !== existing?.funder.organisationId) {
        const funder = organisationOf(funderId, context, 'funderId');
        if (funder instanceof Error) return funder;
        changes.funder = funder;
      }
      for (const [field, value] of Object.entries(fields)) {
        if (value === undefined || (typeof value === 'string' && value === '')) continue;
        if (!existing || !same(value, Object.entries(existing).find(([key]) => key === field)?.[1]))
          Object.assign(changes, { [field]: value });
      }
      for (const [index, actionId] of (changes.actionIds ?? []).entries()) {
        const problem = actionProblem(actionId, state, context, `actionIds.${index}`);
        if (problem) return problem;
      }
      const call = { ...existing, ...changes };
      if (call.openedOn !== undefined && call.closesOn !== undefined && call.closesOn < call.openedOn)
        return refuse('invalid_value', 'L’appel à projets se clôt avant d’ouvrir', 'closesOn');
      if (!existing) {
        if (!changes.funder || call.title === undefined)
          return refuse('invalid_value', 'Financeur requis', 'funderId');
        return [
          event(
            'CallForProjectsRecorded',
            {
              contractId,
              callForProjectsId,
              ...changes,
              funder: changes.funder,
              title: call.title,
              actionIds: call.actionIds ?? [],
            },
            effectiveOn === undefined ? undefined : effectiveAt({ effectiveOn }),
          ),
        ] satisfies MeansEvent[];
      }
      if (Object.keys(changes).length === 0) return refuse('invalid_value', 'Rien à modifier', 'title');
      return [
        event('CallForProjectsUpdated', { contractId, callForProjectsId, ...changes }),
      ] satisfies MeansEvent[];
    }
    case 'RecordStaffTime': {
      const outside = outsidePeriod(command.year, period, 'year');
      if (outside) return outside;
      const organisation = organisationOf(command.organisationId, context, 'organisationId');
      if (organisation instanceof Error) return organisation;
      const lateProblem = effectiveOnProblem(command, period);
      if (lateProblem) return lateProblem;
      const existing = means.staffTime[staffTimeKey(command)];
      if (existing ? existing.fte === command.fte && existing.role === command.role : command.fte === 0)
        return refuse('invalid_value', 'Rien à modifier', 'fte');
      return [
        event(
          'StaffTimeRecorded',
          {
            contractId,
            year: command.year,
            role: command.role,
            organisation,
            fte: command.fte,
            ...(command.source ? { source: command.source } : {}),
          },
          effectiveAt(command),
        ),
      ] satisfies MeansEvent[];
    }
  }
}

/** The means after one of their events. */
export function evolveMeans(means: MeansState, e: MeansEvent): MeansState {
  switch (e.type) {
    case 'FundingLinePlanned': {
      const { contractId: _, fundingLineId, ...line } = e.data;
      return { ...means, fundingLines: { ...means.fundingLines, [fundingLineId]: line } };
    }
    case 'FundingLineUpdated': {
      const { contractId: _, fundingLineId, funder, actionId, label, source, callForProjectsId } = e.data;
      const line = means.fundingLines[fundingLineId];
      if (!line) return means;
      const next: FundingLineState = { ...line, ...(funder ? { funder } : {}), ...(label ? { label } : {}) };
      if (actionId === null) delete next.actionId;
      else if (actionId !== undefined) next.actionId = actionId;
      if (source === null) delete next.source;
      else if (source !== undefined) next.source = source;
      if (callForProjectsId === null) delete next.callForProjectsId;
      else if (callForProjectsId !== undefined) next.callForProjectsId = callForProjectsId;
      return { ...means, fundingLines: { ...means.fundingLines, [fundingLineId]: next } };
    }
    case 'FundingAmountsRecorded': {
      const { contractId: _, fundingLineId, ...amounts } = e.data;
      const line = means.fundingLines[fundingLineId];
      if (!line) return means;
      const others = line.amounts.filter((figures) => figures.year !== amounts.year);
      const next = [...others, amounts].sort((a, b) => a.year - b.year);
      return {
        ...means,
        fundingLines: { ...means.fundingLines, [fundingLineId]: { ...line, amounts: next } },
      };
    }
    case 'FundingLineWithdrawn': {
      const line = means.fundingLines[e.data.fundingLineId];
      if (!line) return means;
      return {
        ...means,
        fundingLines: { ...means.fundingLines, [e.data.fundingLineId]: { ...line, withdrawn: true } },
      };
    }
    case 'CallForProjectsRecorded': {
      const { contractId: _, callForProjectsId, ...call } = e.data;
      return { ...means, callsForProjects: { ...means.callsForProjects, [callForProjectsId]: call } };
    }
    case 'CallForProjectsUpdated': {
      const { contractId: _, callForProjectsId, ...changes } = e.data;
      const call = means.callsForProjects[callForProjectsId];
      if (!call) return means;
      return {
        ...means,
        callsForProjects: { ...means.callsForProjects, [callForProjectsId]: { ...call, ...changes } },
      };
    }
    case 'StaffTimeRecorded': {
      const { contractId: _, ...time } = e.data;
      const key = staffTimeKey({ ...time, organisationId: time.organisation.organisationId });
      return { ...means, staffTime: { ...means.staffTime, [key]: time } };
    }
  }
}
