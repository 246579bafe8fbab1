import { type DomainError, event, refuse } from '../decider.js';
import type { Period } from '../values.js';
import {
  type ActionPlanChange,
  type ContractPlanChange,
  isActionPlanChange,
  type PlanChange,
} from './commands.js';
import type { ContractState } from './decider.js';
import type { ContractEvent } from './events.js';

/*
 * The plan of a contract (axes → fiches-actions → actions) and how it changes:
 * directly while the contract is a draft, through an avenant (amendment) once
 * it is signed. One rule per change, used by the direct commands, by a draft
 * avenant (checked when drafted) and by its signature (checked again, then
 * applied).
 */

export interface PlanAxis {
  title: string;
  /** Withdrawn: kept in history, hidden from the live plan. */
  withdrawn?: boolean;
}

export interface PlanFiche {
  axisCode: string;
  title: string;
  withdrawn?: boolean;
}

export const AMENDMENT_STATUSES = ['draft', 'signed', 'withdrawn'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];
export const AMENDMENT_STATUS_LABELS: Record<AmendmentStatus, string> = {
  draft: 'Projet',
  signed: 'Signé',
  withdrawn: 'Retiré',
};

export interface AmendmentState {
  status: AmendmentStatus;
  title: string;
  summary?: string;
  changes: PlanChange[];
  /** Signature day by party (organisation). */
  signedBy: Record<string, string>;
  /** The last party's signature day, once every party signed. */
  signedOn?: string;
}

/** The step a signed contract's plan change misses: the UI links it to the avenants. */
export const NEEDS_AMENDMENT_MESSAGE =
  'Le contrat est signé : ce changement passe par un avenant. Préparez-le dans « Avenants ».';
export const needsAmendment = (contractId: string): DomainError =>
  refuse('needs_amendment', NEEDS_AMENDMENT_MESSAGE, undefined, { step: 'draft_amendment', contractId });

/**
 * A live (not withdrawn) action of the contract, by id: its code and its fiche.
 * The actions live on their own streams; the command side folds them for the
 * contract's decisions that need them (see `ContractContext`).
 */
export interface LiveAction {
  code: string;
  ficheCode: string;
}
export type LiveActions = Readonly<Record<string, LiveAction>>;

/** The codes of the live actions of a fiche, in code order. */
export const liveActionsOf = (actions: LiveActions, ficheCode: string): string[] =>
  Object.values(actions)
    .filter((action) => action.ficheCode === ficheCode)
    .map((action) => action.code)
    .sort();

/** Whether an axis or fiche is in the live plan. */
const live = (item: { withdrawn?: boolean } | undefined): item is NonNullable<typeof item> =>
  item !== undefined && !item.withdrawn;

/** The codes of the live fiches of an axis. */
export const liveFichesOf = (state: Pick<ContractState, 'fiches'>, axisCode: string): string[] =>
  Object.entries(state.fiches)
    .filter(([, fiche]) => live(fiche) && fiche.axisCode === axisCode)
    .map(([code]) => code);

