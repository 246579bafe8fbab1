import { describe, expect, it } from 'vitest';
import { bodyFrequency, isDecisionOverdue, isSteeringCommittee, meetingIntervalDays } from './steering.js';

describe('isDecisionOverdue', () => {
  const today = '2025-10-01';
  it('flags a decision due yesterday, to do or under way', () => {
    expect(isDecisionOverdue({ dueOn: '2025-09-30', status: 'todo' }, today)).toBe(true);
    expect(isDecisionOverdue({ dueOn: '2025-09-30', status: 'in_progress' }, today)).toBe(true);
  });
  it('leaves a decision due today, done, abandoned or without due date', () => {
    expect(isDecisionOverdue({ dueOn: today, status: 'todo' }, today)).toBe(false);
    expect(isDecisionOverdue({ dueOn: '2025-01-01', status: 'done' }, today)).toBe(false);
    expect(isDecisionOverdue({ dueOn: '2025-01-01', status: 'abandoned' }, today)).toBe(false);
    expect(isDecisionOverdue({ dueOn: null, status: 'todo' }, today)).toBe(false);
    expect(isDecisionOverdue({ status: 'todo' }, today)).toBe(false);
  });
});

describe('bodyFrequency', () => {
  const contract = { status: 'signed' as const, period: { start: 2024, end: 2029 }, signedOn: '2024-03-15' };
  const twice = { meetingsPerYear: 2, contract, today: '2025-10-01' };

  it('expects a body meeting twice a year to meet every six months or so', () =>
    expect(meetingIntervalDays(2)).toBe(183));
  it('flags a body expected twice a year with no meeting in the last six months', () =>
    expect(bodyFrequency({ ...twice, heldOn: ['2024-06-01', '2025-03-01'] })).toEqual({
      kind: 'overdue',
      intervalDays: 183,
      lastHeldOn: '2025-03-01',
      since: '2025-04-01',
    }));
  it('flags a body that never met', () =>
    expect(bodyFrequency({ ...twice, heldOn: [] })).toMatchObject({ kind: 'overdue', lastHeldOn: null }));
  it('is satisfied by a meeting within the interval', () =>
    expect(bodyFrequency({ ...twice, heldOn: ['2025-06-24'] })).toEqual({
      kind: 'met',
      intervalDays: 183,
      lastHeldOn: '2025-06-24',
    }));
  it('ignores a meeting dated after today', () =>
    expect(bodyFrequency({ ...twice, heldOn: ['2025-12-01'] })).toMatchObject({ kind: 'overdue' }));
  it('expects nothing before one interval has passed since the signature', () =>
    expect(bodyFrequency({ ...twice, heldOn: [], today: '2024-08-01' })).toEqual({
      kind: 'too_early',
      intervalDays: 183,
    }));
  it('expects nothing of a contract not running', () => {
    expect(bodyFrequency({ ...twice, heldOn: [], contract: { ...contract, status: 'draft' } })).toEqual({
      kind: 'not_running',
    });
    expect(bodyFrequency({ ...twice, heldOn: [], contract: { ...contract, status: 'closed' } })).toEqual({
      kind: 'not_running',
    });
    expect(bodyFrequency({ ...twice, heldOn: [], today: '2030-02-01' })).toEqual({ kind: 'not_running' });
  });
  it('counts from the first day of the period when signed the year before', () =>
    expect(
      bodyFrequency({
        ...twice,
        heldOn: [],
        today: '2024-05-01',
        contract: { ...contract, signedOn: '2023-11-20' },
      }),
    ).toEqual({ kind: 'too_early', intervalDays: 183 }));
  it('says the frequency is unknown rather than alerting', () => {
    expect(bodyFrequency({ ...twice, meetingsPerYear: undefined, heldOn: [] })).toEqual({
      kind: 'unknown_frequency',
    });
    expect(bodyFrequency({ ...twice, meetingsPerYear: null, heldOn: [] })).toEqual({
      kind: 'unknown_frequency',
    });
  });
  it('expects nothing of a body that is not to meet', () =>
    expect(bodyFrequency({ ...twice, meetingsPerYear: 0, heldOn: [] })).toEqual({ kind: 'not_expected' }));
});

describe('isSteeringCommittee', () => {
  it('knows the COPIL by its name, as the contracts write it', () => {
    for (const body of ['COPIL', 'Comité de pilotage (COPIL)', 'COPIL élargi', 'comite de pilotage'])
      expect(isSteeringCommittee(body), body).toBe(true);
    for (const body of ['Comité technique', 'Plénière CLSM', 'Groupe de travail', 'Copilote'])
      expect(isSteeringCommittee(body), body).toBe(false);
  });
});
