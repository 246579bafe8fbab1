import { generateKeyPairSync } from 'node:crypto';
import { type RecordedEvent, verifyEvents } from '@cls/event-store';
import { rechain } from '@cls/event-store/forgery';
import { describe, expect, it } from 'vitest';
import { A1, SMALL, smallContractLog } from '../test/small-contract.js';
import {
  evaluationReport,
  publishedReportOptions,
  reportContentHash,
  reportJson,
} from './evaluation-report.js';
import { exportNdjson, signedHeadLine, verifyNdjson } from './ndjson.js';
import { reportCsv } from './report-csv.js';
import { reportHtml } from './report-html.js';
import {
  checkPublicationSignature,
  checkSignature,
  keyIdOf,
  publicationMessage,
  publicKeyPem,
  readPublicKey,
  type SignedHead,
  signHead,
  signPublication,
} from './signed-head.js';
import { type CommandIo, verifyExportCommand } from './verify-export-command.js';

/*
 * The offline side of tamper evidence: an auditor holds an export the platform
 * signed, and later gets another. Whoever rewrote the log in between — even with
 * every hash re-computed, even with the new export signed — is caught by the
 * earlier export's signed head, which the new log no longer passes through.
 */

const platform = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const PUBLIC_PEM = publicKeyPem(platform.publicKey);

/** The small contract's log as the platform stores it (a store's log): with its global chain. */
const log = await smallContractLog();

async function signedExport(events: RecordedEvent[], key = platform.privateKey): Promise<string> {
  const verdict = await verifyEvents(events, { densePositions: true, wholeLog: true });
  if (!verdict.ok || !verdict.head) throw new Error('journal intact attendu');
  const signedHead = signHead(verdict.head, key, new Date('2026-03-01T12:00:00.000Z'));
  return exportNdjson(events) + signedHeadLine({ signedHead });
}

/** Attack 1: the last event of a stream deleted, the positions after it renumbered, every hash re-computed. */
function withoutLastEventOfContract(events: RecordedEvent[]): RecordedEvent[] {
  const last = events.filter((event) => event.stream === `contract-${SMALL}`).at(-1) as RecordedEvent;
  expect(events.at(-1)).not.toBe(last);
  return rechain(
    events
      .filter((event) => event !== last)
      .map((event) => (event.position > last.position ? { ...event, position: event.position - 1 } : event)),
  );
}

/** Attack 2: an event's data edited, its stream's hashes and the global chain re-computed. */
function withFirstActionRenamed(events: RecordedEvent[]): RecordedEvent[] {
  return rechain(
    events.map((event) =>
      event.stream === `action-${A1}` && event.revision === 0
        ? { ...event, data: { ...(event.data as object), title: 'Enquête réécrite' } }
        : event,
    ),
  );
}

async function run(args: string[], files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    readFile: async (path) => {
      const content = files[path];
      if (content === undefined) throw new Error('fichier introuvable');
      return content;
    },
    readStdin: async () => '',
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  return { code: await verifyExportCommand(args, io), out, err };
}

describe('signed heads', () => {
  it('signs a head that the platform’s public key verifies, and no other', () => {
    const head = signHead({ position: 12, globalHash: 'a'.repeat(64) }, platform.privateKey);
    expect(head.keyId).toBe(keyIdOf(platform.publicKey));
    expect(checkSignature(head, [platform.publicKey])).toBe('valid');
    expect(checkSignature(head, [readPublicKey(PUBLIC_PEM)])).toBe('valid');
    expect(checkSignature({ ...head, position: 13 }, [platform.publicKey])).toBe('invalid');
    expect(checkSignature({ ...head, globalHash: 'b'.repeat(64) }, [platform.publicKey])).toBe('invalid');
    expect(checkSignature(head, [stranger.publicKey])).toBe('unknown-key');
    // After a rotation, the old key among those given still verifies what it signed.
    expect(checkSignature(head, [stranger.publicKey, platform.publicKey])).toBe('valid');
  });

  it('reads the public key from a PEM, a private key PEM or base64 DER; refuses another algorithm', () => {
    const der = platform.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const privatePem = platform.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const text of [PUBLIC_PEM, der, privatePem])
      expect(keyIdOf(readPublicKey(text))).toBe(keyIdOf(platform.publicKey));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(() => readPublicKey(rsa.toString())).toThrow(/Ed25519/);
  });
});

