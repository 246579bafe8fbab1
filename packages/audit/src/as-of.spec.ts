import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedFact } from '@cls/demo';
import type { RecordedEvent } from '@cls/event-store';
import { describe, expect, it } from 'vitest';
import { positionOfCommand, replay, type ScriptedCommand } from '../test/replay.js';
import { CDH, CDH_2019, demoLog, SHARED_DIR, seeds } from '../test/scenario.js';
import {
  A1,
  A2,
  positionOf,
  SMALL,
  smallContractCommands,
  smallContractLog,
} from '../test/small-contract.js';
import { contractAsOf, startOfFactDate } from './as-of.js';

const byPosition = (log: RecordedEvent[], position: number) =>
  log.find((event) => event.position === position);

const log = await smallContractLog();
const demo = (await demoLog()) ?? [];

describe('contractAsOf on a small contract', () => {
  it('tells business time from record time for a deliverable produced in March and recorded in September', () => {
    const produced = positionOf(log, 'produce-L1');
    const deliverable = (time: 'occurred' | 'recorded', date: string) =>
      contractAsOf(log, SMALL, { time, date })
        ?.actions.find((action) => action.actionId === A1)
        ?.deliverables.find((item) => item.deliverableId === 'L1');

    expect(deliverable('occurred', '2025-06-30')).toMatchObject({ producedOn: '2025-03-10', planned: true });
    expect(deliverable('occurred', '2025-06-30')?.evidence).toContain(produced);
    // On 30 June the log did not know it yet.
    expect(deliverable('recorded', '2025-06-30')).toMatchObject({ producedOn: null });
    expect(deliverable('recorded', '2025-06-30')?.evidence).not.toContain(produced);
    expect(deliverable('recorded', '2025-09-01')).toMatchObject({ producedOn: '2025-03-10' });
    // Before it was produced, in either time.
    expect(deliverable('occurred', '2025-03-09')).toMatchObject({ producedOn: null });
  });

  it('leaves out what comes after the day: the later action, the later start', () => {
    const early = contractAsOf(log, SMALL, { time: 'recorded', date: '2024-12-31' });
    expect(early?.actions.map((action) => action.code)).toEqual(['1.1-A1']);
    expect(early?.actions[0]).toMatchObject({ status: 'planned', startedOn: null, statusSince: null });
    expect(early?.contract).toMatchObject({ exists: true, status: 'signed', signedOn: '2024-03-01' });
    const before = contractAsOf(log, SMALL, { time: 'recorded', date: '2024-01-04' });
    expect(before?.contract.exists).toBe(false);
    expect(before).toMatchObject({ axes: [], fiches: [], actions: [], eventCount: 0, lastPosition: null });
  });

  it('takes an action started in the past with its planning recorded later, and says the planning was implied', () => {
    const snapshot = contractAsOf(log, SMALL, { time: 'occurred', date: '2025-06-30' });
    const a2 = snapshot?.actions.find((action) => action.actionId === A2);
    expect(a2).toMatchObject({ code: '1.1-A2', status: 'in_progress', startedOn: '2025-06-02' });
    expect(snapshot?.implied).toContain(positionOf(log, 'plan-A2'));
    expect(snapshot?.implied).not.toContain(positionOf(log, 'start-A2'));
    expect(a2?.statusEvidence).toEqual([positionOf(log, 'start-A2')]);
    // The same day in record time: the log knew nothing of A2 yet.
    expect(
      contractAsOf(log, SMALL, { time: 'recorded', date: '2025-06-30' })?.actions.map(
        (action) => action.code,
      ),
    ).toEqual(['1.1-A1']);
  });

  it('gives every element the positions of the events that made it so', () => {
    const snapshot = contractAsOf(log, SMALL, { time: 'recorded', date: '2025-12-31' });
    expect(snapshot?.contract.statusEvidence).toEqual([positionOf(log, 'sign')]);
    expect(snapshot?.axes[0]?.evidence).toEqual([positionOf(log, 'axis-1')]);
    const a1 = snapshot?.actions.find((action) => action.actionId === A1);
    expect(a1?.statusEvidence).toEqual([positionOf(log, 'start-A1')]);
    expect(a1?.deliverables.map((item) => [item.deliverableId, item.evidence])).toEqual([
      ['L1', [positionOf(log, 'plan-A1'), positionOf(log, 'produce-L1')]],
      ['L2', [positionOf(log, 'plan-A1')]],
    ]);
    for (const position of a1?.evidence ?? []) expect(byPosition(log, position)?.stream).toBe(`action-${A1}`);
  });

  it('is undefined for a contract the log does not hold, and refuses a malformed day', () => {
    expect(contractAsOf(log, 'cls-absent', { time: 'occurred', date: '2025-01-01' })).toBeUndefined();
    expect(() => contractAsOf(log, SMALL, { time: 'occurred', date: '2025-02-30' })).toThrow(/AAAA-MM-JJ/);
  });

  it('does not depend on the order the events are given in', () => {
    const asOf = { time: 'occurred', date: '2025-12-31' } as const;
    expect(contractAsOf([...log].reverse(), SMALL, asOf)).toEqual(contractAsOf(log, SMALL, asOf));
  });

  it('answers the same beside another contract of the same shape and a directory of offers', async () => {
    const other = smallContractCommands.map((step) => ({
      ...step,
      key: `other:${step.key}`,
      command: JSON.parse(
        JSON.stringify(step.command).replaceAll(`"${SMALL}`, '"cls-autre'),
      ) as (typeof step)['command'],
    }));
    const offers = Array.from(
      { length: 50 },
      (_, n): ScriptedCommand => ({
        key: `offer-${n}`,
        command: {
          type: 'RegisterOffer',
          offerId: `msp-${n}`,
          source: 'manual',
          kind: 'msp',
          name: `MSP ${n}`,
          address: { line: `${n} rue de la Santé`, communeName: 'Lodève' },
          position: { lon: 3.3, lat: 43.7 },
          verifiedOn: '2025-01-02',
        },
      }),
    );
    // The small contract's events first: the same positions as in its own log.
    const crowded = await replay([...smallContractCommands, ...other, ...offers], {
      recordedAt: '2025-01-02T10:00:00.000Z',
    });
    expect(
      contractAsOf(crowded, 'cls-autre', { time: 'occurred', date: '2025-12-31' })?.actions,
    ).toHaveLength(2);
    for (const time of ['occurred', 'recorded'] as const) {
      expect(contractAsOf(crowded, SMALL, { time, date: '2025-12-31' })).toEqual(
        contractAsOf(log, SMALL, { time, date: '2025-12-31' }),
      );
    }
  });
});