/** The state after a plan or avenant event (the other contract events are folded by the decider). */
export function evolvePlan(state: ContractState, e: ContractEvent): ContractState {
  switch (e.type) {
    case 'AxisDefined':
      return { ...state, axes: { ...state.axes, [e.data.code]: { title: e.data.title } } };
    case 'AxisUpdated': {
      const axis = state.axes[e.data.code];
      if (!axis || e.data.title === undefined) return state;
      return { ...state, axes: { ...state.axes, [e.data.code]: { ...axis, title: e.data.title } } };
    }
    case 'AxisWithdrawn': {
      const axis = state.axes[e.data.code];
      if (!axis) return state;
      return { ...state, axes: { ...state.axes, [e.data.code]: { ...axis, withdrawn: true } } };
    }
    case 'FicheActionDefined':
      return {
        ...state,
        fiches: { ...state.fiches, [e.data.code]: { axisCode: e.data.axisCode, title: e.data.title } },
      };
    case 'FicheActionUpdated':
    case 'FicheActionMoved':
    case 'FicheActionWithdrawn': {
      const fiche = state.fiches[e.data.code];
      if (!fiche) return state;
      const changed =
        e.type === 'FicheActionUpdated'
          ? { ...fiche, title: e.data.title ?? fiche.title }
          : e.type === 'FicheActionMoved'
            ? { ...fiche, axisCode: e.data.toAxisCode }
            : { ...fiche, withdrawn: true };
      return { ...state, fiches: { ...state.fiches, [e.data.code]: changed } };
    }
    case 'AmendmentDrafted':
    case 'AmendmentDraftEdited': {
      const { title, summary, changes, amendmentId } = e.data;
      const signedBy = state.amendmentsById[amendmentId]?.signedBy ?? {};
      const amendment: AmendmentState = {
        status: 'draft',
        title,
        changes,
        signedBy,
        ...(summary === undefined ? {} : { summary }),
      };
      return { ...state, amendmentsById: { ...state.amendmentsById, [amendmentId]: amendment } };
    }
    case 'AmendmentDraftWithdrawn':
    case 'AmendmentPartySigned':
    case 'AmendmentSigned': {
      const amendment = state.amendmentsById[e.data.amendmentId];
      if (!amendment) return state;
      const changed: AmendmentState =
        e.type === 'AmendmentDraftWithdrawn'
          ? { ...amendment, status: 'withdrawn' }
          : e.type === 'AmendmentPartySigned'
            ? { ...amendment, signedBy: { ...amendment.signedBy, [e.data.party]: e.data.signedOn } }
            : { ...amendment, status: 'signed', signedOn: e.data.signedOn };
      return { ...state, amendmentsById: { ...state.amendmentsById, [e.data.amendmentId]: changed } };
    }
    default:
      return state;
  }
}

/** A plan change as a direct command or an avenant carries it (the command also names its contract). */
type ContractChangeInput = ContractPlanChange & { contractId?: string };

/** A change that changes nothing is refused: its fields besides the code. */
const changesSomething = (fields: Record<string, unknown>) =>
  Object.entries(fields).some(([key, value]) => key !== 'code' && value !== undefined);

/**
 * The events of one change of the plan's axes and fiches on `state`, or why it
 * is refused; `amendmentId` marks the events of an avenant. `actions` are the
 * contract's live actions (a fiche that still has some is not withdrawn).
 */
