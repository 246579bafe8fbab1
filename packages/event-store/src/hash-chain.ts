import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { BrokenLink, RecordedEvent, VerifyResult } from './types.js';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

type HashedFields = Pick<RecordedEvent, 'id' | 'stream' | 'revision' | 'type' | 'version' | 'data'> & {
  metadata: Omit<RecordedEvent['metadata'], 'hash'>;
};

/**
 * sha256(prevHash + canonical JSON of the event without its hashes). The global
 * position is left out on purpose: it is checked by `verifyEvents` instead, so the
 * chain is the same whichever store assigned it.
 */
export function eventHash(event: HashedFields): string {
  const { prevHash, ...metadata } = event.metadata;
  const canonical = canonicalJson({
    id: event.id,
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    version: event.version,
    data: event.data,
    metadata: {
      actor: metadata.actor,
      commandId: metadata.commandId,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      occurredAt: metadata.occurredAt,
      recordedAt: metadata.recordedAt,
    },
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

export interface VerifyOptions {
  /** The store numbers positions 1, 2, 3… with no gap: a missing number is a deleted event. */
  densePositions: boolean;
}

/**
 * Checks events as stored (before upcasting), in global order: every stream's
 * revisions follow each other from 0, each prevHash is the previous event's hash,
 * each hash matches the content, and positions only increase (without gaps when
 * the store promises dense positions). Stops at the first broken link.
 */
export async function verifyEvents(
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const heads = new Map<string, { revision: number; hash: string }>();
  let lastPosition = 0;
  let count = 0;
  const broken = (event: RecordedEvent, reason: string): VerifyResult => ({
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
    heads.set(event.stream, { revision: event.revision, hash: event.metadata.hash });
    lastPosition = event.position;
    count += 1;
  }
  return { ok: true, streams: heads.size, events: count };
}