describe.skipIf(!seeds)('contractAsOf on the demo’s replay of the seeds', () => {
  const log = demo;
  const history = seeds
    ? (JSON.parse(
        readFileSync(join(SHARED_DIR, 'seeds/history-coeur-herault-2019.json'), 'utf8'),
      ) as SeedFact[])
    : [];

  it('holds exactly the facts of the 2019 report dated on or before 2019-12-31, at their dates and precisions', () => {
    const snapshot = contractAsOf(log, CDH_2019, { time: 'occurred', date: '2019-12-31' });
    const expected = history
      .filter((fact) => startOfFactDate(fact.date) <= '2019-12-31')
      .map((fact) => ({
        factId: fact.id,
        date: fact.date,
        precision: fact.precision,
        inferred: Boolean(fact.inferred),
      }))
      .sort((a, b) => a.factId.localeCompare(b.factId));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(history.length);
    expect(
      snapshot?.facts
        .map(({ factId, date, precision, inferred }) => ({ factId, date, precision, inferred }))
        .sort((a, b) => a.factId.localeCompare(b.factId)),
    ).toEqual(expected);
    for (const fact of snapshot?.facts ?? []) {
      const event = byPosition(log, fact.evidence[0] as number);
      expect(event).toMatchObject({ type: 'FactRecorded', stream: `contract-${CDH_2019}` });
      expect(event?.data).toMatchObject({ factId: fact.factId });
    }
    // In force from 2019 (fact cdh2019-04, « 2019/2023 »): drafted and signed that year, its day unknown.
    expect(snapshot?.contract).toMatchObject({
      exists: true,
      period: { start: 2019, end: 2023 },
      status: 'signed',
      signedOn: '2019-01-01',
      signedOnPrecision: 'year',
      signatories: [],
    });
    expect(snapshot?.implied).toEqual([]);
    // Closed at the end of its period.
    expect(contractAsOf(log, CDH_2019, { time: 'occurred', date: '2024-01-01' })?.contract).toMatchObject({
      status: 'closed',
      closedOn: '2023-12-31',
    });
  });

  it('drops the later facts as of an earlier day, and knows nothing of 2019 on the record clock', () => {
    const midYear = contractAsOf(log, CDH_2019, { time: 'occurred', date: '2019-06-30' });
    expect(midYear?.facts.map((fact) => fact.factId)).toEqual(
      history
        .filter((fact) => startOfFactDate(fact.date) <= '2019-06-30')
        .map((fact) => fact.id)
        .sort(),
    );
    expect(midYear?.facts.some((fact) => fact.factId === 'cdh2019-29')).toBe(false);
    const recorded = contractAsOf(log, CDH_2019, { time: 'recorded', date: '2019-12-31' });
    expect(recorded).toMatchObject({ facts: [], eventCount: 0 });
    expect(recorded?.contract.exists).toBe(false);
  });

  it('follows the Cœur d’Hérault 2024 contract through its scenario', () => {
    const snapshot = contractAsOf(log, CDH, { time: 'recorded', date: '2025-12-31' });
    // Signed in the demo as its sources show it: in 2024, the day unknown.
    expect(snapshot?.contract).toMatchObject({
      status: 'signed',
      signedOn: '2024-01-01',
      signedOnPrecision: 'year',
    });
    expect(snapshot?.contract.amendments).toHaveLength(1);
    expect(snapshot?.axes).toHaveLength(4);
    expect(snapshot?.fiches).toHaveLength(15);
    expect(snapshot?.actions).toHaveLength(42);
    const status = (code: string) => snapshot?.actions.find((action) => action.code === code)?.status;
    expect([
      status('1.1-A1'),
      status('1.4-A1'),
      status('2.1-A1'),
      status('3.5-A2'),
      status('1.3-A2'),
    ]).toEqual(['in_progress', 'completed', 'suspended', 'abandoned', 'planned']);
    expect(snapshot?.actions.find((action) => action.code === '1.1-A1')?.progress).toMatchObject({
      progress: 'delayed',
      percentComplete: 40,
    });
    expect(snapshot?.meetings.map((meeting) => [meeting.meetingId, meeting.status])).toEqual([
      ['cdh-copil-2024', 'held'],
      ['cdh-copil-2025', 'held'],
      ['cdh-cotech-2025-06', 'held'],
      ['cdh-gt-2025-09', 'cancelled'],
      ['cdh-pleniere-2025', 'scheduled'],
    ]);
    expect(snapshot?.conventions.map((convention) => [convention.conventionId, convention.status])).toEqual([
      ['cls-ch-2024-annexe6-cpam', 'partially_signed'],
      ['cls-ch-2024-annexe7-chu', 'draft'],
      ['cls-ch-2024-annexe8-cpts', 'signed'],
      ['cls-ch-2024-annexe9-contrats-de-ville', 'draft'],
    ]);
    expect(snapshot?.offers).toMatchObject([
      { offerId: 'test-msp-lodeve', links: [{ actionCode: '1.1-A1', deliverableId: 'L2' }] },
    ]);
    // The 2025 evaluation is opened in 2026.
    expect(snapshot?.evaluations.map((evaluation) => evaluation.year)).toEqual([2024]);
    const later = contractAsOf(log, CDH, { time: 'recorded', date: '2026-03-31' });
    expect(later?.evaluations.find((evaluation) => evaluation.year === 2025)?.results).toMatchObject([
      { resultId: 'leviers-coordination', score: '++' },
      {
        resultId: 'leviers-decloisonnement',
        score: '+',
        evidence: [positionOfCommand(log, 'evaluation-2025:score-1-again')],
      },
      { resultId: 'parcours-ville-hopital', score: '--' },
    ]);
  });
});

