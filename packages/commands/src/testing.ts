import type { Clock } from '@cls/domain';
import type { PersonalDataSealer } from './personal-data-sealer.js';
import type { ReactorCheckpoints } from './reactor.js';

/**
 * For tests and tools whose logs hold no real person: personal values are
 * recorded as they are (no key, nothing sealed), every subject is known, and
 * erasing destroys nothing.
 */
export const personalDataInClear: PersonalDataSealer = {
  sealEvent: async (_type, data) => data,
  knows: async () => true,
  erase: async () => {},
};

/** A clock stopped at `instant` (ISO 8601), moved by `set`. */
export function stoppedClock(instant: string): Clock & { set(instant: string): void } {
  let now = new Date(instant);
  return {
    now: () => new Date(now),
    set(next) {
      now = new Date(next);
    },
  };
}

/** Reactor checkpoints in memory, with the lease free unless `leased` says otherwise. */
export function memoryCheckpoints(leased: () => boolean = () => true): ReactorCheckpoints & {
  positions: Map<string, number>;
} {
  const positions = new Map<string, number>();
  return {
    positions,
    lease: async () => leased(),
    read: async () => new Map(positions),
    write: async (reached) => {
      for (const [name, position] of reached) positions.set(name, position);
    },
    release: async () => {},
  };
}
