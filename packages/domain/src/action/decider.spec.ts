import { describe, expect, it } from 'vitest';
import { DomainError, fold } from '../decider.js';
import { DeciderSpecification } from '../decider-specification.js';
import {
  AbandonActionSchema,
  type ActionCommand,
  MeasureIndicatorSchema,
  PlanActionSchema,
  ProduceDeliverableSchema,
  ReportProgressSchema,
  SuspendActionSchema,
} from './commands.js';
import { type ActionContext, actionDecider } from './decider.js';
import type { ActionEvent, ActionPlanned } from './events.js';

const spec = DeciderSpecification.for(actionDecider);
const actionId = 'cls-coeur-herault-2024-1.1-A1';
const contractId = 'cls-coeur-herault-2024';

const signedContract: NonNullable<ActionContext['contract']> = {
  status: 'signed',
  period: { start: 2024, end: 2029 },
  fiches: { '1.1': { axisCode: '1', title: "Favoriser l'installation des professionnels de santé" } },
};
const context: ActionContext = { contract: signedContract, today: '2026-06-30' };
const draftContext: ActionContext = { contract: { ...signedContract, status: 'draft' }, today: '2026-06-30' };
const closedContext: ActionContext = {
  contract: { ...signedContract, status: 'closed' },
  today: '2030-03-01',
};
const noContract: ActionContext = { today: '2026-06-30' };

const planned: ActionPlanned = {
  type: 'ActionPlanned',
  data: {
    actionId,
    contractId,
    ficheCode: '1.1',
    code: '1.1-A1',
    title: 'Accueillir les internes en médecine générale',
    pilots: ['Coordination CLS'],
    partners: ['CPTS Cœur d’Hérault'],
    plannedYears: { years: [2025, 2026], uncertain: false },
    plannedDeliverables: [{ deliverableId: 'guide-accueil', title: 'Guide d’accueil des internes' }],
  },
};
const preparatoryPlanned: ActionPlanned = { ...planned, data: { ...planned.data, preparatory: true } };
const started: ActionEvent = {
  type: 'ActionStarted',
  data: { actionId, startedOn: '2025-01-15' },
  occurredAt: '2025-01-15T00:00:00.000Z',
};
const suspended: ActionEvent = {
  type: 'ActionSuspended',
  data: { actionId, suspendedOn: '2025-06-01', reason: 'Départ de la coordinatrice' },
  occurredAt: '2025-06-01T00:00:00.000Z',
};
const resumed: ActionEvent = {
  type: 'ActionStarted',
  data: { actionId, startedOn: '2025-09-01' },
  occurredAt: '2025-09-01T00:00:00.000Z',
};
const completed: ActionEvent = {
  type: 'ActionCompleted',
  data: { actionId, completedOn: '2026-03-31' },
  occurredAt: '2026-03-31T00:00:00.000Z',
};
const abandoned: ActionEvent = {
  type: 'ActionAbandoned',
  data: { actionId, abandonedOn: '2025-03-01', reason: 'Financement non obtenu' },
  occurredAt: '2025-03-01T00:00:00.000Z',
};
const guideProduced: ActionEvent = {
  type: 'DeliverableProduced',
  data: {
    actionId,
    deliverableId: 'guide-accueil',
    title: 'Guide d’accueil des internes',
    producedOn: '2025-04-10',
    planned: true,
  },
  occurredAt: '2025-04-10T00:00:00.000Z',
};

/** The field a refusal is about. */
function refusedField(given: ActionEvent[], command: ActionCommand, ctx: ActionContext = context) {
  const result = actionDecider.decide(command, fold(actionDecider, given), ctx);
  expect(result).toBeInstanceOf(DomainError);
  return (result as DomainError).field;
}