describe('contractAsOf on a draft corrected before signature', () => {
  it('shows the draft as it stood on each day: before and after the correction', async () => {
    const contractId = 'cls-corrige-2025';
    const commands: ScriptedCommand[] = [
      {
        key: 'draft',
        recordedAt: '2025-01-10T09:00:00.000Z',
        command: {
          type: 'DraftContract',
          contractId,
          name: 'CLS du Lodévois et Larzak',
          territory: { name: 'Lodévois', epci: [], communes: ['Lodève'] },
          period: { start: 2025, end: 2029 },
          parties: [{ organisation: 'ARS Occitanie' }],
        },
      },
      {
        key: 'correct',
        recordedAt: '2025-02-10T09:00:00.000Z',
        command: {
          type: 'UpdateContractDraft',
          contractId,
          name: 'CLS du Lodévois et Larzac',
          territory: { name: 'Lodévois et Larzac', epci: [], communes: ['Lodève', 'Le Caylar'] },
          parties: [{ organisation: 'ARS Occitanie' }, { organisation: 'CC Lodévois et Larzac' }],
        },
      },
    ];
    const corrected = await replay(commands, { recordedAt: '2025-01-10T09:00:00.000Z' });
    const before = contractAsOf(corrected, contractId, { time: 'recorded', date: '2025-01-31' })?.contract;
    expect(before).toMatchObject({
      name: 'CLS du Lodévois et Larzak',
      territory: { name: 'Lodévois', communes: ['Lodève'] },
      parties: [{ organisation: 'ARS Occitanie' }],
    });
    const after = contractAsOf(corrected, contractId, { time: 'recorded', date: '2025-02-28' })?.contract;
    expect(after).toMatchObject({
      name: 'CLS du Lodévois et Larzac',
      territory: { name: 'Lodévois et Larzac', communes: ['Lodève', 'Le Caylar'] },
      parties: [{ organisation: 'ARS Occitanie' }, { organisation: 'CC Lodévois et Larzac' }],
    });
    expect(after?.draftEvidence).toEqual([
      positionOfCommand(corrected, 'correct') - 1,
      positionOfCommand(corrected, 'correct'),
    ]);
  });
});
