import { describe, expect, it } from 'vitest';
import { toCsv } from './index.js';
import { decodeCsv, detectSeparator, readCsv } from './read.js';

// A line of the Cœur d'Hérault plan (seed cls-coeur-herault-2024.json, fiche 1.1, action 1.1-A1).
const TITLE =
  "Faciliter l'accueil et l'installation de professionnels de santé libéraux en veillant à l'équilibre territorial";
const PILOTS = 'Coordination CLS\nProfessionnels de santé libéraux';

describe('reading an edited CSV file', () => {
  it('reads back what toCsv wrote, with either separator', () => {
    for (const separator of [';', ','] as const) {
      const text = toCsv(
        [
          ['code', 'intitulé', 'pilotes'],
          ['1.1-A1', TITLE, PILOTS],
          ['x', '=HYPERLINK("http://x";"y")', ''],
        ],
        { separator, bom: true },
      );
      expect(detectSeparator(text)).toBe(separator);
      expect(readCsv(text)).toEqual([
        { line: 1, cells: ['code', 'intitulé', 'pilotes'] },
        { line: 2, cells: ['1.1-A1', TITLE, PILOTS] },
        { line: 3, cells: ['x', '=HYPERLINK("http://x";"y")', ''] },
      ]);
    }
  });

  it('counts empty rows, so that line numbers are the spreadsheet’s', () => {
    expect(readCsv('a;b\n\n;\nc;d\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 4, cells: ['c', 'd'] },
    ]);
  });

  it('finds the separator outside quotes, tabs too, and `;` on a tie', () => {
    expect(detectSeparator('"a;b",c,d\n1;2')).toBe(',');
    expect(detectSeparator('a\tb\tc')).toBe('\t');
    expect(detectSeparator('intitulé')).toBe(';');
  });

  it('decodes UTF-8 with or without a BOM, and Windows-1252 as Excel saves it', () => {
    const utf8 = new TextEncoder().encode('niveau;intitulé\r\naxe;Santé mentale\r\n');
    expect(decodeCsv(utf8)).toEqual({ text: 'niveau;intitulé\r\naxe;Santé mentale\r\n', encoding: 'utf-8' });
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])).text).toBe(
      'niveau;intitulé\r\naxe;Santé mentale\r\n',
    );
    // « Cœur d'Hérault – élu » in Windows-1252: œ is 0x9C, é 0xE9, the dash 0x96.
    const cp1252 = new Uint8Array([
      0x43, 0x9c, 0x75, 0x72, 0x20, 0x64, 0x27, 0x48, 0xe9, 0x72, 0x61, 0x75, 0x6c, 0x74, 0x20, 0x96, 0x20,
      0xe9, 0x6c, 0x75,
    ]);
    expect(decodeCsv(cp1252)).toEqual({ text: "Cœur d'Hérault – élu", encoding: 'windows-1252' });
  });
});
