import { type Decider, type DomainError, event, refuse } from '../decider.js';
import type { IndicatorDefinition } from '../indicator/events.js';
import { decideIndicator, evolveIndicators } from '../indicator/rules.js';
import { decideMeans, emptyMeans, evolveMeans, type MeansContext, type MeansState } from '../means/rules.js';
import {
  type EffectiveOn,
  effectiveAt,
  isWithinPeriod,
  type Period,
  sameNameIn,
  startOfDay,
} from '../values.js';
import type { Commitment, ContractCommand, DraftContract, UpdateContractDraft } from './commands.js';
import type { ContractDrafted, ContractEvent, Signatory } from './events.js';
import {
  type AmendmentState,
  applyPlanChanges,
  decidePlanChange,
  evolvePlan,
  type LiveActions,
  needsAmendment,
  type PlanAxis,
  type PlanFiche,
  sameValue,
} from './plan.js';

export const CONTRACT_STATUSES = ['draft', 'signed', 'closed'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: 'En préparation',
  signed: 'Signé',
  closed: 'Clos',
};

export interface ContractState {
  exists: boolean;
  contractId: string;
  status: ContractStatus;
  name: string;
  period: Period;
  parties: Signatory[];
  territory: ContractDrafted['data']['territory'];
  porteur?: string;
  previousContractId?: string;
  commitments: Commitment[];
  /** The business date of the draft (DraftContract's `effectiveOn`), checked again when the period changes. */
  effectiveOn?: string;
  signedOn?: string;
  signatories: Signatory[];
  /** Signed, its signatories unknown (the source names none): nobody the platform knows can sign an avenant. */
  signatoriesUnknown: boolean;
  /** Every axis and fiche ever defined, the withdrawn ones flagged (their codes are not reused). */
  axes: Record<string, PlanAxis>;
  fiches: Record<string, PlanFiche>;
  governanceBodies: string[];
  facts: string[];
  /** Avenants recorded by AmendContract (summary only). */
  amendments: number;
  /** Avenants carrying plan changes, by id. */
  amendmentsById: Record<string, AmendmentState>;
  /** The indicator catalogue, by indicator id. */
  indicators: Record<string, IndicatorDefinition>;
  /** Funding lines, calls for projects and staff time (annex 4, sections 5, 11 and 12). */
  means: MeansState;
}

/**
 * What the command side loads from other streams before deciding: the
 * contract's live actions (each on its own stream), for the commands that
 * withdraw a fiche — directly or in an avenant drafted, edited or signed — so
 * that a fiche that still has actions is not withdrawn. Absent for the other
 * commands (see `contractNeedsActions` in command-routing.ts).
 */
