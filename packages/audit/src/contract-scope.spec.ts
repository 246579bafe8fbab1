import type { RecordedEvent } from '@cls/event-store';
import { describe, expect, it } from 'vitest';
import { replay } from '../test/replay.js';
import { CDH, CDH_2019, demoLog, seeds, unlinkedOffer } from '../test/scenario.js';
import { A1, A2, SMALL, smallContractCommands } from '../test/small-contract.js';
import { eventsOfContract, streamsOfContract } from './contract-scope.js';

/** The small contract, a second one, an offer linked to the first and one linked to nothing. */
function twoContracts(): Promise<RecordedEvent[]> {
  const other = smallContractCommands.map((step) => ({
    ...step,
    key: `other:${step.key}`,
    command: JSON.parse(
      JSON.stringify(step.command).replaceAll(`"${SMALL}`, '"cls-autre'),
    ) as (typeof step)['command'],
  }));
  return replay(
    [
      ...smallContractCommands,
      ...other,
      ...unlinkedOffer.slice(0, 1),
      {
        key: 'msp:register',
        recordedAt: '2025-11-02T10:00:00.000Z',
        command: {
          type: 'RegisterOffer',
          offerId: 'msp-test',
          source: 'manual',
          kind: 'msp',
          name: 'MSP de Testville',
          address: { line: '1 place de la Mairie', communeName: 'Testville' },
          position: { lon: 3, lat: 43 },
          verifiedOn: '2025-11-01',
        },
      },
      {
        key: 'msp:link',
        recordedAt: '2025-11-03T10:00:00.000Z',
        command: { type: 'LinkOfferToAction', offerId: 'msp-test', actionId: A1, contractId: SMALL },
      },
    ],
    { recordedAt: '2024-01-05T10:00:00.000Z' },
  );
}

const log = await twoContracts();

describe('streamsOfContract', () => {
  it('finds the contract, its actions and the offers linked to them, in the log’s order', () => {
    expect(streamsOfContract(log, SMALL)).toEqual([
      `contract-${SMALL}`,
      `action-${A1}`,
      `action-${A2}`,
      'offer-msp-test',
    ]);
    expect(streamsOfContract(log, 'cls-autre')).toEqual([
      'contract-cls-autre',
      'action-cls-autre.A1',
      'action-cls-autre.A2',
    ]);
    expect(streamsOfContract(log, 'cls-absent')).toEqual([]);
  });

  it('does not depend on the order the events are given in', () => {
    expect(streamsOfContract([...log].reverse(), SMALL)).toEqual(streamsOfContract(log, SMALL));
    expect(eventsOfContract([...log].reverse(), SMALL)).toEqual(eventsOfContract(log, SMALL));
  });

  it('takes an offer linked to one of the contract’s actions, whatever contract the link names', () => {
    const relinked = log.map((event) =>
      event.type === 'OfferLinkedToAction'
        ? { ...event, data: { ...(event.data as object), contractId: 'x' } }
        : event,
    );
    expect(streamsOfContract(relinked, SMALL)).toContain('offer-msp-test');
  });

  it('gives every event of those streams, by position, and none other', () => {
    const events = eventsOfContract(log, SMALL);
    const streams = new Set(streamsOfContract(log, SMALL));
    expect(events.map((event) => event.position)).toEqual(
      log.filter((event) => streams.has(event.stream)).map((event) => event.position),
    );
  });
});

describe.skipIf(!seeds)('streamsOfContract on the demo', () => {
  it('keeps each contract’s meetings, evaluations, conventions and linked offers to itself', async () => {
    const log = (await demoLog()) ?? [];
    const streams = streamsOfContract(log, CDH);
    expect(streams).toEqual(
      expect.arrayContaining([
        `contract-${CDH}`,
        `action-${CDH}.1.1-A1`,
        'meeting-cdh-copil-2025',
        `evaluation-${CDH}.2025`,
        'convention-cls-ch-2024-annexe8-cpts',
        'offer-test-msp-lodeve',
      ]),
    );
    expect(streams).not.toContain('offer-test-cmp-clermont');
    expect(streams).not.toContain(`contract-${CDH_2019}`);
    expect(streams.filter((stream) => stream.startsWith('action-'))).toHaveLength(42);
    expect(streamsOfContract(log, CDH_2019)).toEqual([`contract-${CDH_2019}`]);
  });
});
