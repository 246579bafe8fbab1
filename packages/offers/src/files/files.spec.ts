import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXTRACT_COLUMNS } from '../finess/parse-extract.js';
import { decodeText } from './delimited.js';
import { detectOfferFile } from './detect.js';
import { readTextLines, type TextLine } from './text-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'cls-offer-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
const fileOf = (content: string | Uint8Array): string => {
  count += 1;
  const path = join(dir, `file-${count}.txt`);
  writeFileSync(path, content);
  return path;
};
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));
const BOM = '\uFEFF';
const collect = async (lines: AsyncIterable<TextLine>): Promise<TextLine[]> => {
  const all: TextLine[] = [];
  for await (const line of lines) all.push(line);
  return all;
};

// The first line and a structureet line of the national file (etalab-cs1100507-stock-20210108, Latin-1),
// as in ../finess/fixtures/etalab-sample.csv.
const NATIONAL =
  'finess;etalab;97;2021-01-08\r\n' +
  'structureet;340015163;340011295;CMP CATTP LA PALANCA;CENTRE MÉDICO-PSYCHOLOGIQUE CATTP LA PALANCA;;;11;R;DES PEUPLIERS;;;301;34;HERAULT;34200 SETE;0467465757;;156;Centre Médico-Psychologique (C.M.P.);1111;Autres Etablissements de Lutte contre les Maladies Mentales;26340390900017;;03;ARS établissements Publics de santé dotation globale;1;Etablissement public de santé;2001-01-01;2001-01-01;2020-12-01;\r\n';
// The header of the Annuaire Santé extraction PS_LibreAcces_Personne_activite_*.txt (its first columns).
const RPPS_HEADER =
  "Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|Libellé civilité d'exercice|Code civilité|Libellé civilité|Nom d'exercice|Prénom d'exercice|Code profession|Libellé profession|";

describe('decodeText and readTextLines agree on Windows-1252', () => {
  // « Œuvre – Cœur » in Windows-1252: œ, Œ and – are bytes 0x9C, 0x8C and 0x96, where ISO-8859-1 has control characters.
  const bytes = Uint8Array.from([0x8c, 0x75, 0x76, 0x72, 0x65, 0x20, 0x96, 0x20, 0x43, 0x9c, 0x75, 0x72]);

  it('reads « œ », « Œ » and « – » from bytes held in memory and from a file read as a stream', async () => {
    expect(decodeText(bytes)).toEqual({ text: 'Œuvre – Cœur', encoding: 'latin1' });
    expect(await collect(readTextLines(fileOf(bytes), 'latin1'))).toEqual([
      { line: 1, text: 'Œuvre – Cœur' },
    ]);
  });
});

describe('readTextLines', () => {
  it('numbers the lines from 1, ends them at \\n or \\r\\n, keeps empty lines, drops the BOM', async () => {
    const path = fileOf(`${BOM}un\r\ndeux\n\ntrois`);
    expect(await collect(readTextLines(path, 'utf-8'))).toEqual([
      { line: 1, text: 'un' },
      { line: 2, text: 'deux' },
      { line: 3, text: '' },
      { line: 4, text: 'trois' },
    ]);
  });

  it('gives no empty line after the final line end', async () => {
    const path = fileOf('un\r\ndeux\r\n');
    expect((await collect(readTextLines(path, 'utf-8'))).map((l) => l.text)).toEqual(['un', 'deux']);
  });

  it('decodes a character split between two chunks, and a \\r\\n split between them', async () => {
    const path = fileOf('é\r\nMÉDICO\r\nœ');
    const lines = await collect(readTextLines(path, 'utf-8', { chunkBytes: 1 }));
    expect(lines.map((l) => l.text)).toEqual(['é', 'MÉDICO', 'œ']);
  });

  it('reads Latin-1 as Windows-1252 (its superset: œ, €, ’)', async () => {
    const path = fileOf(new Uint8Array([...latin1('CENTRE M\xc9DICO '), 0x9c, 0x80, 0x92, 0x0a]));
    expect(await collect(readTextLines(path, 'latin1'))).toEqual([{ line: 1, text: 'CENTRE MÉDICO œ€’' }]);
  });

  it('drops a BOM before Latin-1 text too', async () => {
    const path = fileOf(new Uint8Array([0xef, 0xbb, 0xbf, ...latin1('H\xd4PITAL\n')]));
    expect(await collect(readTextLines(path, 'latin1'))).toEqual([{ line: 1, text: 'HÔPITAL' }]);
  });

  it('cuts a line longer than the limit instead of holding it, and goes on with the next', async () => {
    const path = fileOf(`${'x'.repeat(50)}\r\nsuite\n${'y'.repeat(20)}`);
    const lines = await collect(readTextLines(path, 'utf-8', { maxLineChars: 10, chunkBytes: 7 }));
    expect(lines).toEqual([
      { line: 1, text: 'x'.repeat(10), truncated: true },
      { line: 2, text: 'suite' },
      { line: 3, text: 'y'.repeat(10), truncated: true },
    ]);
  });

  it('reads an empty file as no line', async () => {
    expect(await collect(readTextLines(fileOf(''), 'utf-8'))).toEqual([]);
  });
});

