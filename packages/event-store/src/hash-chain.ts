import * as crypto from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { BrokenLink, LogHead, RecordedEvent, VerifyResult } from './types.js';

/**
 * SHA-256 of a text, in hexadecimal: Node's one-shot `crypto.hash` (from 20.12) where it exists,
 * about three times cheaper for an event than a Hash object; `createHash` on older versions.
 */
const sha256 =
  typeof crypto.hash === 'function'
    ? (text: string) => crypto.hash('sha256', text, 'hex')
    : (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** prevHash of the first event of every stream, and the global hash before the first event of the log. */
export const GENESIS_HASH = '0'.repeat(64);

type HashedFields = Pick<RecordedEvent, 'id' | 'stream' | 'revision' | 'type' | 'version' | 'data'> & {
  metadata: Omit<RecordedEvent['metadata'], 'hash' | 'globalHash'>;
};

/**
 * sha256(prevHash + canonical JSON of the event without its hashes). The global
 * position is left out on purpose: it is checked by `verifyEvents` instead, so the
 * chain is the same whichever store assigned it. `dataJson`, the canonical JSON of
 * the event's data when the caller has it already (an append), is not computed again.
 */
export function eventHash(event: HashedFields, dataJson = canonicalJson(event.data, '$.data')): string {
  const { prevHash, ...metadata } = event.metadata;
  // Canonical JSON sorts the keys: `data` comes first, the rest follows as it would.
  const rest = canonicalJson({
    id: event.id,
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    version: event.version,
    metadata: {
      actor: metadata.actor,
      commandId: metadata.commandId,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      // Absent (undefined) is left out: events recorded before labels hash as they did.
      label: metadata.label,
      occurredAt: metadata.occurredAt,
      recordedAt: metadata.recordedAt,
    },
  });
  return sha256(`${prevHash}{"data":${dataJson},${rest.slice(1)}`);
}

/**
 * The global chain, one link per event in position order:
 * sha256(previous global hash + ":" + position + ":" + hash). The position is in
 * it, so renumbering events breaks it; the event's own hash is, so changing an
 * event breaks it; and each link holds the one before, so a head (position and
 * global hash) stands for the whole log up to it.
 */
export function globalEventHash(prevGlobalHash: string, position: number, hash: string): string {
  return sha256(`${prevGlobalHash}:${position}:${hash}`);
}

export interface VerifyOptions {
  /** The store numbers positions 1, 2, 3… with no gap: a missing number is a deleted event. */
  densePositions: boolean;
  /**
   * The events are the whole log from its first event: the global chain is computed
   * over them (the result's `head`), compared with each event's stored global hash.
   */
  wholeLog?: boolean;
  /** Heads the log had earlier (signed): the chain computed over a whole log must pass through each. */
  knownHeads?: LogHead[];
}

/**
 * Checks events as stored (before upcasting), in global order: every stream's
 * revisions follow each other from 0, each prevHash is the previous event's hash,
 * each hash matches the content, and positions only increase (without gaps when
 * the store promises dense positions). For a whole log, also the global chain and
 * the known heads it must still pass through: a rewrite that re-computed every
 * hash still ends somewhere else than a head signed before it. Stops at the first
 * broken link.
 */
export async function verifyEvents(
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const heads = new Map<string, { revision: number; hash: string }>();
  let lastPosition = 0;
  let count = 0;
  let globalHash = GENESIS_HASH;
  let last: RecordedEvent | undefined;
  const knownHeads = options.wholeLog
    ? [...(options.knownHeads ?? [])].sort((a, b) => a.position - b.position)
    : [];
  /** The last known head the chain went through, to say where a rewrite starts. */
  let lastMatch: LogHead | undefined;
  const broken = (
    event: Pick<RecordedEvent, 'stream' | 'revision' | 'position'>,
    reason: string,
  ): VerifyResult => ({
    ok: false,
    brokenLink: {
      stream: event.stream,
      revision: event.revision,
      position: event.position,
      reason,
    } as BrokenLink,
    streams: heads.size,
    events: count,
  });
  /** Where a rewrite must be: after the last known head the chain went through, up to `known`. */
  const rewritten = (known: LogHead) =>
    lastMatch
      ? `journal réécrit entre les positions ${lastMatch.position} et ${known.position}`
      : `journal réécrit avant la position ${known.position}`;
  while (knownHeads[0] && knownHeads[0].position === 0) {
    const known = knownHeads.shift() as LogHead;
    if (known.globalHash !== GENESIS_HASH)
      return broken(
        { stream: '', revision: -1, position: 0 },
        'tête signée en position 0 différente du début du journal',
      );
  }

  for await (const event of events) {
    if (event.position <= lastPosition) {
      return broken(event, `ordre global rompu : position ${event.position} après ${lastPosition}`);
    }
    if (options.densePositions && event.position !== lastPosition + 1) {
      return broken(
        event,
        `événement(s) manquant(s) : positions ${lastPosition + 1} à ${event.position - 1} absentes`,
      );
    }
    const head = heads.get(event.stream) ?? { revision: -1, hash: GENESIS_HASH };
    if (event.revision !== head.revision + 1) {
      return broken(event, `révision ${event.revision} inattendue : ${head.revision + 1} attendue`);
    }
    if (event.metadata.prevHash !== head.hash) {
      return broken(event, "prevHash différent du hash de l'événement précédent du flux");
    }
    if (eventHash(event) !== event.metadata.hash) {
      return broken(event, 'hash recalculé différent du hash enregistré : contenu modifié');
    }
    if (options.wholeLog) {
      globalHash = globalEventHash(globalHash, event.position, event.metadata.hash);
      if (event.metadata.globalHash !== undefined && event.metadata.globalHash !== globalHash) {
        return broken(event, 'hash global différent de celui recalculé : chaîne globale rompue');
      }
      for (let known = knownHeads[0]; known && known.position <= event.position; known = knownHeads[0]) {
        if (known.position < event.position)
          return broken(
            event,
            `position ${known.position} d’une tête signée absente du journal : ${rewritten(known)}`,
          );
        if (known.globalHash !== globalHash)
          return broken(
            event,
            `chaîne globale différente de la tête signée en position ${known.position} : ${rewritten(known)}`,
          );
        lastMatch = knownHeads.shift();
      }
    }
    heads.set(event.stream, { revision: event.revision, hash: event.metadata.hash });
    lastPosition = event.position;
    last = event;
    count += 1;
  }
  const beyond = knownHeads[0];
  if (beyond) {
    return broken(
      last ?? { stream: '', revision: -1, position: 0 },
      `le journal s’arrête en position ${lastPosition}, avant la tête signée en position ${beyond.position} : ` +
        `événements supprimés, ${rewritten(beyond)}`,
    );
  }
  return options.wholeLog
    ? { ok: true, streams: heads.size, events: count, head: { position: lastPosition, globalHash } }
    : { ok: true, streams: heads.size, events: count };
}
