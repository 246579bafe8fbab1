import { describe, expect, it } from 'vitest';
import { fold } from '../decider.js';
import { type ActionState, actionDecider } from './decider.js';
import type { ActionEvent } from './events.js';
import {
  ACTION_STATUSES,
  type ActionStatusEvent,
  actionEndedOn,
  actionStatusAfter,
  hasActionEnded,
  isActionLate,
  PROGRESS_WEIGHT,
  progressOfActions,
  progressOfAxis,
  progressOfFiche,
} from './status.js';

const actionId = 'a1';
const planned: ActionStatusEvent = {
  type: 'ActionPlanned',
  data: {
    actionId,
    contractId: 'c',
    ficheCode: '1.1',
    code: '1.1-A1',
    title: 'Accueillir les internes',
    pilots: [],
    partners: [],
    plannedYears: { years: [2025], uncertain: false },
    plannedDeliverables: [],
  },
};
const started: ActionStatusEvent = { type: 'ActionStarted', data: { actionId, startedOn: '2025-01-15' } };
const suspended: ActionStatusEvent = {
  type: 'ActionSuspended',
  data: { actionId, suspendedOn: '2025-06-01', reason: 'Départ de la coordinatrice' },
};
const resumed: ActionStatusEvent = { type: 'ActionStarted', data: { actionId, startedOn: '2025-09-01' } };
const completed: ActionStatusEvent = {
  type: 'ActionCompleted',
  data: { actionId, completedOn: '2026-03-31' },
};
const abandoned: ActionStatusEvent = {
  type: 'ActionAbandoned',
  data: { actionId, abandonedOn: '2025-07-01', reason: 'Financement non obtenu' },
};

const stateAfter = (events: ActionEvent[]): ActionState => fold(actionDecider, events);

describe('an action’s status after an event', () => {
  it('is what the decider folds, event after event', () => {
    const life = [planned, started, suspended, resumed, completed];
    life.forEach((last, index) => {
      const { status, statusSince } = stateAfter(life.slice(0, index + 1));
      expect({ status, statusSince }).toEqual(actionStatusAfter(last));
    });
    expect(actionStatusAfter(abandoned)).toEqual({ status: 'abandoned', statusSince: '2025-07-01' });
  });

  it('a resumption starts the action again: in progress since the day it resumed, first start kept', () => {
    const state = stateAfter([planned, started, suspended, resumed]);
    expect(state).toMatchObject({
      status: 'in_progress',
      statusSince: '2025-09-01',
      startedOn: '2025-01-15',
    });
  });
});

describe('an action’s end date', () => {
  it('is the day it was completed or abandoned', () => {
    expect(actionEndedOn(stateAfter([planned, started, completed]))).toBe('2026-03-31');
    expect(actionEndedOn(stateAfter([planned, started, abandoned]))).toBe('2025-07-01');
  });

  it('is none while it is suspended: a suspension is a pause, the action may start again', () => {
    const state = stateAfter([planned, started, suspended]);
    expect(state.status).toBe('suspended');
    expect(hasActionEnded(state.status)).toBe(false);
    expect(actionEndedOn(state)).toBeUndefined();
    expect(actionEndedOn(actionStatusAfter(suspended))).toBeUndefined();
  });

  it('is none while planned or in progress, and again after a resumption', () => {
    expect(actionEndedOn(stateAfter([planned]))).toBeUndefined();
    expect(actionEndedOn(stateAfter([planned, started]))).toBeUndefined();
    expect(actionEndedOn(stateAfter([planned, started, suspended, resumed]))).toBeUndefined();
  });
});

describe('whether an action is late', () => {
  const years = { years: [2024, 2025], uncertain: false };

  it('is late once the year after its last planned year has begun, until it ends', () => {
    expect(isActionLate('in_progress', years, '2025-12-31')).toBe(false);
    expect(isActionLate('in_progress', years, '2026-01-01')).toBe(true);
    expect(isActionLate('planned', years, '2026-01-01')).toBe(true);
    expect(isActionLate('suspended', years, '2026-01-01')).toBe(true);
    expect(isActionLate('completed', years, '2026-01-01')).toBe(false);
    expect(isActionLate('abandoned', years, '2026-01-01')).toBe(false);
  });

  it('is never late on uncertain or unknown years', () => {
    expect(isActionLate('planned', { years: [2024], uncertain: true }, '2030-01-01')).toBe(false);
    expect(isActionLate('planned', { years: [], uncertain: false }, '2030-01-01')).toBe(false);
  });
});

describe('progress of a group of actions', () => {
  it('counts 0 planned, ½ in progress or suspended, 1 completed, and leaves abandoned ones out', () => {
    expect(
      progressOfActions({ planned: 1, in_progress: 1, suspended: 1, completed: 1, abandoned: 2 }),
    ).toEqual({
      actions: 6,
      counted: 4,
      completed: 1,
      progress: (0 + 0.5 + 0.5 + 1) / 4,
    });
  });

  it('is unknown (null, « non renseigné »), never 0, for no action or only abandoned ones', () => {
    expect(progressOfActions({})).toEqual({ actions: 0, counted: 0, completed: 0, progress: null });
    expect(progressOfActions({ abandoned: 3 })).toEqual({
      actions: 3,
      counted: 0,
      completed: 0,
      progress: null,
    });
  });

  it('a fiche without actions has the progress it reports, unknown when it gave no percentage', () => {
    const none = progressOfActions({});
    expect(progressOfFiche(none)).toBeNull();
    expect(progressOfFiche(none, { status: 'in_progress' })).toBeNull();
    expect(progressOfFiche(none, { status: 'in_progress', percentComplete: 30 })).toBe(0.3);
    expect(progressOfFiche(none, { status: 'completed' })).toBe(1);
    expect(
      progressOfFiche(progressOfActions({ completed: 1 }), { status: 'planned', percentComplete: 0 }),
    ).toBe(1);
    expect(progressOfAxis(none, [null, 0.3, 0.5])).toBeCloseTo(0.4);
    expect(progressOfAxis(none, [null])).toBeNull();
  });

  it('gives every status a weight', () => {
    expect(Object.keys(PROGRESS_WEIGHT).sort()).toEqual([...ACTION_STATUSES].sort());
  });
});
