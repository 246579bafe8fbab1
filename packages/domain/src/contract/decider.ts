import { type Decider, event, refuse } from '../decider.js';
import { type EffectiveOn, effectiveAt, isWithinPeriod, type Period, startOfDay } from '../values.js';
import type { ContractCommand, DraftContract } from './commands.js';
import type { ContractEvent, Signatory } from './events.js';

export const CONTRACT_STATUSES = ['draft', 'signed', 'closed'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: 'En préparation',
  signed: 'Signé',
  closed: 'Clos',
};

export interface ContractState {
  exists: boolean;
  status: ContractStatus;
  name: string;
  period: Period;
  parties: Signatory[];
  signedOn?: string;
  signatories: Signatory[];
  axes: Record<string, { title: string }>;
  fiches: Record<string, { axisCode: string; title: string }>;
  governanceBodies: string[];
  facts: string[];
  amendments: number;
}

/**
 * A plan recorded after the fact takes effect within the contract's years (the
 * year before included, as a signature may be), never outside them.
 */
function checkEffectiveOn(command: EffectiveOn, period: Period) {
  if (command.effectiveOn === undefined) return undefined;
  const year = Number(command.effectiveOn.slice(0, 4));
  if (year < period.start - 1 || year > period.end) {
    return refuse(
      'invalid_value',
      `Date d’effet hors de la période du contrat (${period.start}-${period.end})`,
      'effectiveOn',
    );
  }
  return undefined;
}

/** What is wrong with a draft's optional setup (previous contract, commitments), if anything. */
function draftProblem(command: DraftContract) {
  if (command.previousContractId === command.contractId) {
    return refuse('invalid_value', 'Un contrat ne peut pas faire suite à lui-même', 'previousContractId');
  }
  const parties = command.parties.map((party) => party.organisation);
  for (const [index, commitment] of (command.commitments ?? []).entries()) {
    if (!parties.includes(commitment.organisation)) {
      return refuse(
        'invalid_value',
        `${commitment.organisation} s’engage sans être partie au contrat : ajoutez-la aux parties`,
        `commitments.${index}.organisation`,
      );
    }
    const outside = commitment.money?.find(
      (money) => money.year < command.period.start || money.year > command.period.end,
    );
    if (outside) {
      return refuse(
        'invalid_value',
        `Engagement financier de ${commitment.organisation} en ${outside.year}, hors de la période du contrat (${command.period.start}-${command.period.end})`,
        `commitments.${index}.money`,
      );
    }
  }
  const committed = (command.commitments ?? []).map((commitment) => commitment.organisation);
  const twice = committed.find((name, index) => committed.indexOf(name) !== index);
  if (twice) return refuse('invalid_value', `${twice} a deux lignes d’engagements`, 'commitments');
  return undefined;
}

