import type { ActionPlanChange } from '../contract/commands.js';
import type { ContractStatus } from '../contract/decider.js';
import {
  amendmentHolds,
  deliverablePlannedTwice,
  needsAmendment,
  type PlanFiche,
  yearOutsidePeriod,
} from '../contract/plan.js';
import { type Decider, type DomainError, event, refuse } from '../decider.js';
import { effectiveAt, type Period, startOfDay } from '../values.js';
import type { ActionCommand, Progress } from './commands.js';
import type { ActionEvent, PlannedDeliverable, PlannedYears } from './events.js';
import { ACTION_STATUS_LABELS, type ActionStatus, actionStatusAfter } from './status.js';

export const PROGRESS_LABELS: Record<Progress, string> = {
  on_track: 'Conforme au calendrier',
  delayed: 'En retard',
  blocked: 'Bloquée',
};

/** What the command side loads from other streams before deciding. */
export interface ActionContext {
  /** The contract the action belongs to, folded from its stream; undefined when it does not exist. */
  contract?: {
    status: ContractStatus;
    period: Period;
    fiches: Record<string, PlanFiche>;
    /** The contract's signed avenants: their actions' changes, and the day they took effect. */
    signedAmendments?: Record<string, { signedOn: string; changes: ActionPlanChange[] }>;
    /** The contract's indicator catalogue: which fiche (and action) each indicator belongs to. */
    indicators?: Record<string, { ficheCode: string; actionId?: string }>;
  };
  /** Today (YYYY-MM-DD), for rules about the future. */
  today: string;
}

export interface ProducedDeliverable {
  title: string;
  producedOn: string;
  planned: boolean;
}

export interface ActionState {
  exists: boolean;
  status: ActionStatus;
  contractId: string;
  ficheCode: string;
  code: string;
  title: string;
  pilots: string[];
  partners: string[];
  plannedYears: PlannedYears;
  preparatory: boolean;
  /** First start. */
  startedOn?: string;
  /** Date of the last change of status (start, resumption, suspension…); undefined while planned. */
  statusSince?: string;
  plannedDeliverables: PlannedDeliverable[];
  /** By deliverable id. */
  produced: Record<string, ProducedDeliverable>;
  lastProgress?: { reportedOn: string; progress: Progress; percentComplete?: number };
  measurements: number;
  /** Withdrawn from the plan: kept in history, nothing more happens to it. */
  withdrawn: boolean;
}

type Contract = NonNullable<ActionContext['contract']>;

/** The refusal of a command in the action's current status. */
function wrongStatus(state: ActionState, what: string): DomainError {
  const why =
    state.status === 'planned'
      ? 'l’action n’a pas encore démarré'
      : `l’action est ${ACTION_STATUS_LABELS[state.status].toLowerCase()}`;
  return refuse('invalid_status', `${what} : ${why}`);
}

/**
 * Rules on the date of a fact about the action: within the contract's years (the year before
 * included, for preparatory work), not in the future, and not before `notBefore` when given.
 */
function checkDate(
  date: string,
  field: string,
  contract: Contract,
  today: string,
  notBefore?: { date: string | undefined; message: string },
): DomainError | undefined {
  const year = Number(date.slice(0, 4));
  const { start, end } = contract.period;
  if (year < start - 1 || year > end) {
    return refuse('invalid_value', `Date hors de la période du contrat (${start}-${end})`, field);
  }
  if (date > today) {
    return refuse(
      'invalid_value',
      `Date dans le futur (${date}) : seuls les faits accomplis sont enregistrés`,
      field,
    );
  }
  if (notBefore?.date !== undefined && date < notBefore.date) {
    return refuse('invalid_value', `${notBefore.message} (${notBefore.date})`, field);
  }
  return undefined;
}