export function decidePlanChange(
  change: ContractChangeInput,
  state: ContractState,
  amendmentId?: string,
  actions: LiveActions = {},
): ContractEvent[] | DomainError {
  const { contractId } = state;
  const by = amendmentId === undefined ? {} : { amendmentId };
  switch (change.type) {
    case 'DefineAxis': {
      const { type: _, contractId: __, ...fields } = change;
      const axis = state.axes[change.code];
      if (axis)
        return refuse(
          'already_exists',
          axis.withdrawn
            ? `Le code d’axe ${change.code} a servi à un axe retiré : choisissez-en un autre`
            : `L'axe ${change.code} existe déjà`,
          'code',
        );
      return [event('AxisDefined', { contractId, ...fields, ...by })];
    }
    case 'UpdateAxis': {
      const { type: _, contractId: __, ...fields } = change;
      if (!live(state.axes[change.code]))
        return refuse('invalid_value', `L'axe ${change.code} n'est pas dans le plan`, 'code');
      if (!changesSomething(fields)) return refuse('invalid_value', 'Rien à modifier', 'code');
      return [event('AxisUpdated', { contractId, ...fields, ...by })];
    }
    case 'WithdrawAxis': {
      if (!live(state.axes[change.code]))
        return refuse('invalid_value', `L'axe ${change.code} n'est pas dans le plan`, 'code');
      const fiches = liveFichesOf(state, change.code);
      if (fiches.length > 0) {
        return refuse(
          'invalid_status',
          `L'axe ${change.code} a encore ${fiches.length > 1 ? 'les fiches-actions' : 'la fiche-action'} ${fiches.join(', ')} : déplacez-les ou retirez-les d’abord`,
          'code',
        );
      }
      return [event('AxisWithdrawn', { contractId, code: change.code, reason: change.reason, ...by })];
    }
    case 'DefineFicheAction': {
      const { type: _, contractId: __, ...fields } = change;
      if (!live(state.axes[change.axisCode])) {
        return refuse('invalid_value', `L'axe ${change.axisCode} n'existe pas dans ce contrat`, 'axisCode');
      }
      const fiche = state.fiches[change.code];
      if (fiche) {
        return refuse(
          'already_exists',
          fiche.withdrawn
            ? `Le code ${change.code} a servi à une fiche-action retirée : choisissez-en un autre`
            : `La fiche-action ${change.code} existe déjà`,
          'code',
        );
      }
      return [event('FicheActionDefined', { contractId, ...fields, ...by })];
    }
    case 'UpdateFicheAction': {
      const { type: _, contractId: __, ...fields } = change;
      if (!live(state.fiches[change.code]))
        return refuse('invalid_value', `La fiche-action ${change.code} n’est pas dans le plan`, 'code');
      if (!changesSomething(fields)) return refuse('invalid_value', 'Rien à modifier', 'code');
      return [event('FicheActionUpdated', { contractId, ...fields, ...by })];
    }
    case 'MoveFicheAction': {
      const fiche = state.fiches[change.code];
      if (!live(fiche))
        return refuse('invalid_value', `La fiche-action ${change.code} n’est pas dans le plan`, 'code');
      if (!live(state.axes[change.toAxisCode]))
        return refuse('invalid_value', `L'axe ${change.toAxisCode} n'est pas dans le plan`, 'toAxisCode');
      if (fiche.axisCode === change.toAxisCode)
        return refuse(
          'invalid_value',
          `La fiche-action est déjà dans l'axe ${change.toAxisCode}`,
          'toAxisCode',
        );
      return [
        event('FicheActionMoved', {
          contractId,
          code: change.code,
          fromAxisCode: fiche.axisCode,
          toAxisCode: change.toAxisCode,
          ...by,
        }),
      ];
    }
    case 'WithdrawFicheAction': {
      if (!live(state.fiches[change.code]))
        return refuse('invalid_value', `La fiche-action ${change.code} n’est pas dans le plan`, 'code');
      const codes = liveActionsOf(actions, change.code);
      if (codes.length > 0) {
        return refuse(
          'invalid_status',
          codes.length > 1
            ? `La fiche-action ${change.code} a encore les actions ${codes.join(', ')} : déplacez-les ou retirez-les d’abord`
            : `La fiche-action ${change.code} a encore l’action ${codes[0]} : déplacez-la ou retirez-la d’abord`,
          'code',
        );
      }
      return [event('FicheActionWithdrawn', { contractId, code: change.code, reason: change.reason, ...by })];
    }
    case 'ReorderPlan': {
      const { level, parentCode, order } = change;
      if (new Set(order).size !== order.length)
        return refuse('invalid_value', 'Un élément figure deux fois dans l’ordre', 'order');
      let expected: string[] | undefined;
      if (level === 'axes') {
        expected = Object.keys(state.axes).filter((code) => live(state.axes[code]));
      } else if (level === 'fiches') {
        if (parentCode === undefined || !live(state.axes[parentCode]))
          return refuse('invalid_value', 'Axe à réordonner inconnu', 'parentCode');
        expected = liveFichesOf(state, parentCode);
      } else if (parentCode === undefined || !live(state.fiches[parentCode])) {
        return refuse('invalid_value', 'Fiche-action à réordonner inconnue', 'parentCode');
      }
      // The actions live on their own streams: their ids are not checked here.
      if (expected && (expected.length !== order.length || expected.some((code) => !order.includes(code)))) {
        return refuse(
          'invalid_value',
          `L’ordre doit reprendre exactement : ${[...expected].sort().join(', ')}`,
          'order',
        );
      }
      return [
        event('PlanReordered', {
          contractId,
          level,
          ...(parentCode === undefined ? {} : { parentCode }),
          order,
          ...by,
        }),
      ];
    }
  }
}

/** Years of an action outside the contract's period: the first one, if any. */
export const yearOutsidePeriod = (years: number[], { start, end }: Period): number | undefined =>
  years.find((year) => year < start || year > end);

/** A deliverable id planned twice, if any. */
export const deliverablePlannedTwice = (deliverables: { deliverableId: string }[]): string | undefined => {
  const ids = deliverables.map((deliverable) => deliverable.deliverableId);
  return ids.find((id, index) => ids.indexOf(id) !== index);
};

