import type { KeyObject } from 'node:crypto';
import {
  type BrokenLink,
  canonicalJson,
  type LogHead,
  type RecordedEvent,
  type VerifyResult,
  verifyEvents,
} from '@cls/event-store';
import { z } from 'zod';
import { checkSignature, type SignatureVerdict, type SignedHead, SignedHeadSchema } from './signed-head.js';

/*
 * The log as NDJSON, for auditors who take it away: one event a line, exactly as
 * stored (hashes included), keys in a fixed order, so that anyone can re-compute
 * the hash chains without the platform. The platform ends an export with one more
 * line, `{"signedHead":{…}}`: the head it verified the log up to and signed (or
 * `{"signedHead":null,"refused":"…"}` when the log did not verify).
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
    `${metadata.label === undefined ? '' : `"label":${JSON.stringify(metadata.label)},`}` +
    `"occurredAt":${JSON.stringify(metadata.occurredAt)},"recordedAt":${JSON.stringify(metadata.recordedAt)},` +
    `"prevHash":${JSON.stringify(metadata.prevHash)},"hash":${JSON.stringify(metadata.hash)}` +
    `${metadata.globalHash === undefined ? '' : `,"globalHash":${JSON.stringify(metadata.globalHash)}`}}}`
  );
};

/** One RecordedEvent per line, in the order given (the log's), each line ending with a newline. */
export function exportNdjson(events: Iterable<RecordedEvent>): string {
  let text = '';
  for (const event of events) text += `${line(event)}\n`;
  return text;
}

/** What ends an export: the head the platform signed (`stream`: of an extract), or why it signed none. */
export type ExportEnd = { signedHead: SignedHead; stream?: string } | { signedHead: null; refused: string };

/**
 * The last line of an export. `stream`: the export holds one stream's events,
 * the head is the whole log's (its global chain cannot be checked on an extract).
 */
export function signedHeadLine(end: ExportEnd): string {
  if (end.signedHead === null) return `{"signedHead":null,"refused":${JSON.stringify(end.refused)}}\n`;
  const { position, globalHash, signedAt, keyId, signature } = end.signedHead;
  const head =
    `{"position":${position},"globalHash":${JSON.stringify(globalHash)},"signedAt":${JSON.stringify(signedAt)},` +
    `"keyId":${JSON.stringify(keyId)},"signature":${JSON.stringify(signature)}}`;
  return `{"signedHead":${head}${end.stream === undefined ? '' : `,"stream":${JSON.stringify(end.stream)}`}}\n`;
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
        label: text('metadata.label').optional(),
        occurredAt: text('metadata.occurredAt'),
        recordedAt: text('metadata.recordedAt'),
        prevHash: text('metadata.prevHash'),
        hash: text('metadata.hash'),
        globalHash: text('metadata.globalHash').optional(),
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

const ExportEndSchema = z.union([
  z.object({ signedHead: SignedHeadSchema, stream: z.string().optional() }),
  z.object({ signedHead: z.null(), refused: z.string() }),
]);

export interface NdjsonParseResult {
  events: RecordedEvent[];
  /** The line of each event, in the same order. */
  lines: number[];
  errors: NdjsonParseError[];
  /** The head signed in the export's last line; null without one. */
  signedHead: SignedHead | null;
  /** The export's last line, when it has one (`{"signedHead":…}`). */
  end: ExportEnd | null;
}

/** Reads an export line by line: blank lines are skipped, unreadable ones reported with their number. */
export function parseNdjson(text: string): NdjsonParseResult {
  const result: NdjsonParseResult = { events: [], lines: [], errors: [], signedHead: null, end: null };
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
    if (typeof value === 'object' && value !== null && 'signedHead' in value) {
      const end = ExportEndSchema.safeParse(value);
      if (!end.success) {
        const message = end.error.issues.map((issue) => issue.message).join(' ; ');
        result.errors.push({ line: number, message: `tête signée illisible (${message})` });
      } else if (result.end) {
        result.errors.push({ line: number, message: 'seconde tête signée : une seule termine un export' });
      } else {
        result.end = end.data;
        result.signedHead = end.data.signedHead;
      }
      return;
    }
    if (result.end) {
      result.errors.push({ line: number, message: 'événement après la tête signée, qui termine l’export' });
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
  /** The platform's public keys (the current one, and those it signed with before a rotation). */
  publicKeys?: KeyObject[];
  /** Heads the log had earlier (an earlier export's signed head): the export must pass through each. */
  expectHeads?: LogHead[];
}

export interface NdjsonVerification {
  /**
   * Every line read, every chain intact, through the expected heads and the signed
   * one; the signature valid when keys are given (not checked otherwise).
   */
  ok: boolean;
  /** What `verifyEvents` says of the events read. */
  result: VerifyResult;
  /** The first broken link and the line it is on; null when the chains hold. */
  brokenLink: (BrokenLink & { line: number }) | null;
  parseErrors: NdjsonParseError[];
  /** The head signed at the end of the export. */
  signedHead: SignedHead | null;
  /** `absent`: no signed head; `unchecked`: no public key given. */
  signature: SignatureVerdict | 'absent' | 'unchecked';
  /** Why the platform signed no head, when it refused. */
  refused: string | null;
  /** The stream of an extract (its global chain cannot be checked); null for the whole log. */
  extractOf: string | null;
  /** Events after the signed head: not covered by its signature. */
  unsignedTail: number;
}

/**
 * Re-computes every stream's hash chain of an NDJSON export and checks the global
 * order (without gaps when `densePositions`: a whole log from a store that
 * promises them, not an extract). On a whole log (signed, dense or checked
 * against expected heads), also the global chain, which must pass through the
 * signed head and every expected head. Lines that cannot be read are reported,
 * and the rest is verified all the same: a missing line then breaks its stream's chain.
 */
export async function verifyNdjson(text: string, options: NdjsonVerifyOptions): Promise<NdjsonVerification> {
  const parsed = parseNdjson(text);
  const { end, signedHead } = parsed;
  const extractOf = end?.signedHead && end.stream !== undefined ? end.stream : null;
  const expectHeads = options.expectHeads ?? [];
  const wholeLog = extractOf === null && (end !== null || options.densePositions || expectHeads.length > 0);
  const result = await verifyEvents(parsed.events, {
    densePositions: options.densePositions,
    wholeLog,
    knownHeads: wholeLog ? [...expectHeads, ...(signedHead ? [signedHead] : [])] : [],
  });
  const publicKeys = options.publicKeys ?? [];
  const signature = !signedHead
    ? 'absent'
    : publicKeys.length === 0
      ? 'unchecked'
      : checkSignature(signedHead, publicKeys);
  const refused = end && end.signedHead === null ? end.refused : null;
  const unsignedTail = signedHead
    ? parsed.events.filter((event) => event.position > signedHead.position).length
    : 0;
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
  const signed =
    signature === 'valid' || signature === 'unchecked' || (signature === 'absent' && publicKeys.length === 0);
  return {
    ok: result.ok && parsed.errors.length === 0 && signed && refused === null,
    result,
    brokenLink,
    parseErrors: parsed.errors,
    signedHead,
    signature,
    refused,
    extractOf,
    unsignedTail,
  };
}