export const actionDecider: Decider<ActionCommand, ActionEvent, ActionState, ActionContext> = {
  initialState: () => ({
    exists: false,
    status: 'planned',
    contractId: '',
    ficheCode: '',
    code: '',
    title: '',
    pilots: [],
    partners: [],
    plannedYears: { years: [], uncertain: false },
    preparatory: false,
    plannedDeliverables: [],
    produced: {},
    measurements: 0,
    withdrawn: false,
  }),

  evolve(state, e) {
    switch (e.type) {
      case 'ActionPlanned':
        return {
          ...state,
          ...actionStatusAfter(e),
          exists: true,
          contractId: e.data.contractId,
          ficheCode: e.data.ficheCode,
          code: e.data.code,
          title: e.data.title,
          pilots: e.data.pilots,
          partners: e.data.partners,
          plannedYears: e.data.plannedYears,
          preparatory: e.data.preparatory ?? false,
          plannedDeliverables: e.data.plannedDeliverables,
        };
      case 'ActionStarted':
        return { ...state, ...actionStatusAfter(e), startedOn: state.startedOn ?? e.data.startedOn };
      case 'ProgressReported': {
        const { reportedOn, progress, percentComplete } = e.data;
        return {
          ...state,
          lastProgress:
            percentComplete === undefined
              ? { reportedOn, progress }
              : { reportedOn, progress, percentComplete },
        };
      }
      case 'DeliverableProduced':
        return {
          ...state,
          produced: {
            ...state.produced,
            [e.data.deliverableId]: {
              title: e.data.title,
              producedOn: e.data.producedOn,
              planned: e.data.planned,
            },
          },
        };
      case 'IndicatorMeasured':
        return { ...state, measurements: state.measurements + 1 };
      case 'ActionCompleted':
      case 'ActionSuspended':
      case 'ActionAbandoned':
        return { ...state, ...actionStatusAfter(e) };
      case 'ActionUpdated': {
        const { title, pilots, partners, plannedYears, plannedDeliverables } = e.data;
        return {
          ...state,
          title: title ?? state.title,
          pilots: pilots ?? state.pilots,
          partners: partners ?? state.partners,
          plannedYears: plannedYears ?? state.plannedYears,
          plannedDeliverables: plannedDeliverables ?? state.plannedDeliverables,
        };
      }
      case 'ActionMoved':
        return { ...state, ficheCode: e.data.toFicheCode };
      case 'ActionWithdrawn':
        return { ...state, withdrawn: true };
    }
  },

  decide(command, state, context) {
    if (command.type === 'PlanAction') {
      if (state.exists) return refuse('already_exists', `L’action ${command.actionId} existe déjà`);
      const contract = context.contract;
      if (!contract) return refuse('not_found', `Contrat ${command.contractId} introuvable`, 'contractId');
      if (contract.status === 'closed') {
        return refuse('invalid_status', 'Le contrat est clos : on ne peut plus y prévoir d’action');
      }
      const fiche = contract.fiches[command.ficheCode];
      if (!fiche) {
        return refuse(
          'invalid_value',
          `La fiche-action ${command.ficheCode} n’existe pas dans ce contrat`,
          'ficheCode',
        );
      }
      if (fiche.withdrawn) {
        return refuse(
          'invalid_value',
          `La fiche-action ${command.ficheCode} a été retirée du plan`,
          'ficheCode',
        );
      }
      const invalid = checkPlanned(command, contract);
      if (invalid) return invalid;
      if (command.effectiveOn !== undefined) {
        const early = checkDate(command.effectiveOn, 'effectiveOn', contract, context.today);
        if (early) return early;
      }
      const amended = byAmendment(command, contract, command.contractId);
      if (amended instanceof Error) return amended;
      const { type: _, ...data } = command;
      return [event('ActionPlanned', data, amended ?? effectiveAt(command))];
    }

    if (!state.exists) return refuse('not_found', `Action ${command.actionId} introuvable`);
    const contract = context.contract;
    if (!contract) return refuse('not_found', `Contrat ${state.contractId} introuvable`);
    if (state.withdrawn) return refuse('invalid_status', 'L’action a été retirée du plan');
    const { today } = context;
    const sinceStart = { date: state.startedOn, message: 'Date antérieure au démarrage de l’action' };
    const sinceStatus = {
      date: state.statusSince,
      message: 'Date antérieure au dernier changement d’état de l’action',
    };

    switch (command.type) {
      case 'StartAction': {
        if (state.status === 'in_progress') return refuse('invalid_status', 'L’action est déjà en cours');
        if (state.status !== 'planned' && state.status !== 'suspended') {
          return wrongStatus(state, 'Démarrage impossible');
        }
        if (contract.status === 'closed') {
          return refuse('invalid_status', 'Le contrat est clos : l’action ne peut plus démarrer');
        }
        if (contract.status !== 'signed' && !state.preparatory) {
          return refuse(
            'invalid_status',
            'Le contrat n’est pas encore signé : seule une action préparatoire peut démarrer',
            undefined,
            { step: 'sign_contract', contractId: state.contractId },
          );
        }
        const invalid = checkDate(command.startedOn, 'startedOn', contract, today, {
          date: state.statusSince,
          message: 'La reprise ne peut précéder la suspension',
        });
        if (invalid) return invalid;
        const { type: _, ...data } = command;
        return [event('ActionStarted', data, startOfDay(command.startedOn))];
      }
      case 'ReportProgress': {
        if (state.status !== 'in_progress') return wrongStatus(state, 'Pas de point d’avancement');
        const invalid = checkDate(command.reportedOn, 'reportedOn', contract, today, sinceStart);
        if (invalid) return invalid;
        const { type: _, ...data } = command;
        return [event('ProgressReported', data, startOfDay(command.reportedOn))];
      }
      case 'ProduceDeliverable': {
        if (state.status !== 'in_progress') return wrongStatus(state, 'Pas de livrable');
        if (state.produced[command.deliverableId]) {
          return refuse(
            'already_done',
            `Le livrable ${command.deliverableId} est déjà produit`,
            'deliverableId',
          );
        }
        const invalid = checkDate(command.producedOn, 'producedOn', contract, today, sinceStart);
        if (invalid) return invalid;
        const planned = state.plannedDeliverables.some(
          (deliverable) => deliverable.deliverableId === command.deliverableId,
        );
        const { type: _, ...data } = command;
        return [event('DeliverableProduced', { ...data, planned }, startOfDay(command.producedOn))];
      }
      case 'MeasureIndicator': {
        if (state.status === 'planned' || state.status === 'abandoned') {
          return wrongStatus(state, 'Pas de mesure d’indicateur');
        }
        const { start, end } = contract.period;
        const { year } = command.period;
        if (year < start || year > end) {
          return refuse(
            'invalid_value',
            `L’année mesurée (${year}) est hors de la période du contrat (${start}-${end})`,
            'period',
          );
        }
        if (year > Number(command.measuredOn.slice(0, 4))) {
          return refuse(
            'invalid_value',
            `L’année ${year} ne peut être mesurée avant d’avoir commencé`,
            'period',
          );
        }
        const invalid = checkDate(command.measuredOn, 'measuredOn', contract, today);
        if (invalid) return invalid;
        if (command.indicatorId !== undefined) {
          const indicator = contract.indicators?.[command.indicatorId];
          if (!indicator)
            return refuse(
              'invalid_value',
              `L’indicateur ${command.indicatorId} n’est pas au catalogue du contrat`,
              'indicatorId',
            );
          if (
            indicator.ficheCode !== state.ficheCode ||
            (indicator.actionId !== undefined && indicator.actionId !== command.actionId)
          )
            return refuse(
              'invalid_value',
              'Cet indicateur n’appartient ni à cette action ni à sa fiche-action',
              'indicatorId',
            );
        }
        const { type: _, ...data } = command;
        return [event('IndicatorMeasured', data, startOfDay(command.measuredOn))];
      }
      case 'CompleteAction': {
        if (state.status !== 'in_progress') return wrongStatus(state, 'Réalisation impossible');
        const invalid = checkDate(command.completedOn, 'completedOn', contract, today, sinceStatus);
        if (invalid) return invalid;
        const { type: _, ...data } = command;
        return [event('ActionCompleted', data, startOfDay(command.completedOn))];
      }
      case 'SuspendAction': {
        if (state.status !== 'in_progress') return wrongStatus(state, 'Suspension impossible');
        const invalid = checkDate(command.suspendedOn, 'suspendedOn', contract, today, sinceStatus);
        if (invalid) return invalid;
        const { type: _, ...data } = command;
        return [event('ActionSuspended', data, startOfDay(command.suspendedOn))];
      }
      case 'AbandonAction': {
        if (state.status === 'completed' || state.status === 'abandoned') {
          return wrongStatus(state, 'Abandon impossible');
        }
        const invalid = checkDate(command.abandonedOn, 'abandonedOn', contract, today, sinceStatus);
        if (invalid) return invalid;
        const { type: _, ...data } = command;
        return [event('ActionAbandoned', data, startOfDay(command.abandonedOn))];
      }
      case 'UpdateAction': {
        if (contract.status === 'closed') return refuse('invalid_status', 'Le contrat est clos');
        const { type: _, actionId: __, amendmentId: ___, ...fields } = command;
        if (Object.values(fields).every((value) => value === undefined))
          return refuse('invalid_value', 'Rien à modifier', 'title');
        const amended = byAmendment(command, contract, state.contractId);
        if (amended instanceof Error) return amended;
        const invalid = checkPlanned(command, contract);
        if (invalid) return invalid;
        const { type: _t, ...data } = command;
        return [event('ActionUpdated', data, amended)];
      }
      case 'MoveAction': {
        if (contract.status === 'closed') return refuse('invalid_status', 'Le contrat est clos');
        const amended = byAmendment(command, contract, state.contractId);
        if (amended instanceof Error) return amended;
        const fiche = contract.fiches[command.toFicheCode];
        if (!fiche || fiche.withdrawn) {
          return refuse(
            'invalid_value',
            fiche
              ? `La fiche-action ${command.toFicheCode} a été retirée du plan`
              : `La fiche-action ${command.toFicheCode} n’existe pas dans ce contrat`,
            'toFicheCode',
          );
        }
        if (command.toFicheCode === state.ficheCode)
          return refuse(
            'invalid_value',
            `L’action est déjà dans la fiche-action ${state.ficheCode}`,
            'toFicheCode',
          );
        const { amendmentId } = command;
        return [
          event(
            'ActionMoved',
            {
              actionId: command.actionId,
              fromFicheCode: state.ficheCode,
              toFicheCode: command.toFicheCode,
              ...(amendmentId === undefined ? {} : { amendmentId }),
            },
            amended,
          ),
        ];
      }
      case 'WithdrawAction': {
        if (contract.status === 'closed') return refuse('invalid_status', 'Le contrat est clos');
        const amended = byAmendment(command, contract, state.contractId);
        if (amended instanceof Error) return amended;
        const { type: _, ...data } = command;
        return [event('ActionWithdrawn', data, amended)];
      }
    }
  },
};