describe('detectOfferFile', () => {
  it('recognises the national FINESS file as published: Latin-1, no BOM', async () => {
    expect(await detectOfferFile(fileOf(latin1(NATIONAL)))).toEqual({
      format: 'finess-national',
      encoding: 'latin1',
      bom: false,
    });
  });

  it('reads a UTF-8 national file WITHOUT BOM as UTF-8 (no « MÃ©dico »)', async () => {
    const path = fileOf(NATIONAL);
    expect(await detectOfferFile(path)).toEqual({ format: 'finess-national', encoding: 'utf-8', bom: false });
    const lines = await collect(readTextLines(path, 'utf-8'));
    expect(lines[1]?.text).toContain('CENTRE MÉDICO-PSYCHOLOGIQUE');
    expect(lines[1]?.text).not.toContain('Ã');
  });

  it('recognises a UTF-8 national file with BOM', async () => {
    expect(await detectOfferFile(fileOf(`${BOM}${NATIONAL}`))).toEqual({
      format: 'finess-national',
      encoding: 'utf-8',
      bom: true,
    });
  });

  it('finds a Latin-1 byte far down a file that opens as plain ASCII', async () => {
    const ascii = `finess;etalab;97;2021-01-08\n${'structureet;340000000;;A;;\n'.repeat(20_000)}`;
    const path = fileOf(new Uint8Array([...latin1(ascii), ...latin1('structureet;340015163;;M\xc9DICO;\n')]));
    expect((await detectOfferFile(path)).encoding).toBe('latin1');
  });

  it('takes a BOM followed by bytes that are not UTF-8 for Latin-1', async () => {
    const path = fileOf(new Uint8Array([0xef, 0xbb, 0xbf, ...latin1(NATIONAL)]));
    expect(await detectOfferFile(path)).toEqual({ format: 'finess-national', encoding: 'latin1', bom: true });
  });

  it('recognises the extract of ../shared/data by its header', async () => {
    const path = fileOf(`${EXTRACT_COLUMNS.join(',')}\n`);
    expect(await detectOfferFile(path)).toEqual({ format: 'finess-extract', encoding: 'utf-8', bom: false });
  });

  it('recognises the Annuaire Santé extraction by its header line', async () => {
    expect(await detectOfferFile(fileOf(`${RPPS_HEADER}\r\n`))).toEqual({
      format: 'rpps',
      encoding: 'utf-8',
      bom: false,
    });
  });

  it('refuses any other file, quoting its first line in French', async () => {
    const path = fileOf('nom;adresse;ville\nCMP;1 rue X;Sète\n');
    await expect(detectOfferFile(path)).rejects.toThrow(
      /^Fichier non reconnu : file-\d+\.txt — sa première ligne « nom;adresse;ville » n’est ni celle du fichier FINESS national/,
    );
  });

  it('says when the file is empty, missing or a folder', async () => {
    await expect(detectOfferFile(fileOf(''))).rejects.toThrow(/^Fichier vide : /);
    await expect(detectOfferFile(join(dir, 'absent.csv'))).rejects.toThrow(/^Fichier introuvable : /);
    await expect(detectOfferFile(dir)).rejects.toThrow(/est un dossier, pas un fichier$/);
  });

  it('does not print binary bytes of a first line', async () => {
    const path = fileOf(new Uint8Array([0x50, 0x4b, 0x05, 0x06, 0x14, 0x00, 0x0a]));
    await expect(detectOfferFile(path)).rejects.toThrow(/« PK\?\?\?\? »/);
  });

  it('says to unpack a zip (as the Annuaire Santé publishes it) or a gzip file', async () => {
    const zip = fileOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00]));
    await expect(detectOfferFile(zip)).rejects.toThrow(/est une archive zip — décompressez-la/);
    const gzip = fileOf(new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00]));
    await expect(detectOfferFile(gzip)).rejects.toThrow(/est une archive gzip — décompressez-la/);
  });
});

describe('readTextLines on a file that cannot be read', () => {
  it('says so in French', async () => {
    await expect(collect(readTextLines(join(dir, 'absent.txt'), 'utf-8'))).rejects.toThrow(
      /^Fichier introuvable : .*absent\.txt$/,
    );
  });
});
