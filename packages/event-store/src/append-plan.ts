import { canonicalJson } from './canonical-json.js';
import { EventStoreError, InvalidEventPayload, MAX_EVENT_BYTES, WrongExpectedRevision } from './errors.js';
import { eventHash, GENESIS_HASH, globalEventHash } from './hash-chain.js';
import type {
  AppendOptions,
  AppendResult,
  ExpectedRevision,
  LogHead,
  NewEvent,
  RecordedEvent,
} from './types.js';
import { isUuid, uuidv7 } from './uuid.js';

/** An append checked and serialised before it reaches the store. */
export interface PreparedAppend {
  stream: string;
  category: string;
  expectedRevision: ExpectedRevision;
  options: AppendOptions;
  events: PreparedEvent[];
}

export interface PreparedEvent {
  id: string;
  type: string;
  version: number;
  /** Canonical JSON of the payload, as stored. */
  dataJson: string;
  /** A copy of the payload, detached from the caller's object. */
  data: unknown;
  /** ISO 8601, or undefined: the recording time. */
  occurredAt: string | undefined;
}

const STREAM_NAME = /^([A-Za-z][A-Za-z0-9_]*)-(.+)$/;

/** `contract-42` → `contract`. */
export function categoryOf(stream: string): string {
  const match = STREAM_NAME.exec(stream);
  if (!match?.[1])
    throw new EventStoreError(`Nom de flux invalide « ${stream} » : attendu <catégorie>-<identifiant>`);
  return match[1];
}

/** Validates everything that does not depend on the stored state; throws before anything is sent. */
export function prepareAppend(stream: string, events: NewEvent[], options: AppendOptions): PreparedAppend {
  const category = categoryOf(stream);
  const expectedRevision = options.expectedRevision ?? 'any';
  if (
    typeof expectedRevision === 'number' &&
    (!Number.isSafeInteger(expectedRevision) || expectedRevision < -1)
  ) {
    throw new EventStoreError(`Révision attendue invalide : ${expectedRevision}`);
  }
  if (!options.actor?.id || !options.actor.role) {
    throw new EventStoreError('Tout événement doit porter son auteur (actor.id et actor.role)');
  }
  return {
    stream,
    category,
    expectedRevision,
    options,
    events: events.map((event, index) => prepareEvent(event, `events[${index}]`)),
  };
}

function prepareEvent(event: NewEvent, path: string): PreparedEvent {
  if (typeof event.type !== 'string' || event.type.length === 0) {
    throw new InvalidEventPayload(`${path}.type`, "type d'événement manquant");
  }
  const version = event.version ?? 1;
  if (!Number.isInteger(version) || version < 1) {
    throw new InvalidEventPayload(`${path}.version`, `version ${version} : entier ≥ 1 attendu`);
  }
  if (event.id !== undefined && !isUuid(event.id))
    throw new InvalidEventPayload(`${path}.id`, 'UUID attendu');
  let occurredAt: string | undefined;
  if (event.occurredAt !== undefined) {
    const date = new Date(event.occurredAt);
    if (Number.isNaN(date.getTime())) throw new InvalidEventPayload(`${path}.occurredAt`, 'date invalide');
    occurredAt = date.toISOString();
  }
  const dataJson = canonicalJson(event.data, `${path}.data`);
  const bytes = Buffer.byteLength(dataJson);
  if (bytes > MAX_EVENT_BYTES) {
    throw new InvalidEventPayload(
      `${path}.data`,
      `${Math.ceil(bytes / 1024)} Kio : un événement ne dépasse pas ${MAX_EVENT_BYTES / 1024} Kio`,
    );
  }
  return {
    id: event.id ?? uuidv7(),
    type: event.type,
    version,
    dataJson,
    data: JSON.parse(dataJson),
    occurredAt,
  };
}

/** The last event of a stream, as far as appends are concerned. */
export interface StreamHead {
  revision: number;
  hash: string;
  position: number;
}

export type AppendOutcome =
  | { kind: 'appended'; result: AppendResult; records: RecordedEvent[] }
  | { kind: 'duplicate'; result: AppendResult }
  | { kind: 'rejected'; error: Error };

/**
 * Decides a sequence of appends against the state of the log, as one writer
 * would: idempotency first (a known command id answers its first result), then
 * the expected revision, then revisions, positions and hash chains. Stores feed it
 * what they read under their write lock and persist the records it returns.
 * Given the log's head (`logHead`), positions follow it and each record gets its
 * global hash; without it (KurrentDB: the server assigns positions), positions
 * count from `nextPosition` and records carry no global hash.
 */
export class AppendPlanner {
  private nextPosition: number;
  private globalHash: string | undefined;

  constructor(
    private readonly heads: Map<string, StreamHead>,
    private readonly knownCommands: Map<string, AppendResult>,
    logHead: LogHead | { nextPosition: number },
    private readonly recordedAt: string,
  ) {
    if ('globalHash' in logHead) {
      this.nextPosition = logHead.position + 1;
      this.globalHash = logHead.globalHash;
    } else {
      this.nextPosition = logHead.nextPosition;
    }
  }

  /** The log's head after the appends planned so far (undefined without a head to start from). */
  get logHead(): LogHead | undefined {
    return this.globalHash === undefined
      ? undefined
      : { position: this.nextPosition - 1, globalHash: this.globalHash };
  }

  plan(append: PreparedAppend): AppendOutcome {
    const { stream, options } = append;
    const commandId = options.commandId;
    const known = commandId === undefined ? undefined : this.knownCommands.get(commandId);
    if (known) return { kind: 'duplicate', result: known };

    const head = this.heads.get(stream);
    const actual = head?.revision;
    if (!revisionMatches(append.expectedRevision, actual)) {
      return { kind: 'rejected', error: new WrongExpectedRevision(stream, append.expectedRevision, actual) };
    }
    if (append.events.length === 0) {
      const result = { stream, nextExpectedRevision: actual ?? -1, position: head?.position ?? 0 };
      return { kind: 'appended', result, records: [] };
    }

    let revision = actual ?? -1;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const records = append.events.map((event): RecordedEvent => {
      revision += 1;
      const unhashed = {
        id: event.id,
        stream,
        revision,
        position: this.nextPosition++,
        type: event.type,
        version: event.version,
        data: event.data,
        metadata: {
          actor: { id: options.actor.id, role: options.actor.role },
          commandId: commandId ?? null,
          correlationId: options.correlationId ?? null,
          causationId: options.causationId ?? null,
          ...(options.label === undefined ? {} : { label: options.label }),
          occurredAt: event.occurredAt ?? this.recordedAt,
          recordedAt: this.recordedAt,
          prevHash,
        },
      };
      const hash = eventHash(unhashed, event.dataJson);
      prevHash = hash;
      if (this.globalHash === undefined) return { ...unhashed, metadata: { ...unhashed.metadata, hash } };
      this.globalHash = globalEventHash(this.globalHash, unhashed.position, hash);
      return { ...unhashed, metadata: { ...unhashed.metadata, hash, globalHash: this.globalHash } };
    });
    const last = records[records.length - 1] as RecordedEvent;
    const result: AppendResult = { stream, nextExpectedRevision: last.revision, position: last.position };
    this.heads.set(stream, { revision: last.revision, hash: last.metadata.hash, position: last.position });
    if (commandId !== undefined) this.knownCommands.set(commandId, result);
    return { kind: 'appended', result, records };
  }
}

function revisionMatches(expected: ExpectedRevision, actual: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === undefined;
    case 'exists':
      return actual !== undefined;
    default:
      return expected === -1 ? actual === undefined : actual === expected;
  }
}