/** The planned years and deliverables of a plan or an update of an action, against its contract. */
function checkPlanned(
  command: {
    plannedYears?: PlannedYears | undefined;
    plannedDeliverables?: PlannedDeliverable[] | undefined;
  },
  contract: Contract,
): DomainError | undefined {
  const outside = command.plannedYears && yearOutsidePeriod(command.plannedYears.years, contract.period);
  if (outside !== undefined) {
    const { start, end } = contract.period;
    return refuse(
      'invalid_value',
      `L’année ${outside} est hors de la période du contrat (${start}-${end})`,
      'plannedYears',
    );
  }
  const twice = command.plannedDeliverables && deliverablePlannedTwice(command.plannedDeliverables);
  if (twice !== undefined) {
    return refuse('invalid_value', `Le livrable ${twice} est prévu deux fois`, 'plannedDeliverables');
  }
  return undefined;
}

/**
 * A change of the plan of a signed contract: only as one of the changes of a
 * signed avenant (`amendmentId`), dated on the avenant's signature (the business
 * day returned); before signature, a direct change (no date). Adding an action
 * to a signed contract goes through an avenant too, as adding an axis or a fiche does.
 */
function byAmendment(
  command: ActionCommand & { amendmentId?: string | undefined },
  contract: Contract,
  contractId: string,
): string | undefined | DomainError {
  const { amendmentId } = command;
  if (amendmentId === undefined) {
    // Once the contract is signed, every change of its plan — a new action too — goes through an avenant.
    if (contract.status === 'signed') return needsAmendment(contractId);
    return undefined;
  }
  const amendment = contract.signedAmendments?.[amendmentId];
  if (!amendment) return refuse('invalid_status', `L’avenant ${amendmentId} n’est pas signé`, 'amendmentId');
  if (!amendmentHolds(amendment.changes, command))
    return refuse('invalid_value', `L’avenant ${amendmentId} ne prévoit pas ce changement`, 'amendmentId');
  return startOfDay(amendment.signedOn);
}