describe('a signed export', () => {
  it('verifies: chains, global chain through the signed head, signature', async () => {
    const text = await signedExport(log);
    const verification = await verifyNdjson(text, { densePositions: true, publicKeys: [platform.publicKey] });
    expect(verification).toMatchObject({ ok: true, signature: 'valid', unsignedTail: 0, refused: null });
    expect(verification.signedHead?.position).toBe(log.length);
    expect(text.split('\n').at(-2)).toMatch(/^\{"signedHead":\{"position":\d+,"globalHash":"[0-9a-f]{64}"/);
    expect(text.split('\n')[0]).toMatch(/"hash":"[0-9a-f]{64}","globalHash":"[0-9a-f]{64}"\}\}$/);
  });

  it('is refused when its signed head was changed, signed by another key, or absent while a key is given', async () => {
    const text = await signedExport(log);
    const lines = text.trimEnd().split('\n');
    const head = JSON.parse(lines.at(-1) as string).signedHead as SignedHead;
    const withEnd = (end: string) => `${lines.slice(0, -1).join('\n')}\n${end}\n`;
    const moved = withEnd(signedHeadLine({ signedHead: { ...head, signedAt: '2030-01-01T00:00:00.000Z' } }));
    expect(
      await verifyNdjson(moved, { densePositions: true, publicKeys: [platform.publicKey] }),
    ).toMatchObject({
      ok: false,
      signature: 'invalid',
    });
    const foreign = await signedExport(log, stranger.privateKey);
    expect(
      await verifyNdjson(foreign, { densePositions: true, publicKeys: [platform.publicKey] }),
    ).toMatchObject({
      ok: false,
      signature: 'unknown-key',
    });
    const unsigned = exportNdjson(log);
    expect(
      await verifyNdjson(unsigned, { densePositions: true, publicKeys: [platform.publicKey] }),
    ).toMatchObject({
      ok: false,
      signature: 'absent',
    });
    // A signed head that the events do not reach: they were cut after it was signed.
    const cut = `${lines.slice(0, -2).join('\n')}\n${lines.at(-1)}\n`;
    expect(
      (await verifyNdjson(cut, { densePositions: true, publicKeys: [platform.publicKey] })).brokenLink
        ?.reason,
    ).toMatch(/s’arrête en position \d+, avant la tête signée/);
  });

  it('says when the platform refused to sign, and counts the events after the signed head', async () => {
    const refused = `${exportNdjson(log)}${signedHeadLine({ signedHead: null, refused: 'journal altéré' })}`;
    expect(await run(['journal.ndjson'], { 'journal.ndjson': refused })).toEqual({
      code: 1,
      out: ['la plateforme a refusé de signer cet export : journal altéré'],
      err: [],
    });
    const signedBefore = await verifyEvents(log.slice(0, -2), { densePositions: true, wholeLog: true });
    if (!signedBefore.ok || !signedBefore.head) throw new Error('journal intact attendu');
    const tail = `${exportNdjson(log)}${signedHeadLine({ signedHead: signHead(signedBefore.head, platform.privateKey) })}`;
    const result = await run(['journal.ndjson', '--public-key', 'cle.pem'], {
      'journal.ndjson': tail,
      'cle.pem': PUBLIC_PEM,
    });
    expect(result.code).toBe(0);
    expect(result.out).toContain('2 événements après la tête signée : non couverts par sa signature');
  });
});

describe.each([
  ['deletes the last event of a stream and renumbers the positions after it', withoutLastEventOfContract],
  ['edits an event and re-computes its stream’s hashes and the global chain', withFirstActionRenamed],
])('an administrator who %s', (_, rewrite) => {
  it('leaves a log whose chains all hold, even signed anew: only the earlier export’s signed head tells', async () => {
    const before = await signedExport(log);
    // Worst case: the rewritten log is even signed with the platform's key.
    const after = await signedExport(rewrite(log));
    const files = { 'avant.ndjson': before, 'apres.ndjson': after, 'cle.pem': PUBLIC_PEM };

    const alone = await run(['apres.ndjson', '--positions-denses', '--public-key', 'cle.pem'], files);
    expect(alone.code).toBe(0);

    const againstEarlier = await run(
      ['apres.ndjson', '--positions-denses', '--public-key', 'cle.pem', '--expect-head', 'avant.ndjson'],
      files,
    );
    expect(againstEarlier.code).toBe(1);
    expect(againstEarlier.out[0]).toMatch(
      /^journal rompu : flux .*, position \d+ \(ligne \d+\) : (chaîne globale différente de la tête signée|le journal s’arrête en position \d+, avant la tête signée)/,
    );

    const earlier = JSON.parse(before.trimEnd().split('\n').at(-1) as string).signedHead as SignedHead;
    const literal = await run(
      ['apres.ndjson', '--expect-head', `${earlier.position}:${earlier.globalHash}`],
      files,
    );
    expect(literal.code).toBe(1);
    expect(literal.out[0]).toMatch(/tête signée en position/);

    const intact = await run(
      ['avant.ndjson', '--public-key', 'cle.pem', '--expect-head', 'avant.ndjson'],
      files,
    );
    expect(intact).toMatchObject({ code: 0, err: [] });
    expect(intact.out).toContain(
      `tête attendue en position ${earlier.position} (${earlier.globalHash.slice(0, 12)}…) : le journal y passe toujours`,
    );
  });
});

