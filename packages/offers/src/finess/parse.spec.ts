import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFiness } from './parse.js';
import { EXTRACT_COLUMNS } from './parse-extract.js';

const ROW =
  '340016971,340000264,CDS AIDER CHU LAPEYRONIE,,124,Centre de Santé,2206,Centres de Santé,191,AV,DU DOYEN GASTON GITAUD,,,34172,34,34090 MONTPELLIER,0430781868,,2007-07-05,3.876269,43.610578,finess_lambert93';

describe('parseFiness', () => {
  it('reads the national layout', () => {
    const result = parseFiness(readFileSync(new URL('./fixtures/etalab-sample.csv', import.meta.url)));
    expect(result.format).toBe('etalab');
    expect(result.establishments).toHaveLength(8);
  });

  it('reads the project’s extract, with or without a BOM', () => {
    const text = `${EXTRACT_COLUMNS.join(',')}\n${ROW}\n`;
    for (const bytes of [
      Buffer.from(text),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    ]) {
      const result = parseFiness(bytes);
      expect(result.format).toBe('extract');
      expect(result.establishments.map((e) => e.name)).toEqual(['CDS AIDER CHU LAPEYRONIE']);
    }
  });

  it('refuses any other file, saying what it expected', () => {
    expect(() => parseFiness(Buffer.from('insee,name\n34172,Montpellier\n'))).toThrow(
      /Fichier FINESS non reconnu : la première ligne « insee,name »/,
    );
  });
});
