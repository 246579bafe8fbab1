import { describe, expect, it } from 'vitest';
import { A1, positionOf, smallContractLog } from '../test/small-contract.js';
import { exportNdjson, parseNdjson, verifyNdjson } from './ndjson.js';
import { type CommandIo, verifyExportCommand } from './verify-export-command.js';

const log = await smallContractLog();
const text = exportNdjson(log);
const lines = text.split('\n');
const producedLine = log.findIndex((event) => event.position === positionOf(log, 'produce-L1'));

/** The export with the deliverable's date changed in its line, as someone editing the file would. */
const tampered = () =>
  lines
    .map((row, index) => (index === producedLine ? row.replace('"2025-03-10"', '"2025-03-01"') : row))
    .join('\n');

describe('exportNdjson', () => {
  it('writes one event a line, as stored, in a fixed key order', () => {
    expect(lines).toHaveLength(log.length + 1);
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toMatch(
      /^\{"id":"[^"]+","stream":"contract-cls-test","revision":0,"position":1,"type":"ContractDrafted"/,
    );
    expect(lines[0]).toMatch(
      /"metadata":\{"actor":\{"id":"demo-loader","role":"admin"\},"commandId":.*,"prevHash":"0{64}","hash":"[0-9a-f]{64}","globalHash":"[0-9a-f]{64}"\}\}$/,
    );
    expect(parseNdjson(text).events).toEqual(log);
    expect(exportNdjson([...log])).toBe(text);
  });
});

describe('verifyNdjson', () => {
  it('finds every chain intact in an untouched export', async () => {
    const verification = await verifyNdjson(text, { densePositions: true });
    expect(verification).toMatchObject({ ok: true, brokenLink: null, parseErrors: [] });
    // A whole log (dense positions): its global chain computed, up to its head.
    expect(verification.result).toEqual({
      ok: true,
      streams: 3,
      events: log.length,
      head: { position: log.length, globalHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('names the stream, revision and line of an event whose data was altered', async () => {
    const verification = await verifyNdjson(tampered(), { densePositions: true });
    expect(verification.ok).toBe(false);
    expect(verification.brokenLink).toEqual({
      stream: `action-${A1}`,
      revision: 2,
      position: positionOf(log, 'produce-L1'),
      line: producedLine + 1,
      reason: 'hash recalculé différent du hash enregistré : contenu modifié',
    });
  });

  it('sees a deleted line: a gap in the positions of a whole log, a gap in the revisions of an extract', async () => {
    const withoutFirstStart = lines
      .filter((_, index) => log[index]?.position !== positionOf(log, 'start-A1'))
      .join('\n');
    const dense = await verifyNdjson(withoutFirstStart, { densePositions: true });
    expect(dense.brokenLink?.reason).toMatch(/manquant/);
    const sparse = await verifyNdjson(withoutFirstStart, { densePositions: false });
    expect(sparse.brokenLink).toMatchObject({ stream: `action-${A1}`, revision: 2 });
  });

  it('reports unreadable lines with their numbers, and verifies the rest', async () => {
    const broken = `${lines[0]}\n{pas du json\n${JSON.stringify({ id: 'x' })}\n\n`;
    const verification = await verifyNdjson(broken, { densePositions: false });
    expect(verification.ok).toBe(false);
    expect(verification.parseErrors.map((error) => error.line)).toEqual([2, 3]);
    expect(verification.parseErrors[0]?.message).toMatch(/JSON illisible/);
    expect(verification.parseErrors[1]?.message).toMatch(/stream : texte attendu/);
    expect(verification.result).toMatchObject({ ok: true, events: 1 });
  });
});

describe('the verify-export command', () => {
  const run = async (args: string[], files: Record<string, string>, stdin = '') => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CommandIo = {
      readFile: async (path) => {
        const content = files[path];
        if (content === undefined) throw new Error('fichier introuvable');
        return content;
      },
      readStdin: async () => stdin,
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    };
    return { code: await verifyExportCommand(args, io), out, err };
  };

  it('says the log is intact and exits 0', async () => {
    expect(await run(['journal.ndjson'], { 'journal.ndjson': text })).toEqual({
      code: 0,
      out: [`journal intègre : ${log.length} événements (3 flux)`, 'aucune tête signée dans cet export'],
      err: [],
    });
  });

  it('reads standard input for -', async () => {
    const result = await run(['-', '--positions-denses'], {}, text);
    expect(result.code).toBe(0);
  });

  it('names the first broken link in French and exits 1', async () => {
    const result = await run(['journal.ndjson'], { 'journal.ndjson': tampered() });
    expect(result.code).toBe(1);
    expect(result.out[0]).toBe(
      `journal rompu : flux action-${A1}, révision 2, position ${positionOf(log, 'produce-L1')} ` +
        `(ligne ${producedLine + 1}) : hash recalculé différent du hash enregistré : contenu modifié`,
    );
  });

  it('exits 1 with its usage or the reading error otherwise', async () => {
    expect((await run([], {})).code).toBe(1);
    expect((await run([], {})).err[0]).toMatch(/^usage : verify-export/);
    expect(await run(['absent.ndjson'], {})).toMatchObject({
      code: 1,
      err: ['lecture impossible de absent.ndjson : fichier introuvable'],
    });
  });
});