describe('Action decider', () => {
  describe('PlanAction', () => {
    const command = { type: 'PlanAction' as const, ...planned.data };
    it('plans an action of a fiche of the contract while it is a draft', () =>
      spec.given([]).when(command, draftContext).thenEmits([planned]));
    it('refuses to plan it directly once the contract is signed: that goes through an avenant', () =>
      spec
        .given([])
        .when(command, context)
        .thenRefuses('needs_amendment', /avenant/));
    it('refuses to plan it twice', () =>
      spec.given([planned]).when(command, context).thenRefuses('already_exists'));
    it('refuses an unknown contract', () =>
      spec
        .given([])
        .when(command, noContract)
        .thenRefuses('not_found', /Contrat .* introuvable/));
    it('refuses a closed contract', () =>
      spec.given([]).when(command, closedContext).thenRefuses('invalid_status', /clos/));
    it('refuses a fiche that is not in the contract', () => {
      const unknown = { ...command, ficheCode: '9.9' };
      spec
        .given([])
        .when(unknown, context)
        .thenRefuses('invalid_value', /fiche-action 9\.9/);
      expect(refusedField([], unknown)).toBe('ficheCode');
    });
    it('refuses a planned year outside the contract period', () => {
      const late = { ...command, plannedYears: { years: [2029, 2030], uncertain: true } };
      spec
        .given([])
        .when(late, context)
        .thenRefuses('invalid_value', /2030.*hors de la période/);
      expect(refusedField([], late)).toBe('plannedYears');
    });
    it('refuses a planned year before the contract period', () =>
      spec
        .given([])
        .when({ ...command, plannedYears: { years: [2023], uncertain: false } }, context)
        .thenRefuses('invalid_value', /2023/));
    it('refuses a deliverable planned twice', () =>
      spec
        .given([])
        .when(
          {
            ...command,
            plannedDeliverables: [
              { deliverableId: 'guide', title: 'Guide' },
              { deliverableId: 'guide', title: 'Guide, version 2' },
            ],
          },
          context,
        )
        .thenRefuses('invalid_value', /guide est prévu deux fois/));
  });

  describe('StartAction', () => {
    const command = { type: 'StartAction' as const, actionId, startedOn: '2025-01-15' };
    it('starts a planned action of a signed contract', () =>
      spec.given([planned]).when(command, context).thenEmits([started]));
    it('starts a preparatory action before the contract is signed, the year before its period', () =>
      spec
        .given([preparatoryPlanned])
        .when({ ...command, startedOn: '2023-11-02' }, draftContext)
        .thenEmits([
          {
            type: 'ActionStarted',
            data: { actionId, startedOn: '2023-11-02' },
            occurredAt: '2023-11-02T00:00:00.000Z',
          },
        ]));
    it('refuses to start an action that is not preparatory before the signature, naming the signature as the step to take', () =>
      spec
        .given([planned])
        .when(command, draftContext)
        .thenRefuses('invalid_status', /pas encore signé/, {
          nextStep: { step: 'sign_contract', contractId: planned.data.contractId },
        }));
    it('refuses to start an action once the contract is closed', () =>
      spec.given([planned]).when(command, closedContext).thenRefuses('invalid_status', /clos/));
    it('refuses an action not planned', () =>
      spec
        .given([])
        .when(command, context)
        .thenRefuses('not_found', /introuvable/));
    it('refuses when the contract cannot be found', () =>
      spec
        .given([planned])
        .when(command, noContract)
        .thenRefuses('not_found', /Contrat/));
    it('refuses an action in progress', () =>
      spec
        .given([planned, started])
        .when(command, context)
        .thenRefuses('invalid_status', /déjà en cours/));
    it('refuses a completed action', () =>
      spec
        .given([planned, started, completed])
        .when(command, context)
        .thenRefuses('invalid_status', /réalisée/));
    it('refuses an abandoned action', () =>
      spec
        .given([planned, abandoned])
        .when(command, context)
        .thenRefuses('invalid_status', /abandonnée/));
    it('resumes a suspended action', () =>
      spec
        .given([planned, started, suspended])
        .when({ ...command, startedOn: '2025-09-01' }, context)
        .thenEmits([resumed]));
    it('refuses a resumption dated before the suspension', () =>
      spec
        .given([planned, started, suspended])
        .when({ ...command, startedOn: '2025-05-01' }, context)
        .thenRefuses('invalid_value', /précéder la suspension/));
    it('refuses a date more than a year before the contract period', () => {
      const early = { ...command, startedOn: '2022-12-31' };
      spec
        .given([planned])
        .when(early, context)
        .thenRefuses('invalid_value', /hors de la période/);
      expect(refusedField([planned], early)).toBe('startedOn');
    });
    it('refuses a date after the contract period', () =>
      spec
        .given([planned])
        .when({ ...command, startedOn: '2030-01-05' }, { ...context, today: '2031-01-01' })
        .thenRefuses('invalid_value', /hors de la période/));
    it('refuses a date in the future', () =>
      spec
        .given([planned])
        .when({ ...command, startedOn: '2026-07-01' }, context)
        .thenRefuses('invalid_value', /futur/));
  });

  describe('ReportProgress', () => {
    const command = {
      type: 'ReportProgress' as const,
      actionId,
      reportedOn: '2025-05-01',
      progress: 'delayed' as const,
      percentComplete: 40,
      comment: 'Deux internes accueillis sur cinq',
    };
    it('reports the progress of an action in progress', () => {
      const { type: _, ...data } = command;
      spec
        .given([planned, started])
        .when(command, context)
        .thenEmits([{ type: 'ProgressReported', data, occurredAt: '2025-05-01T00:00:00.000Z' }]);
    });
    it('refuses a progress report on an action not started', () =>
      spec
        .given([planned])
        .when(command, context)
        .thenRefuses('invalid_status', /pas encore démarré/));
    it('refuses a progress report on a suspended action', () =>
      spec
        .given([planned, started, suspended])
        .when({ ...command, reportedOn: '2025-07-01' }, context)
        .thenRefuses('invalid_status', /suspendue/));
    it('refuses a report dated before the start', () =>
      spec
        .given([planned, started])
        .when({ ...command, reportedOn: '2025-01-14' }, context)
        .thenRefuses('invalid_value', /antérieure au démarrage/));
    it('refuses a report dated in the future', () =>
      spec
        .given([planned, started])
        .when({ ...command, reportedOn: '2026-12-01' }, context)
        .thenRefuses('invalid_value', /futur/));
    it('refuses a report dated after the contract period', () =>
      spec
        .given([planned, started])
        .when({ ...command, reportedOn: '2030-02-01' }, { ...context, today: '2031-01-01' })
        .thenRefuses('invalid_value', /hors de la période/));
  });

  describe('ProduceDeliverable', () => {
    const command = {
      type: 'ProduceDeliverable' as const,
      actionId,
      deliverableId: 'guide-accueil',
      title: 'Guide d’accueil des internes',
      producedOn: '2025-04-10',
    };
    it('fulfils a planned deliverable', () =>
      spec.given([planned, started]).when(command, context).thenEmits([guideProduced]));
    it('records an extra deliverable, not planned', () =>
      spec
        .given([planned, started])
        .when(
          {
            ...command,
            deliverableId: 'affiche',
            title: 'Affiche',
            link: 'https://example.org/affiche.pdf',
            attachmentHash: 'a'.repeat(64),
          },
          context,
        )
        .thenEmits([
          {
            type: 'DeliverableProduced',
            data: {
              actionId,
              deliverableId: 'affiche',
              title: 'Affiche',
              producedOn: '2025-04-10',
              link: 'https://example.org/affiche.pdf',
              attachmentHash: 'a'.repeat(64),
              planned: false,
            },
            occurredAt: '2025-04-10T00:00:00.000Z',
          },
        ]));
    it('refuses a deliverable of an action not started', () =>
      spec
        .given([planned])
        .when(command, context)
        .thenRefuses('invalid_status', /pas encore démarré/));
    it('refuses a deliverable of a completed action', () =>
      spec
        .given([planned, started, completed])
        .when(command, context)
        .thenRefuses('invalid_status', /réalisée/));
    it('refuses a deliverable produced already', () => {
      spec
        .given([planned, started, guideProduced])
        .when(command, context)
        .thenRefuses('already_done', /déjà produit/);
      expect(refusedField([planned, started, guideProduced], command)).toBe('deliverableId');
    });
    it('refuses a deliverable dated before the start', () =>
      spec
        .given([planned, started])
        .when({ ...command, producedOn: '2024-12-20' }, context)
        .thenRefuses('invalid_value', /antérieure au démarrage/));
    it('refuses a deliverable dated in the future', () =>
      spec
        .given([planned, started])
        .when({ ...command, producedOn: '2026-07-01' }, context)
        .thenRefuses('invalid_value', /futur/));
  });

  describe('MeasureIndicator', () => {
    const command = {
      type: 'MeasureIndicator' as const,
      actionId,
      indicator: 'Nombre d’internes accueillis',
      value: 4,
      unit: 'internes',
      period: { year: 2025, label: 'année universitaire 2024-2025' },
      measuredOn: '2025-10-01',
    };
    const measured = (given: ActionEvent[]) => {
      const { type: _, ...data } = command;
      spec
        .given(given)
        .when(command, context)
        .thenEmits([{ type: 'IndicatorMeasured', data, occurredAt: '2025-10-01T00:00:00.000Z' }]);
    };
    it('measures an indicator of an action in progress', () => measured([planned, started]));
    it('measures an indicator of a suspended action', () => measured([planned, started, suspended]));
    it('measures an indicator of a completed action', () => measured([planned, started, completed]));
    describe('against the catalogue', () => {
      const catalogue: ActionContext = {
        ...context,
        contract: {
          ...signedContract,
          indicators: {
            'cdh-1.1-1': { ficheCode: '1.1' },
            'cdh-1.1-2': { ficheCode: '1.1', actionId: 'another-action' },
            'cdh-2.1-1': { ficheCode: '2.1' },
          },
        },
      };
      it('measures an indicator of the action’s fiche', () => {
        const against = { ...command, indicatorId: 'cdh-1.1-1' };
        const { type: _, ...data } = against;
        spec
          .given([planned, started])
          .when(against, catalogue)
          .thenEmits([{ type: 'IndicatorMeasured', data, occurredAt: '2025-10-01T00:00:00.000Z' }]);
      });
      it('refuses an indicator the catalogue does not hold', () =>
        spec
          .given([planned, started])
          .when({ ...command, indicatorId: 'inconnu' }, catalogue)
          .thenRefuses('invalid_value', /catalogue/));
      it('refuses an indicator of another fiche', () =>
        spec
          .given([planned, started])
          .when({ ...command, indicatorId: 'cdh-2.1-1' }, catalogue)
          .thenRefuses('invalid_value', /n’appartient ni/));
      it('refuses an indicator of another action of the fiche', () =>
        spec
          .given([planned, started])
          .when({ ...command, indicatorId: 'cdh-1.1-2' }, catalogue)
          .thenRefuses('invalid_value', /n’appartient ni/));
    });
    it('refuses a measure on an action not started', () =>
      spec
        .given([planned])
        .when(command, context)
        .thenRefuses('invalid_status', /pas encore démarré/));
    it('refuses a measure on an abandoned action', () =>
      spec
        .given([planned, abandoned])
        .when(command, context)
        .thenRefuses('invalid_status', /abandonnée/));
    it('refuses a year outside the contract period', () => {
      const outside = { ...command, period: { year: 2023 } };
      spec
        .given([planned, started])
        .when(outside, context)
        .thenRefuses('invalid_value', /hors de la période/);
      expect(refusedField([planned, started], outside)).toBe('period');
    });
    it('refuses a year that has not begun on the measure date', () =>
      spec
        .given([planned, started])
        .when({ ...command, period: { year: 2026 } }, context)
        .thenRefuses('invalid_value', /2026/));
    it('refuses a measure dated in the future', () =>
      spec
        .given([planned, started])
        .when({ ...command, measuredOn: '2026-09-01' }, context)
        .thenRefuses('invalid_value', /futur/));
  });

  describe('CompleteAction', () => {
    const command = { type: 'CompleteAction' as const, actionId, completedOn: '2026-03-31' };
    it('completes an action in progress', () =>
      spec.given([planned, started]).when(command, context).thenEmits([completed]));
    it('completes a resumed action', () =>
      spec.given([planned, started, suspended, resumed]).when(command, context).thenEmits([completed]));
    it('refuses to complete an action not started', () =>
      spec
        .given([planned])
        .when(command, context)
        .thenRefuses('invalid_status', /pas encore démarré/));
    it('refuses to complete a suspended action', () =>
      spec
        .given([planned, started, suspended])
        .when(command, context)
        .thenRefuses('invalid_status', /suspendue/));
    it('refuses to complete twice', () =>
      spec
        .given([planned, started, completed])
        .when(command, context)
        .thenRefuses('invalid_status', /réalisée/));
    it('refuses a completion dated before the start', () =>
      spec
        .given([planned, started])
        .when({ ...command, completedOn: '2025-01-01' }, context)
        .thenRefuses('invalid_value', /antérieure/));
    it('refuses a completion dated before the resumption', () =>
      spec
        .given([planned, started, suspended, resumed])
        .when({ ...command, completedOn: '2025-08-01' }, context)
        .thenRefuses('invalid_value', /antérieure/));
    it('refuses a completion dated in the future', () =>
      spec
        .given([planned, started])
        .when({ ...command, completedOn: '2026-12-31' }, context)
        .thenRefuses('invalid_value', /futur/));
  });

  describe('SuspendAction', () => {
    const command = {
      type: 'SuspendAction' as const,
      actionId,
      suspendedOn: '2025-06-01',
      reason: 'Départ de la coordinatrice',
    };
    it('suspends an action in progress', () =>
      spec.given([planned, started]).when(command, context).thenEmits([suspended]));
    it('refuses to suspend an action not started', () =>
      spec
        .given([planned])
        .when(command, context)
        .thenRefuses('invalid_status', /pas encore démarré/));
    it('refuses to suspend twice', () =>
      spec
        .given([planned, started, suspended])
        .when(command, context)
        .thenRefuses('invalid_status', /suspendue/));
    it('refuses a suspension dated before the start', () =>
      spec
        .given([planned, started])
        .when({ ...command, suspendedOn: '2024-12-01' }, context)
        .thenRefuses('invalid_value', /antérieure/));
    it('refuses a suspension dated in the future', () =>
      spec
        .given([planned, started])
        .when({ ...command, suspendedOn: '2027-01-01' }, context)
        .thenRefuses('invalid_value', /futur/));
  });

  describe('AbandonAction', () => {
    const command = {
      type: 'AbandonAction' as const,
      actionId,
      abandonedOn: '2025-03-01',
      reason: 'Financement non obtenu',
    };
    it('abandons a planned action', () =>
      spec.given([planned]).when(command, context).thenEmits([abandoned]));
    it('abandons an action in progress', () =>
      spec.given([planned, started]).when(command, context).thenEmits([abandoned]));
    it('abandons a suspended action', () => {
      const later = { ...command, abandonedOn: '2025-07-01' };
      const { type: _, ...data } = later;
      spec
        .given([planned, started, suspended])
        .when(later, context)
        .thenEmits([{ type: 'ActionAbandoned', data, occurredAt: '2025-07-01T00:00:00.000Z' }]);
    });
    it('refuses to abandon a completed action', () =>
      spec
        .given([planned, started, completed])
        .when(command, context)
        .thenRefuses('invalid_status', /réalisée/));
    it('refuses to abandon twice', () =>
      spec
        .given([planned, abandoned])
        .when(command, context)
        .thenRefuses('invalid_status', /abandonnée/));
    it('refuses an abandonment dated before the suspension', () =>
      spec
        .given([planned, started, suspended])
        .when(command, context)
        .thenRefuses('invalid_value', /antérieure/));
    it('refuses an abandonment dated in the future', () =>
      spec
        .given([planned])
        .when({ ...command, abandonedOn: '2026-07-01' }, context)
        .thenRefuses('invalid_value', /futur/));
  });

  describe('state', () => {
    it('keeps the first start, the last progress and the deliverables produced', () => {
      const state = fold(actionDecider, [
        planned,
        started,
        guideProduced,
        {
          type: 'ProgressReported',
          data: { actionId, reportedOn: '2025-05-01', progress: 'on_track', percentComplete: 50 },
        },
        suspended,
        resumed,
      ]);
      expect(state).toMatchObject({
        status: 'in_progress',
        startedOn: '2025-01-15',
        statusSince: '2025-09-01',
        lastProgress: { reportedOn: '2025-05-01', progress: 'on_track', percentComplete: 50 },
        produced: { 'guide-accueil': { producedOn: '2025-04-10', planned: true } },
      });
    });
  });
});

