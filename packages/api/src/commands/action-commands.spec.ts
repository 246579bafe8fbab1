import { describe, expect, it } from 'vitest';
import { PILOT_ACTION_COMMANDS } from '../auth/permissions.js';
import type { Session } from '../auth/session.js';
import { appRouter } from '../root.js';
import { fakeContext, sessionWith } from '../testing/fake-context.js';
import { createCallerFactory } from '../trpc.js';

const createCaller = createCallerFactory(appRouter);
const cdh = 'cls-coeur-herault-2024';
const actionId = `${cdh}.1.1-A1`;
const contracts = { [`action-${actionId}`]: cdh };

const admin = sessionWith({ role: 'admin', scope: {} });
const coordinator = sessionWith({ role: 'coordinator', scope: { contractId: cdh } });
const pilot = sessionWith({ role: 'pilot', scope: { actionId } });
const otherPilot = sessionWith({ role: 'pilot', scope: { actionId: `${cdh}.2.1-A1` } });
const auditor = sessionWith({ role: 'auditor', scope: {} });

const allowed = (session: Session) =>
  createCaller(fakeContext(session, { contracts })).board.actionCommands({ actionId });

/** Each action mutation, with an input its schema accepts. */
const mutations = {
  StartAction: (caller: ReturnType<typeof createCaller>) =>
    caller.action.start({ actionId, startedOn: '2025-01-06' }),
  ReportProgress: (caller: ReturnType<typeof createCaller>) =>
    caller.action.reportProgress({ actionId, reportedOn: '2025-03-15', progress: 'on_track' }),
  CompleteAction: (caller: ReturnType<typeof createCaller>) =>
    caller.action.complete({ actionId, completedOn: '2025-06-01' }),
  SuspendAction: (caller: ReturnType<typeof createCaller>) =>
    caller.action.suspend({ actionId, suspendedOn: '2025-06-01', reason: 'attente' }),
  AbandonAction: (caller: ReturnType<typeof createCaller>) =>
    caller.action.abandon({ actionId, abandonedOn: '2025-06-01', reason: 'abandon' }),
};

describe('which forms of an action a user may submit', () => {
  it('gives a pilot the running of their action, not its abandonment nor its planning', async () => {
    const commands = await allowed(pilot);
    expect(commands).toEqual([...PILOT_ACTION_COMMANDS]);
    expect(commands).not.toContain('AbandonAction');
    expect(commands).not.toContain('PlanAction');
    expect(commands).not.toContain('LinkOfferToAction');
  });

  it('gives the contract’s coordination and admins every command of the action', async () => {
    for (const session of [coordinator, admin]) {
      const commands = await allowed(session);
      expect(commands).toEqual(
        expect.arrayContaining(['StartAction', 'ReportProgress', 'AbandonAction', 'LinkOfferToAction']),
      );
    }
  });

  it('gives nothing to an auditor or another action’s pilot', async () => {
    expect(await allowed(auditor)).toEqual([]);
    expect(await allowed(otherPilot)).toEqual([]);
  });

  it('says what the router decides: each mutation passes exactly when it is listed', async () => {
    for (const session of [pilot, otherPilot, coordinator, auditor]) {
      const listed = await allowed(session);
      for (const [type, send] of Object.entries(mutations)) {
        const passed = await send(createCaller(fakeContext(session, { contracts }))).then(
          () => true,
          () => false,
        );
        expect({ type, passed }).toEqual({ type, passed: listed.some((command) => command === type) });
      }
    }
  });
});

describe('« mes actions »', () => {
  it('lists the actions a pilot pilots, and nothing for others', async () => {
    const row = {
      actionId,
      contractId: cdh,
      axisCode: '1',
      ficheCode: '1.1',
      code: '1.1-A1',
      title: 'Faciliter l’installation',
      status: 'planned' as const,
      pilots: ['Coordination CLS'],
      pilotPersons: [],
      plannedYears: [2025],
      yearsUncertain: false,
      deliverablesPlanned: 1,
      deliverablesProduced: 0,
      progress: null,
      percentComplete: null,
      startedOn: null,
      endedOn: null,
      revision: 0,
    };
    const context = (session: Session) => {
      const base = fakeContext(session, { contracts });
      base.readModels.queries.action = async (id) =>
        id === actionId ? { ...row, timeline: [], deliverables: [] } : undefined;
      return base;
    };
    expect(await createCaller(context(pilot)).board.myActions()).toEqual([row]);
    expect(await createCaller(context(coordinator)).board.myActions()).toEqual([]);
  });
});