export interface ContractContext {
  actions?: LiveActions;
  /** The organisations and actions a means command names. */
  means?: MeansContext;
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

/**
 * What a command that defines part of the contract decides, dated at the
 * `effectiveOn` it gives (a plan, a body or an indicator recorded after the
 * fact takes effect on its source's date), within the contract's years.
 */
function datedAtEffectiveOn(
  command: EffectiveOn,
  period: Period,
  decide: () => ContractEvent[] | DomainError,
): ContractEvent[] | DomainError {
  const invalid = checkEffectiveOn(command, period);
  if (invalid) return invalid;
  const decided = decide();
  const at = effectiveAt(command);
  if (decided instanceof Error || at === undefined) return decided;
  return decided.map((defined) => ({ ...defined, occurredAt: at }));
}

/** What is wrong with a draft's optional setup (previous contract, commitments), if anything. */
function draftProblem(
  command: Pick<DraftContract, 'contractId' | 'period' | 'parties' | 'previousContractId' | 'commitments'>,
) {
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

/** The fields of a draft UpdateContractDraft may change. */
const DRAFT_FIELDS = [
  'name',
  'territory',
  'period',
  'parties',
  'porteur',
  'previousContractId',
  'commitments',
] as const;

/**
 * A draft corrected before signature: the fields given that differ from the
 * draft, checked as DraftContract checks a new one, on the draft they make.
 * A signer's name is sealed in the log, so a party naming its signer again
 * counts as a change (the admin sends only what the user changed).
 */
function decideDraftUpdate(command: UpdateContractDraft, state: ContractState) {
  if (state.status !== 'draft')
    return refuse(
      'invalid_status',
      'Le contrat est signé : ce qu’il engage ne se corrige plus, son plan change par avenant',
    );
  const current = {
    name: state.name,
    territory: state.territory,
    period: state.period,
    parties: state.parties,
    porteur: state.porteur ?? null,
    previousContractId: state.previousContractId ?? null,
    commitments: state.commitments,
  };
  const changed = Object.fromEntries(
    DRAFT_FIELDS.flatMap((field) => {
      const value = command[field];
      return value === undefined || sameValue(value, current[field]) ? [] : [[field, value]];
    }),
  ) as Partial<Pick<UpdateContractDraft, (typeof DRAFT_FIELDS)[number]>>;
  if (Object.keys(changed).length === 0) return refuse('invalid_value', 'Rien à modifier', 'name');
  const next = { ...current, ...changed };
  const draft = {
    contractId: state.contractId,
    period: next.period,
    parties: next.parties,
    previousContractId: next.previousContractId ?? undefined,
    commitments: next.commitments,
  };
  const invalid =
    checkEffectiveOn({ effectiveOn: state.effectiveOn }, next.period) ??
    checkEffectiveOn(command, next.period);
  if (invalid) return invalid;
  const problem = draftProblem(draft);
  if (problem) return problem;
  const { effectiveOn, effectiveOnPrecision } = command;
  return [
    event(
      'ContractDraftUpdated',
      {
        contractId: state.contractId,
        ...changed,
        ...(effectiveOn === undefined ? {} : { effectiveOn }),
        ...(effectiveOnPrecision === undefined ? {} : { effectiveOnPrecision }),
      },
      effectiveAt(command),
    ),
  ];
}

/** Why an avenant of a contract whose signatories are unknown cannot be signed. */
export const SIGNATORIES_UNKNOWN_MESSAGE =
  'Les signataires du contrat ne sont pas connus (sa source n’en nomme aucun) : un avenant est signé par les signataires du contrat, la plateforme ne peut pas le faire signer par des parties qu’elle ne connaît pas';

/**
 * Who signs an avenant: the contract's signatories, every one of them. Unknown
 * (undefined) when the contract was recorded signed without its signatories:
 * no party is guessed, not even its draft's expected parties.
 */
export function amendmentSigners(contract: {
  signatories: ReadonlyArray<{ organisation: string }>;
  signatoriesUnknown?: boolean;
}): string[] | undefined {
  if (contract.signatoriesUnknown || contract.signatories.length === 0) return undefined;
  return contract.signatories.map((signatory) => signatory.organisation);
}

export const contractDecider: Decider<
  ContractCommand,
  ContractEvent,
  ContractState,
  ContractContext | undefined
> = {
  initialState: () => ({
    exists: false,
    contractId: '',
    status: 'draft',
    name: '',
    period: { start: 0, end: 0 },
    parties: [],
    territory: { name: '', epci: [], communes: [] },
    commitments: [],
    signatories: [],
    signatoriesUnknown: false,
    axes: {},
    fiches: {},
    governanceBodies: [],
    facts: [],
    amendments: 0,
    amendmentsById: {},
    indicators: {},
    means: emptyMeans(),
  }),

  evolve(state, e) {
    switch (e.type) {
      case 'ContractDrafted':
        return {
          ...state,
          exists: true,
          contractId: e.data.contractId,
          name: e.data.name,
          period: e.data.period,
          parties: e.data.parties,
          territory: e.data.territory,
          porteur: e.data.porteur,
          previousContractId: e.data.previousContractId,
          commitments: e.data.commitments ?? [],
          effectiveOn: e.data.effectiveOn,
        };
      case 'ContractDraftUpdated': {
        const {
          contractId: _,
          effectiveOn: __,
          effectiveOnPrecision: ___,
          porteur,
          previousContractId,
          ...set
        } = e.data;
        return {
          ...state,
          ...set,
          ...(porteur === undefined ? {} : { porteur: porteur ?? undefined }),
          ...(previousContractId === undefined
            ? {}
            : { previousContractId: previousContractId ?? undefined }),
        };
      }
      case 'ContractSigned':
        return {
          ...state,
          status: 'signed',
          signedOn: e.data.signedOn,
          signatories: e.data.signatories,
          signatoriesUnknown: e.data.signatoriesUnknown === true,
        };
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
      case 'IndicatorDefined':
      case 'IndicatorUpdated':
        return { ...state, indicators: evolveIndicators(state.indicators ?? {}, e) };
      case 'FundingLinePlanned':
      case 'FundingLineUpdated':
      case 'FundingAmountsRecorded':
      case 'FundingLineWithdrawn':
      case 'CallForProjectsRecorded':
      case 'CallForProjectsUpdated':
      case 'StaffTimeRecorded':
        return { ...state, means: evolveMeans(state.means ?? emptyMeans(), e) };
      default:
        return evolvePlan(state, e);
    }
  },

  decide(command, state, context) {
    const actions = context?.actions ?? {};
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
      case 'UpdateContractDraft':
        return decideDraftUpdate(command, state);
      // Indicators are the contract's monitoring, not the plan the parties signed:
      // defined and changed directly, before or after signature, without an avenant.
      case 'DefineIndicator':
        return datedAtEffectiveOn(command, state.period, () =>
          decideIndicator(command, { ...state, indicators: state.indicators ?? {} }),
        );
      case 'UpdateIndicator':
        return decideIndicator(command, { ...state, indicators: state.indicators ?? {} });
      // The means are the contract's follow-up too: kept directly, before or after signature.
      case 'PlanFundingLine':
      case 'UpdateFundingLine':
      case 'RecordFundingAmounts':
      case 'WithdrawFundingLine':
      case 'RecordCallForProjects':
      case 'UpdateCallForProjects':
      case 'RecordStaffTime':
        return decideMeans(command, { ...state, means: state.means ?? emptyMeans() }, context?.means);
      // Adding to the plan is direct before signature (the seeds, an import, the editor); once
      // the parties signed, an addition changes what they signed too: it goes through an avenant.
      case 'DefineAxis':
      case 'DefineFicheAction':
        if (state.status === 'signed') return needsAmendment(state.contractId);
        return datedAtEffectiveOn(command, state.period, () => decidePlanChange(command, state));
      // Changing or withdrawing what the parties signed goes through an avenant too.
      case 'UpdateAxis':
      case 'WithdrawAxis':
      case 'UpdateFicheAction':
      case 'MoveFicheAction':
      case 'WithdrawFicheAction':
      case 'ReorderPlan':
        if (state.status === 'signed') return needsAmendment(state.contractId);
        return decidePlanChange(command, state, undefined, actions);
      case 'ReportFicheProgress': {
        const fiche = state.fiches[command.code];
        if (!fiche || fiche.withdrawn)
          return refuse('invalid_value', `La fiche-action ${command.code} n’est pas dans le plan`, 'code');
        const year = Number(command.reportedOn.slice(0, 4));
        if (year < state.period.start - 1 || year > state.period.end) {
          return refuse(
            'invalid_value',
            `Date hors de la période du contrat (${state.period.start}-${state.period.end})`,
            'reportedOn',
          );
        }
        const { type: _, ...data } = command;
        return [event('FicheProgressReported', data, startOfDay(command.reportedOn))];
      }
      case 'DraftAmendment': {
        if (state.status !== 'signed')
          return refuse(
            'invalid_status',
            'Le contrat n’est pas encore signé : modifiez le plan directement, sans avenant',
          );
        if (state.amendmentsById[command.amendmentId])
          return refuse('already_exists', `L’avenant ${command.amendmentId} existe déjà`, 'amendmentId');
        if (!amendmentSigners(state)) return refuse('invalid_status', SIGNATORIES_UNKNOWN_MESSAGE);
        const applied = applyPlanChanges(state, command.changes, command.amendmentId, actions);
        if (applied instanceof Error) return applied;
        const { type: _, ...data } = command;
        return [event('AmendmentDrafted', data)];
      }
      case 'EditAmendmentDraft': {
        const amendment = state.amendmentsById[command.amendmentId];
        if (!amendment)
          return refuse('not_found', `Avenant ${command.amendmentId} introuvable`, 'amendmentId');
        if (amendment.status !== 'draft')
          return refuse('invalid_status', 'Seul un projet d’avenant peut être modifié');
        if (Object.keys(amendment.signedBy).length > 0)
          return refuse(
            'invalid_status',
            'Une partie a déjà signé ce projet d’avenant : retirez-le et préparez-en un nouveau',
          );
        const changes = command.changes ?? amendment.changes;
        const applied = applyPlanChanges(state, changes, command.amendmentId, actions);
        if (applied instanceof Error) return applied;
        const summary = command.summary ?? amendment.summary;
        return [
          event('AmendmentDraftEdited', {
            contractId: state.contractId,
            amendmentId: command.amendmentId,
            title: command.title ?? amendment.title,
            ...(summary === undefined ? {} : { summary }),
            changes,
          }),
        ];
      }
      case 'WithdrawAmendmentDraft': {
        const amendment = state.amendmentsById[command.amendmentId];
        if (!amendment)
          return refuse('not_found', `Avenant ${command.amendmentId} introuvable`, 'amendmentId');
        if (amendment.status !== 'draft')
          return refuse('invalid_status', 'Seul un projet d’avenant peut être retiré');
        const { type: _, ...data } = command;
        return [event('AmendmentDraftWithdrawn', data)];
      }
      case 'SignAmendment': {
        const amendment = state.amendmentsById[command.amendmentId];
        if (!amendment)
          return refuse('not_found', `Avenant ${command.amendmentId} introuvable`, 'amendmentId');
        if (amendment.status === 'signed') return refuse('already_done', 'L’avenant est déjà signé');
        if (amendment.status !== 'draft') return refuse('invalid_status', 'Cet avenant a été retiré');
        const parties = amendmentSigners(state);
        if (!parties) return refuse('invalid_status', SIGNATORIES_UNKNOWN_MESSAGE, 'party');
        if (!parties.includes(command.party)) {
          return refuse(
            'invalid_value',
            `${command.party} n’est pas signataire du contrat (signataires : ${parties.join(', ')})`,
            'party',
          );
        }
        if (amendment.signedBy[command.party])
          return refuse('already_done', `${command.party} a déjà signé cet avenant`, 'party');
        if (!isWithinPeriod(command.signedOn, state.period))
          return refuse('invalid_value', 'Date de signature hors de la période du contrat', 'signedOn');
        if (state.signedOn && command.signedOn < state.signedOn)
          return refuse('invalid_value', 'Un avenant ne peut précéder la signature du contrat', 'signedOn');
        const { type: _, ...data } = command;
        const signature = event('AmendmentPartySigned', data, startOfDay(command.signedOn));
        const signedBy = { ...amendment.signedBy, [command.party]: command.signedOn };
        if (parties.some((party) => !signedBy[party])) return [signature];
        // Every party signed: the changes apply now, checked again on today's plan.
        const signedOn = Object.values(signedBy).sort().at(-1) ?? command.signedOn;
        const applied = applyPlanChanges(state, amendment.changes, command.amendmentId, actions);
        if (applied instanceof Error) return applied;
        const at = startOfDay(signedOn);
        return [
          signature,
          event(
            'AmendmentSigned',
            { contractId: state.contractId, amendmentId: command.amendmentId, signedOn, parties },
            at,
          ),
          ...applied.map((planEvent) => ({ ...planEvent, occurredAt: at })),
        ];
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
        const existing = sameNameIn(state.governanceBodies, command.body);
        if (existing !== undefined) {
          return refuse('already_exists', `L'instance « ${existing} » existe déjà`, 'body');
        }
        const { type: _, effectiveOn: __, effectiveOnPrecision: ___, ...data } = command;
        return datedAtEffectiveOn(command, state.period, () => [event('GovernanceBodyDefined', data)]);
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
