import type { EventSearch, EventStore } from '@cls/event-store';

/** The store's reads by stream and position only (as KurrentDB's), and its searches when given. */
export const storeOf = (
  store: EventStore,
  search?: Pick<EventSearch, 'searchEvents'>,
): EventStore & Partial<EventSearch> => ({
  append: store.append.bind(store),
  readStream: store.readStream.bind(store),
  readAll: store.readAll.bind(store),
  readForProjections: store.readForProjections.bind(store),
  subscribeAll: store.subscribeAll.bind(store),
  headPosition: store.headPosition.bind(store),
  streamRevision: store.streamRevision.bind(store),
  findCommand: store.findCommand.bind(store),
  verifyStream: store.verifyStream.bind(store),
  verifyAll: store.verifyAll.bind(store),
  close: async () => undefined,
  ...(search && {
    searchEvents: search.searchEvents,
    eventFacets: async () => ({ categories: [], types: [], actors: [] }),
  }),
});
