import type { AnyDecider } from '@cls/domain';
import { canonicalJson, type EventStore, type NewEvent } from '@cls/event-store';

/** A stream folded up to `revision` (its last event read). */
interface Folded {
  revision: number;
  state: unknown;
}

/**
 * Streams folded by earlier commands, kept so that the next command on the same
 * stream reads only the events appended since (a host keeps one per process; the
 * audit's replayer one per replay). Deciders are pure and states never modified,
 * so a state may be shared. The least recently used streams are dropped beyond
 * `capacity`.
 */
export class StreamStates {
  private readonly folded = new Map<string, Folded>();
  /** Per stream, the read running and the one that follows it (see `share`). */
  private readonly reads = new Map<string, { running: Promise<Fold>; next?: Promise<Fold> }>();

  constructor(private readonly capacity = 4096) {}

  get(stream: string): Folded | undefined {
    const found = this.folded.get(stream);
    if (found) {
      // Most recently used last: Map keeps insertion order.
      this.folded.delete(stream);
      this.folded.set(stream, found);
    }
    return found;
  }

  set(stream: string, folded: Folded): void {
    this.folded.delete(stream);
    this.folded.set(stream, folded);
    if (this.folded.size > this.capacity) {
      const oldest = this.folded.keys().next().value;
      if (oldest !== undefined) this.folded.delete(oldest);
    }
  }

  /** Forgets a stream (a concurrent append proved the kept state stale, or the log was restored). */
  forget(stream: string): void {
    this.folded.delete(stream);
  }

  /**
   * A read of the stream's last events that concurrent commands share, none of them
   * answered by a read begun before it asked: a caller arriving while no read of the
   * stream runs starts one; those arriving while one runs (it may have looked before
   * they asked) share the next, started once it ends. Fifty commands on the actions of
   * one contract read its stream twice at most, not fifty times.
   */
  share(stream: string, read: () => Promise<Fold>): Promise<Fold> {
    const reading = this.reads.get(stream);
    if (!reading) return this.startRead(stream, read);
    if (!reading.next) {
      const after = () => this.startRead(stream, read);
      reading.next = reading.running.then(after, after);
    }
    return reading.next;
  }

  private startRead(stream: string, read: () => Promise<Fold>): Promise<Fold> {
    const running = read();
    this.reads.set(stream, { running });
    const done = () => {
      if (this.reads.get(stream)?.running === running) this.reads.delete(stream);
    };
    running.then(done, done);
    return running;
  }
}

/** A stream's state and the revision of its last event (undefined: no event). */
type Fold = { state: unknown; revision: number | undefined };

/**
 * A stream's state and the revision of its last event (undefined: no event),
 * from `states` and the events after it when kept, from the start otherwise.
 */
export function foldStream(
  store: EventStore,
  stream: string,
  decider: AnyDecider,
  states: StreamStates | undefined,
): Promise<Fold> {
  return states
    ? states.share(stream, () => readAndFold(store, stream, decider, states))
    : readAndFold(store, stream, decider, undefined);
}

async function readAndFold(
  store: EventStore,
  stream: string,
  decider: AnyDecider,
  states: StreamStates | undefined,
): Promise<Fold> {
  const kept = states?.get(stream);
  const events = await store.readStream(stream, kept ? { fromRevision: kept.revision + 1 } : {});
  let state = kept ? kept.state : decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  const revision = events.at(-1)?.revision ?? kept?.revision;
  if (states && revision !== undefined) states.set(stream, { revision, state });
  return { state, revision };
}

/**
 * Keeps the state after a command's own append: `before` (the state at its revision,
 * undefined: no event) evolved by the events appended, their data as the log gives them
 * back (canonical JSON: no undefined member), at the append's `revision`. Only right
 * because the append was made at `before.revision`, which the store checked: nobody
 * appended in between.
 */
export function keepAppended(
  states: StreamStates,
  stream: string,
  decider: AnyDecider,
  before: { state: unknown; revision: number | undefined },
  appended: Array<Pick<NewEvent, 'type' | 'data'>>,
  revision: number,
): void {
  if (appended.length === 0 && revision === before.revision) return;
  if (appended.length === 0 || revision !== (before.revision ?? -1) + appended.length) {
    states.forget(stream);
    return;
  }
  // A concurrent command of this process kept a later state already.
  if ((states.get(stream)?.revision ?? -1) >= revision) return;
  let state = before.state;
  for (const event of appended)
    state = decider.evolve(state, { type: event.type, data: JSON.parse(canonicalJson(event.data)) });
  states.set(stream, { revision, state });
}
