import {
  type BrokenLink,
  canonicalJson,
  type RecordedEvent,
  type VerifyResult,
  verifyEvents,
} from '@cls/event-store';
import { z } from 'zod';

/*
 * The log as NDJSON, for auditors who take it away: one event a line, exactly as
 * stored (hashes included), keys in a fixed order, so that anyone can re-compute
 * the hash chains without the platform.
 */

const line = (event: RecordedEvent): string => {
  const { metadata } = event;
  // The envelope in the order of the store's documentation; payloads in canonical
  // (sorted) order, the form the hashes are computed over.
  return (
    `{"id":${JSON.stringify(event.id)},"stream":${JSON.stringify(event.stream)},` +
    `"revision":${JSON.stringify(event.revision)},"position":${JSON.stringify(event.position)},` +
    `"type":${JSON.stringify(event.type)},"version":${JSON.stringify(event.version)},` +
    `"data":${canonicalJson(event.data)},` +
    `"metadata":{"actor":${canonicalJson(metadata.actor)},"commandId":${JSON.stringify(metadata.commandId)},` +
    `"correlationId":${JSON.stringify(metadata.correlationId)},"causationId":${JSON.stringify(metadata.causationId)},` +
    `"occurredAt":${JSON.stringify(metadata.occurredAt)},"recordedAt":${JSON.stringify(metadata.recordedAt)},` +
    `"prevHash":${JSON.stringify(metadata.prevHash)},"hash":${JSON.stringify(metadata.hash)}}}`
  );
};

/** One RecordedEvent per line, in the order given (the log's), each line ending with a newline. */
export function exportNdjson(events: Iterable<RecordedEvent>): string {
  let text = '';
  for (const event of events) text += `${line(event)}\n`;
  return text;
}

const text = (what: string) => z.string({ error: `${what} : texte attendu` });
const nullableText = (what: string) => z.string({ error: `${what} : texte ou null attendu` }).nullable();
const integer = (what: string, min: number) =>
  z
    .number({ error: `${what} : nombre attendu` })
    .int({ error: `${what} : entier attendu` })
    .min(min, { error: `${what} : au moins ${min}` });

const RecordedEventSchema = z.object(
  {
    id: text('id'),
    stream: text('stream').regex(/^[^-]+-.+$/, { error: 'stream : <catégorie>-<identifiant> attendu' }),
    revision: integer('revision', 0),
    position: integer('position', 1),
    type: text('type').min(1, { error: 'type : vide' }),
    version: integer('version', 1),
    data: z.unknown().refine((value) => value !== undefined, { error: 'data : absent' }),
    metadata: z.object(
      {
        actor: z.object(
          { id: text('metadata.actor.id'), role: text('metadata.actor.role') },
          {
            error: 'metadata.actor : objet attendu',
          },
        ),
        commandId: nullableText('metadata.commandId'),
        correlationId: nullableText('metadata.correlationId'),
        causationId: nullableText('metadata.causationId'),
        occurredAt: text('metadata.occurredAt'),
        recordedAt: text('metadata.recordedAt'),
        prevHash: text('metadata.prevHash'),
        hash: text('metadata.hash'),
      },
      { error: 'metadata : objet attendu' },
    ),
  },
  { error: 'événement : objet JSON attendu' },
);

export interface NdjsonParseError {
  /** 1 for the first line. */
  line: number;
  message: string;
}

export interface NdjsonParseResult {
  events: RecordedEvent[];
  /** The line of each event, in the same order. */
  lines: number[];
  errors: NdjsonParseError[];
}

/** Reads an export line by line: blank lines are skipped, unreadable ones reported with their number. */
export function parseNdjson(text: string): NdjsonParseResult {
  const result: NdjsonParseResult = { events: [], lines: [], errors: [] };
  const rows = text.split('\n');
  rows.forEach((raw, index) => {
    const row = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (row.trim() === '') return;
    const number = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch (error) {
      result.errors.push({ line: number, message: `JSON illisible (${(error as Error).message})` });
      return;
    }
    const parsed = RecordedEventSchema.safeParse(value);
    if (!parsed.success) {
      result.errors.push({
        line: number,
        message: parsed.error.issues.map((issue) => issue.message).join(' ; '),
      });
      return;
    }
    result.events.push(parsed.data as RecordedEvent);
    result.lines.push(number);
  });
  return result;
}

export interface NdjsonVerifyOptions {
  /** The export is a whole log from a store that numbers positions 1, 2, 3… without gaps. */
  densePositions: boolean;
}

export interface NdjsonVerification {
  /** Every line read and every chain intact. */
  ok: boolean;
  /** What `verifyEvents` says of the events read. */
  result: VerifyResult;
  /** The first broken link and the line it is on; null when the chains hold. */
  brokenLink: (BrokenLink & { line: number }) | null;
  parseErrors: NdjsonParseError[];
}

/**
 * Re-computes every stream's hash chain of an NDJSON export and checks the global
 * order (without gaps when `densePositions`: a whole log from a store that
 * promises them, not an extract). Lines that cannot be read are reported, and
 * the rest is verified all the same: a missing line then breaks its stream's chain.
 */
export async function verifyNdjson(text: string, options: NdjsonVerifyOptions): Promise<NdjsonVerification> {
  const parsed = parseNdjson(text);
  const result = await verifyEvents(parsed.events, options);
  let brokenLink: NdjsonVerification['brokenLink'] = null;
  if (!result.ok) {
    const index = parsed.events.findIndex(
      (event) =>
        event.stream === result.brokenLink.stream &&
        event.revision === result.brokenLink.revision &&
        event.position === result.brokenLink.position,
    );
    brokenLink = { ...result.brokenLink, line: parsed.lines[index] ?? 0 };
  }
  return { ok: result.ok && parsed.errors.length === 0, result, brokenLink, parseErrors: parsed.errors };
}