describe('Action command schemas', () => {
  it('defaults partners and planned deliverables to none', () => {
    const parsed = PlanActionSchema.parse({
      actionId,
      contractId,
      ficheCode: '1.1',
      code: '1.1-A1',
      title: 'Accueillir les internes',
      pilots: ['Coordination CLS'],
      plannedYears: { years: [2025], uncertain: true, note: 'selon financement' },
    });
    expect(parsed.partners).toEqual([]);
    expect(parsed.plannedDeliverables).toEqual([]);
  });
  it('refuses a percentage above 100 or not whole', () => {
    const report = { actionId, reportedOn: '2025-05-01', progress: 'on_track' };
    expect(ReportProgressSchema.safeParse({ ...report, percentComplete: 101 }).success).toBe(false);
    expect(ReportProgressSchema.safeParse({ ...report, percentComplete: 12.5 }).success).toBe(false);
    expect(ReportProgressSchema.safeParse({ ...report, progress: 'late' }).success).toBe(false);
    expect(ReportProgressSchema.safeParse({ ...report, percentComplete: 100 }).success).toBe(true);
  });
  it('checks the link and the SHA-256 of a deliverable', () => {
    const deliverable = { actionId, deliverableId: 'guide', title: 'Guide', producedOn: '2025-04-10' };
    expect(ProduceDeliverableSchema.safeParse({ ...deliverable, link: 'pas un lien' }).success).toBe(false);
    expect(ProduceDeliverableSchema.safeParse({ ...deliverable, attachmentHash: 'abc' }).success).toBe(false);
    expect(
      ProduceDeliverableSchema.parse({ ...deliverable, attachmentHash: 'A'.repeat(64) }).attachmentHash,
    ).toBe('a'.repeat(64));
    expect(ProduceDeliverableSchema.safeParse({ ...deliverable }).success).toBe(true);
  });
  it('refuses a value that is not a finite number', () => {
    const measure = {
      actionId,
      indicator: 'Internes accueillis',
      period: { year: 2025 },
      measuredOn: '2025-10-01',
    };
    expect(MeasureIndicatorSchema.safeParse({ ...measure, value: Number.POSITIVE_INFINITY }).success).toBe(
      false,
    );
    expect(MeasureIndicatorSchema.safeParse({ ...measure, value: Number.NaN }).success).toBe(false);
    expect(MeasureIndicatorSchema.safeParse({ ...measure, value: 3.5 }).success).toBe(true);
  });
  it('requires a reason to suspend or abandon', () => {
    expect(SuspendActionSchema.safeParse({ actionId, suspendedOn: '2025-06-01', reason: '  ' }).success).toBe(
      false,
    );
    expect(AbandonActionSchema.safeParse({ actionId, abandonedOn: '2025-06-01' }).success).toBe(false);
    expect(
      AbandonActionSchema.safeParse({ actionId, abandonedOn: '2025-06-01', reason: 'Sans objet' }).success,
    ).toBe(true);
  });
});

describe('Action decider: an action recorded after the fact (effectiveOn)', () => {
  const command = { type: 'PlanAction' as const, ...planned.data };
  it('dates the planning at the date it took effect, its precision kept in the data', () => {
    const adopted = { effectiveOn: '2024-01-01', effectiveOnPrecision: 'year' as const };
    spec
      .given([])
      .when({ ...command, ...adopted }, draftContext)
      .thenEmits([
        { ...planned, data: { ...planned.data, ...adopted }, occurredAt: '2024-01-01T00:00:00.000Z' },
      ]);
  });
  it('refuses a date outside the contract’s years or in the future', () => {
    spec
      .given([])
      .when({ ...command, effectiveOn: '2022-06-01' }, context)
      .thenRefuses('invalid_value', /hors de la période/);
    spec
      .given([])
      .when({ ...command, effectiveOn: '2026-07-01' }, context)
      .thenRefuses('invalid_value', /futur/);
  });
});