/** What the contract can check of an action's change (the rest is the action's decider's, when applied). */
function checkActionChange(
  change: ActionPlanChange,
  state: ContractState,
  plannedHere: Set<string>,
): DomainError | undefined {
  const years =
    change.type === 'PlanAction' || change.type === 'UpdateAction' ? change.plannedYears : undefined;
  const outside = years && yearOutsidePeriod(years.years, state.period);
  if (outside !== undefined)
    return refuse(
      'invalid_value',
      `L’année ${outside} est hors de la période du contrat (${state.period.start}-${state.period.end})`,
    );
  const deliverables =
    change.type === 'PlanAction' || change.type === 'UpdateAction' ? change.plannedDeliverables : undefined;
  const twice = deliverables && deliverablePlannedTwice(deliverables);
  if (twice !== undefined) return refuse('invalid_value', `Le livrable ${twice} est prévu deux fois`);
  const fiche =
    change.type === 'PlanAction'
      ? change.ficheCode
      : change.type === 'MoveAction'
        ? change.toFicheCode
        : undefined;
  if (fiche !== undefined && !live(state.fiches[fiche]))
    return refuse('invalid_value', `La fiche-action ${fiche} n’est pas dans le plan`);
  if (change.type === 'PlanAction') {
    if (plannedHere.has(change.actionId))
      return refuse('invalid_value', `L’action ${change.actionId} est prévue deux fois`);
    plannedHere.add(change.actionId);
  }
  return undefined;
}

/** The live actions after an avenant's change of an action (as it will be made on the action's stream). */
function actionsAfter(actions: LiveActions, change: ActionPlanChange): LiveActions {
  switch (change.type) {
    case 'PlanAction':
      return { ...actions, [change.actionId]: { code: change.code, ficheCode: change.ficheCode } };
    case 'MoveAction': {
      const action = actions[change.actionId];
      return action
        ? { ...actions, [change.actionId]: { ...action, ficheCode: change.toFicheCode } }
        : actions;
    }
    case 'WithdrawAction': {
      const { [change.actionId]: _, ...rest } = actions;
      return rest;
    }
    case 'UpdateAction':
      return actions;
  }
}

/**
 * An avenant's changes checked in turn on the plan as each leaves it: the
 * events of its changes of axes and fiches (the actions' changes are made on
 * their own streams once it is signed), or the first refusal, naming the change.
 * `actions` are the contract's live actions before the avenant; its own moves
 * and withdrawals of actions count for the changes after them (an avenant may
 * move a fiche's actions out, then withdraw the fiche).
 */
export function applyPlanChanges(
  state: ContractState,
  changes: PlanChange[],
  amendmentId: string,
  actions: LiveActions = {},
): ContractEvent[] | DomainError {
  let running = state;
  let runningActions = actions;
  const events: ContractEvent[] = [];
  const plannedHere = new Set<string>();
  for (const [index, change] of changes.entries()) {
    const decided = isActionPlanChange(change)
      ? (checkActionChange(change, running, plannedHere) ?? [])
      : decidePlanChange(change, running, amendmentId, runningActions);
    if (!Array.isArray(decided)) {
      return refuse(decided.code, `Changement n°${index + 1} : ${decided.message}`, 'changes');
    }
    if (isActionPlanChange(change)) runningActions = actionsAfter(runningActions, change);
    for (const planEvent of decided) running = evolvePlan(running, planEvent);
    events.push(...decided);
  }
  return events;
}

/** Keys in a stable order, to compare a command with the change an avenant carries. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, member]) => [key, canonical(member)]),
    );
  return value;
}

/** Equal values whatever the order of their objects' keys (undefined members left out). */
export const sameValue = (a: unknown, b: unknown): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * Whether an avenant's changes hold this action command (its type and fields;
 * the contract and the avenant's id aside): what lets a signed avenant change an
 * action of a signed contract.
 */
export function amendmentHolds(
  changes: readonly PlanChange[],
  command: { type: string } & Record<string, unknown>,
): boolean {
  const { amendmentId: _, contractId: __, ...fields } = command;
  const wanted = JSON.stringify(canonical(fields));
  return changes.some((change) => JSON.stringify(canonical(change)) === wanted);
}
