import { describe, expect, it } from 'vitest';
import { ourStreams, serverFilter } from './server-filter.js';

/** What KurrentDB's filter keeps of these names (its .NET regex reads these patterns as JavaScript does). */
function kept(filter: ReturnType<typeof serverFilter>, names: string[]): string[] {
  if (!('regex' in filter)) throw new Error('a regex filter was expected');
  const pattern = new RegExp(filter.regex);
  return names.filter((name) => pattern.test(name));
}

const streams = ['contract-cls-34', 'offer-finess-1', 'offers-x', '$ce-contract', '$stats-1', '_command-42'];

describe('serverFilter: what KurrentDB filters on the server', () => {
  it('keeps our streams only when nothing is asked: no system stream, no command marker', () => {
    expect(ourStreams().filterOn).toBe('streamName');
    expect(kept(ourStreams(), streams)).toEqual(['contract-cls-34', 'offer-finess-1', 'offers-x']);
    expect(kept(serverFilter(undefined), streams)).toEqual(kept(ourStreams(), streams));
  });

  it('filters categories on stream names, whole categories only', () => {
    const filter = serverFilter({ categories: ['contract', 'offer'] });
    expect(filter.filterOn).toBe('streamName');
    expect(kept(filter, streams)).toEqual(['contract-cls-34', 'offer-finess-1']);
  });

  it('filters event types alone on event types, whole names only', () => {
    const filter = serverFilter({ eventTypes: ['ActionStarted', 'ConventionSigned'] });
    expect(filter.filterOn).toBe('eventType');
    expect(kept(filter, ['ActionStarted', 'ActionStartedAgain', 'ConventionSigned', 'Other'])).toEqual([
      'ActionStarted',
      'ConventionSigned',
    ]);
  });

  it('leaves the types to the client when categories are asked too', () => {
    expect(serverFilter({ categories: ['offer'], eventTypes: ['OfferClosed'] }).filterOn).toBe('streamName');
  });

  it('escapes what a name holds and matches nothing for an empty list', () => {
    expect(kept(serverFilter({ categories: ['a.b'] }), ['a.b-1', 'axb-1'])).toEqual(['a.b-1']);
    expect(kept(serverFilter({ categories: [] }), streams)).toEqual([]);
    expect(kept(serverFilter({ eventTypes: [] }), ['ActionStarted'])).toEqual([]);
  });
});
