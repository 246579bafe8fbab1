import type { ExpectedRevision } from './types.js';

export class EventStoreError extends Error {
  override name = 'EventStoreError';
}

/** The stream is not where the caller expected it: nothing was appended. */
export class WrongExpectedRevision extends EventStoreError {
  override name = 'WrongExpectedRevision';
  constructor(
    readonly stream: string,
    readonly expectedRevision: ExpectedRevision,
    /** Revision of the stream's last event; undefined when it has none. */
    readonly actualRevision: number | undefined,
  ) {
    super(
      `Flux ${stream} : révision attendue ${String(expectedRevision)}, révision actuelle ${
        actualRevision === undefined ? 'aucune (flux vide)' : actualRevision
      }`,
    );
  }
}

/**
 * The largest payload an event may carry, in bytes of its canonical JSON: an
 * event is kept forever and read by every replay, so a command cannot store
 * megabytes at once (the command schemas bound each field well below it).
 */
export const MAX_EVENT_BYTES = 256 * 1024;

/** An event that cannot be stored as JSON exactly as given. */
export class InvalidEventPayload extends EventStoreError {
  override name = 'InvalidEventPayload';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`Contenu d'événement non sérialisable en JSON à ${path} : ${problem}`);
  }
}
