import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, restoreFormula, toCsv } from './index.js';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://x";"y")', `'=HYPERLINK("http://x";"y")`],
    ['+cmd|/c calc', "'+cmd|/c calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', "'\rCR"],
  ])('neutralises %j', (value, expected) => {
    expect(neutraliseFormula(value)).toBe(expected);
    expect(restoreFormula(neutraliseFormula(value))).toBe(value);
  });

  it.each(['-0.57', '+33', '3.87', 'Maison de santé', '', "'déjà cité"])('leaves %j as it is', (value) => {
    expect(neutraliseFormula(value)).toBe(value);
    expect(restoreFormula(value)).toBe(value);
  });

  it('quotes what holds the separator, a quote or a line end', () => {
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a;b', ',')).toBe('a;b');
    expect(csvCell('dit "oui"', ',')).toBe('"dit ""oui"""');
    expect(csvCell('=A1,B1', ',')).toBe(`"'=A1,B1"`);
  });

  it('writes a file with CRLF lines, and a BOM when asked', () => {
    expect(
      toCsv(
        [
          ['a', 'b'],
          ['=1+1', '2'],
        ],
        { separator: ',' },
      ),
    ).toBe("a,b\r\n'=1+1,2\r\n");
    expect(toCsv([['é']], { separator: ';', bom: true })).toBe('\uFEFFé\r\n');
  });
});
