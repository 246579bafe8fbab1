import { describe, expect, it } from 'vitest';
import { describeImportReport, type ImportReport, inMegabytes } from './import-report.js';

const report = (rejected: number): ImportReport => ({
  file: '/données/PS_LibreAcces_Personne_activite_202611.txt',
  source: 'Annuaire Santé (RPPS)',
  encoding: 'utf-8',
  verifiedOn: '2026-11-02',
  read: { count: 120, what: 'activités lues' },
  ignored: { count: 80, what: 'hors exercice libéral ou autres professions' },
  added: 30,
  changed: 4,
  closed: 2,
  unchanged: 0,
  reopened: [],
  rejected: Array.from({ length: rejected }, (_, i) => ({ line: i + 2, reason: 'code commune invalide' })),
  notes: [],
});

describe('describeImportReport', () => {
  it('says what was read, added, changed, closed, unchanged and rejected, in French', () => {
    expect(describeImportReport(report(0))).toBe(
      [
        'Import Annuaire Santé (RPPS) : /données/PS_LibreAcces_Personne_activite_202611.txt (UTF-8)',
        '  120 activités lues, 80 hors exercice libéral ou autres professions',
        '  30 offres ajoutées, 4 modifiées, 2 fermées, 0 inchangées, 0 ligne rejetée',
      ].join('\n'),
    );
  });

  it('lists the first 20 rejected lines with their reasons, and counts the others', () => {
    const lines = describeImportReport(report(23)).split('\n');
    expect(lines[3]).toBe('  Lignes rejetées :');
    expect(lines[4]).toBe('    ligne 2 : code commune invalide');
    expect(lines[23]).toBe('    ligne 21 : code commune invalide');
    expect(lines[24]).toBe('    … et 3 autres');
    expect(lines).toHaveLength(25);
  });

  it('writes bytes as megabytes the French way', () => {
    expect(inMegabytes(812_345_678)).toBe('812,3 Mo');
  });
});
