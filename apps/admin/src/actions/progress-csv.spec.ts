import { readCsv } from '@cls/csv';
import { describe, expect, it } from 'vitest';
import { type ActionLine, actionsToCsv, planProgressImport } from './progress-csv.js';

const parseCsv = (text: string) => readCsv(text).map((row) => row.cells);

const actions: ActionLine[] = [
  {
    actionId: 'c.1.1-A1',
    code: '1.1-A1',
    title: 'Installer; accueillir "les" médecins',
    status: 'planned',
    progress: null,
    percentComplete: null,
  },
  {
    actionId: 'c.1.1-A2',
    code: '1.1-A2',
    title: 'Cartographier',
    status: 'in_progress',
    progress: 'on_track',
    percentComplete: 40,
  },
];

describe('progress CSV', () => {
  it('writes a title that a spreadsheet would run as a formula as text, and reads it back as it was', () => {
    const formula = {
      ...actions[1],
      actionId: 'c.1.1-A3',
      code: '1.1-A3',
      title: '=HYPERLINK("http://x";"y")',
    } as ActionLine;
    const csv = actionsToCsv([formula]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"";""y"")"`);
    expect(parseCsv(csv)[1]?.[2]).toBe('=HYPERLINK("http://x";"y")');
  });

  it('exports a file that parses back to the same cells, quotes and accents included', () => {
    const rows = parseCsv(actionsToCsv(actions));
    expect(rows[0]).toEqual([
      'identifiant',
      'code',
      'intitulé',
      'état',
      'avancement',
      'pourcentage',
      'date',
      'motif',
    ]);
    expect(rows[1]?.slice(0, 4)).toEqual([
      'c.1.1-A1',
      '1.1-A1',
      'Installer; accueillir "les" médecins',
      'Prévue',
    ]);
    expect(rows[2]?.slice(3, 6)).toEqual(['En cours', 'Conforme au calendrier', '40']);
  });

  it('imports an untouched export as nothing', () => {
    expect(planProgressImport(actionsToCsv(actions), actions, '2025-05-01')).toEqual([]);
  });

  it('turns each edited line into one command, and explains the lines it cannot apply', () => {
    const edited = actionsToCsv(actions)
      .replace('Prévue;;;;', 'En cours;;;2025-02-03;')
      .replace('Conforme au calendrier;40', 'En retard;55');
    const plan = planProgressImport(
      `${edited}inconnue;9.9;X;Prévue;;;;\r\nc.1.1-A1;1.1-A1;;Perdue;;;;\r\n`,
      actions,
      '2025-05-01',
    );
    expect(plan).toEqual([
      {
        line: 2,
        code: '1.1-A1',
        command: { type: 'StartAction', input: { actionId: 'c.1.1-A1', startedOn: '2025-02-03' } },
        summary: 'Prévue → En cours',
      },
      {
        line: 3,
        code: '1.1-A2',
        command: {
          type: 'ReportProgress',
          input: { actionId: 'c.1.1-A2', reportedOn: '2025-05-01', progress: 'delayed', percentComplete: 55 },
        },
        summary: 'avancement : En retard (55 %)',
      },
      { line: 4, code: '9.9', error: 'action inconnue : « inconnue »' },
      { line: 5, code: '1.1-A1', error: expect.stringMatching(/état inconnu : « Perdue »/) },
    ]);
  });

  it('checks each command with its schema before anything is sent', () => {
    const edited = actionsToCsv(actions).replace('Conforme au calendrier;40', 'En retard;140');
    const [line] = planProgressImport(edited, actions, '2025-05-01');
    expect(line).toMatchObject({ line: 3, error: 'pourcentage : pourcentage entre 0 et 100' });
    expect(line?.command).toBeUndefined();
  });

  it('reads « 30 % » and dates as JJ/MM/AAAA, and names the column of what it cannot read', () => {
    const edited = actionsToCsv(actions)
      .replace('Prévue;;;;', 'En cours;;;03/02/2025;')
      .replace('Conforme au calendrier;40;', 'En retard;55 %;');
    const plan = planProgressImport(
      `${edited}c.1.1-A1;1.1-A1;;Prévue;;trente;;\r\nc.1.1-A2;1.1-A2;;En cours;En retard;;31/02/2025;\r\n`,
      actions,
      '2025-05-01',
    );
    expect(plan.map((update) => update.command?.input ?? update.error)).toEqual([
      { actionId: 'c.1.1-A1', startedOn: '2025-02-03' },
      { actionId: 'c.1.1-A2', reportedOn: '2025-05-01', progress: 'delayed', percentComplete: 55 },
      'pourcentage illisible : « trente » (par exemple 30 %)',
      'date illisible : « 31/02/2025 » (JJ/MM/AAAA attendu)',
    ]);
  });
});