describe('the annual report’s attestation', () => {
  const report = evaluationReport(log, { contractId: SMALL, year: 2025, time: 'recorded' });
  if (!report) throw new Error('rapport attendu');
  const signedHead = signHead({ position: log.length, globalHash: 'c'.repeat(64) }, platform.privateKey);
  const eventLink = (position: number) => `#e${position}`;

  it('carries the signed head: a JSON field, CSV rows, the HTML footer', () => {
    expect(JSON.parse(reportJson(report, { signedHead })).signedHead).toEqual(signedHead);
    const csv = reportCsv(report, { signedHead });
    expect(csv).toContain(
      `Intégrité du journal;Tête signée;tete.hashGlobal;Hash global;${'c'.repeat(64)};;\r\n`,
    );
    expect(csv).toContain(signedHead.signature);
    const html = reportHtml(report, { eventLink, attestation: { signedHead } });
    const footer = html.slice(html.indexOf('<footer>'), html.indexOf('</footer>'));
    expect(footer).toContain(`--expect-head ${log.length}:${'c'.repeat(64)}`);
    expect(footer).toContain(signedHead.signature);
  });

  it('says why none was signed, and is unchanged without an attestation', () => {
    const refused = { signedHead: null, refused: 'journal altéré' } as const;
    expect(JSON.parse(reportJson(report, refused))).toMatchObject({
      signedHead: null,
      refused: 'journal altéré',
    });
    expect(reportCsv(report, refused)).toMatch(
      /Tête signée;tete\.refus;Aucune tête signée;journal altéré;;\r\n$/,
    );
    expect(reportHtml(report, { eventLink, attestation: refused })).toContain(
      '<strong>Tête signée du journal</strong> : aucune (journal altéré).',
    );
    expect(reportHtml(report, { eventLink })).not.toContain('Tête signée');
    expect(reportJson(report)).not.toContain('signedHead');
  });
});

describe('a publication’s seal', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519').publicKey;

  it('signs the report’s hash and the position it covers with the log’s key, in the heads’ format', async () => {
    const log = await smallContractLog();
    const report = evaluationReport(log, publishedReportOptions(SMALL, 2025, '2026-01-15'));
    if (!report) throw new Error('rapport absent');
    const contentHash = reportContentHash(report);
    expect(contentHash).toMatch(/^[0-9a-f]{64}$/);
    // The same log, the same hash: a later replay gives it back.
    const again = evaluationReport(
      await smallContractLog(),
      publishedReportOptions(SMALL, 2025, '2026-01-15'),
    );
    expect(again && reportContentHash(again)).toBe(contentHash);
    const sealed = { evaluationId: `${SMALL}.2025`, coversPosition: log.length, contentHash };
    const seal = signPublication(sealed, privateKey);
    expect(seal.keyId).toBe(keyIdOf(publicKey));
    expect(checkPublicationSignature(seal, [publicKey])).toBe('valid');
    expect(checkPublicationSignature({ ...seal, contentHash: 'f'.repeat(64) }, [publicKey])).toBe('invalid');
    expect(checkPublicationSignature({ ...seal, coversPosition: 1 }, [publicKey])).toBe('invalid');
    expect(checkPublicationSignature(seal, [other])).toBe('unknown-key');
    // Not a head's signature: the two messages cannot be mistaken for each other.
    expect(publicationMessage(sealed).toString('utf8')).toMatch(/^cls-evaluation-publiee-v1\n/);
  });
});