export const contractDecider: Decider<ContractCommand, ContractEvent, ContractState> = {
  initialState: () => ({
    exists: false,
    status: 'draft',
    name: '',
    period: { start: 0, end: 0 },
    parties: [],
    signatories: [],
    axes: {},
    fiches: {},
    governanceBodies: [],
    facts: [],
    amendments: 0,
  }),

  evolve(state, e) {
    switch (e.type) {
      case 'ContractDrafted':
        return { ...state, exists: true, name: e.data.name, period: e.data.period, parties: e.data.parties };
      case 'AxisDefined':
        return { ...state, axes: { ...state.axes, [e.data.code]: { title: e.data.title } } };
      case 'FicheActionDefined':
        return {
          ...state,
          fiches: { ...state.fiches, [e.data.code]: { axisCode: e.data.axisCode, title: e.data.title } },
        };
      case 'ContractSigned':
        return { ...state, status: 'signed', signedOn: e.data.signedOn, signatories: e.data.signatories };
      case 'ContractAmended':
        return { ...state, amendments: state.amendments + 1 };
      case 'ContractClosed':
        return { ...state, status: 'closed' };
      case 'GovernanceBodyDefined':
        return { ...state, governanceBodies: [...state.governanceBodies, e.data.body] };
      case 'GovernanceBodyUpdated':
        return state;
      case 'FactRecorded':
        return { ...state, facts: [...state.facts, e.data.factId] };
    }
  },

  decide(command, state) {
    if (command.type === 'DraftContract') {
      if (state.exists) return refuse('already_exists', `Le contrat ${command.contractId} existe déjà`);
      const invalid = checkEffectiveOn(command, command.period);
      if (invalid) return invalid;
      const problem = draftProblem(command);
      if (problem) return problem;
      const { type: _, ...data } = command;
      return [event('ContractDrafted', data, effectiveAt(command))];
    }
    if (!state.exists) return refuse('not_found', `Contrat ${command.contractId} introuvable`);
    if (state.status === 'closed')
      return refuse('invalid_status', 'Le contrat est clos : il ne peut plus changer');

    switch (command.type) {
      case 'DefineAxis': {
        if (state.axes[command.code])
          return refuse('already_exists', `L'axe ${command.code} existe déjà`, 'code');
        const invalid = checkEffectiveOn(command, state.period);
        if (invalid) return invalid;
        const { type: _, ...data } = command;
        return [event('AxisDefined', data, effectiveAt(command))];
      }
      case 'DefineFicheAction': {
        if (!state.axes[command.axisCode]) {
          return refuse(
            'invalid_value',
            `L'axe ${command.axisCode} n'existe pas dans ce contrat`,
            'axisCode',
          );
        }
        if (state.fiches[command.code]) {
          return refuse('already_exists', `La fiche-action ${command.code} existe déjà`, 'code');
        }
        const invalid = checkEffectiveOn(command, state.period);
        if (invalid) return invalid;
        const { type: _, ...data } = command;
        return [event('FicheActionDefined', data, effectiveAt(command))];
      }
      case 'SignContract': {
        if (state.status === 'signed') return refuse('already_done', 'Le contrat est déjà signé');
        // A contract is often signed in the months before its first year.
        const year = Number(command.signedOn.slice(0, 4));
        if (year < state.period.start - 1 || year > state.period.end) {
          return refuse(
            'invalid_value',
            `Date de signature hors de la période du contrat (${state.period.start}-${state.period.end})`,
            'signedOn',
          );
        }
        const organisations = command.signatories.map((signatory) => signatory.organisation);
        const twice = organisations.find((name, index) => organisations.indexOf(name) !== index);
        if (twice)
          return refuse('invalid_value', `${twice} figure deux fois parmi les signataires`, 'signatories');
        const { type: _, ...data } = command;
        return [event('ContractSigned', data, startOfDay(command.signedOn))];
      }
      case 'AmendContract': {
        if (state.status !== 'signed')
          return refuse('invalid_status', 'Seul un contrat signé peut faire l’objet d’un avenant');
        if (!isWithinPeriod(command.amendedOn, state.period)) {
          return refuse('invalid_value', 'Date de l’avenant hors de la période du contrat', 'amendedOn');
        }
        if (state.signedOn && command.amendedOn < state.signedOn) {
          return refuse('invalid_value', 'Un avenant ne peut précéder la signature du contrat', 'amendedOn');
        }
        const { type: _, ...data } = command;
        return [event('ContractAmended', data, startOfDay(command.amendedOn))];
      }
      case 'DefineGovernanceBody': {
        if (state.governanceBodies.includes(command.body)) {
          return refuse('already_exists', `L'instance « ${command.body} » existe déjà`, 'body');
        }
        const { type: _, ...data } = command;
        return [event('GovernanceBodyDefined', data)];
      }
      case 'UpdateGovernanceBody': {
        if (!state.governanceBodies.includes(command.body)) {
          return refuse('not_found', `L'instance « ${command.body} » n'existe pas dans ce contrat`, 'body');
        }
        const { type: _, ...data } = command;
        return [event('GovernanceBodyUpdated', data)];
      }
      case 'RecordFact': {
        if (state.facts.includes(command.factId))
          return refuse('already_exists', `Le fait ${command.factId} est déjà enregistré`, 'factId');
        const { type: _, ...data } = command;
        // Business time: the start of what the date covers (its precision stays in the data).
        const start = command.date.split('/')[0] as string;
        const day = start.length === 4 ? `${start}-01-01` : start.length === 7 ? `${start}-01` : start;
        return [event('FactRecorded', data, startOfDay(day))];
      }
      case 'CloseContract': {
        if (state.status !== 'signed')
          return refuse('invalid_status', 'Seul un contrat signé peut être clos');
        if (state.signedOn && command.closedOn < state.signedOn) {
          return refuse('invalid_value', 'La clôture ne peut précéder la signature', 'closedOn');
        }
        const { type: _, ...data } = command;
        return [event('ContractClosed', data, startOfDay(command.closedOn))];
      }
    }
  },
};
