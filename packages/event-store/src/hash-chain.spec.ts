import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { eventHash, GENESIS_HASH } from './hash-chain.js';

/** The hash as the chain defines it: the whole event, without its hashes, in canonical JSON. */
const reference = (event: Parameters<typeof eventHash>[0]) => {
  const { prevHash, ...metadata } = event.metadata;
  const { position: _position, ...unpositioned } = { position: 0, ...event };
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ ...unpositioned, metadata }))
    .digest('hex');
};

describe('eventHash', () => {
  const base = {
    id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    stream: 'action-1.1-A1',
    revision: 3,
    type: 'ProgressReported',
    version: 1,
    metadata: {
      actor: { id: 'u-1', role: 'coordinator' },
      commandId: null,
      correlationId: 'c-1',
      causationId: null,
      occurredAt: '2026-12-04T10:00:00.000Z',
      recordedAt: '2026-12-04T10:00:01.000Z',
      prevHash: GENESIS_HASH,
    },
  };

  it.each([
    ['an object', { reportedOn: '2026-12-04', progress: 'on_track', zeta: [1, { b: 2, a: 'é' }] }],
    ['an empty object', {}],
    ['an array', [3, 'deux', null]],
    ['a string', 'texte « libre »'],
    ['null', null],
  ])(
    'is the hash of the whole event in canonical JSON, with %s as data, given its text or not',
    (_, data) => {
      for (const event of [
        { ...base, data },
        { ...base, data, metadata: { ...base.metadata, label: 'import' } },
      ]) {
        expect(eventHash(event)).toBe(reference(event));
        expect(eventHash(event, canonicalJson(data))).toBe(reference(event));
      }
    },
  );
});
