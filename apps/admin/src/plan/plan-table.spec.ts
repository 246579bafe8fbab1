import { decodeCsv, readCsv, toCsv } from '@cls/csv';
import { describe, expect, it } from 'vitest';
import { readPlanFile, tableToXlsx, xlsxToTable } from './plan-files.js';
import {
  amendmentOf,
  commandsOf,
  PLAN_COLUMNS,
  type PlanColumn,
  type PlanSnapshot,
  planDateOf,
  planImport,
  planTable,
  type TableRow,
  tableToCsv,
  templateTable,
} from './plan-table.js';

const contractId = 'cls-coeur-herault-2024';

/** Lines of the Cœur d'Hérault plan 2024-2029, quoted from seeds/contracts/cls-coeur-herault-2024.json (axis 1, fiches 1.1 and 1.2). */
const plan: PlanSnapshot = {
  axes: [{ code: '1', title: 'Soins primaires', objectives: [] }],
  fiches: [
    {
      axisCode: '1',
      code: '1.1',
      title: "Favoriser la cohérence et l'attractivité médicale du territoire",
      objectives: [
        "Renforcer l'accès aux soins de proximité et aux pratiques, organisations et techniques innovantes",
        "Soutenir une démarche de parcours de santé qui vise la lutte contre le renoncement aux soins et la réponse aux besoins prioritaires d'accès à un médecin généraliste",
      ],
      pilots: ['Coordination CLS', 'Professionnels de santé libéraux', 'CPTS', 'Elus du territoire'],
      partners: [
        'Professionnels de santé libéraux',
        'FORMS (Fédération Occitanie Roussillon des Maisons de Santé)',
      ],
      publics: ['professionnels de santé libéraux', 'collectivités / élu.es'],
      updated: { on: '2024-06-08', precision: 'day' },
      indicators: [
        {
          label:
            "Nombre de Maisons de Santé Pluriprofessionnelles ayant adhéré à l'Accord Conventionnel Interprofessionnel",
        },
        { label: 'Nombre de médecins salariés en Centre de Santé' },
      ],
    },
    {
      axisCode: '1',
      code: '1.2',
      title: 'Faciliter l\'accès aux soins de proximité et au déploiement de dispositifs "d\'aller vers"',
    },
  ],
  actions: [
    {
      actionId: `${contractId}.1.1-A1`,
      ficheCode: '1.1',
      code: '1.1-A1',
      title:
        "Faciliter l'accueil et l'installation de professionnels de santé libéraux en veillant à l'équilibre territorial",
      pilots: ['Coordination CLS', 'Professionnels de santé libéraux'],
      plannedYears: [],
      yearsUncertain: true,
      plannedDeliverables: [
        {
          deliverableId: 'L1',
          title: "Enquête sur l'attractivité médicale à destination des professionnels libéraux installés",
        },
        { deliverableId: 'L2', title: 'Cartographie des professionnels de santé libéraux installés' },
      ],
    },
    {
      actionId: `${contractId}.1.2-A3`,
      ficheCode: '1.2',
      code: '1.2-A3',
      title:
        'Soutenir les structures visant le maintien à domicile des personnes âgées, telles que le Centre Ressource Territorial (CRT) des personnes âgées et de leurs aidants',
      pilots: ['Coordination CLS', 'CHU', 'Centres Hospitaliers de proximité'],
      plannedYears: [2024],
      yearsUncertain: true,
      plannedDeliverables: [
        {
          deliverableId: 'L1',
          title: "Comptes-rendus d'entretiens ou de réunions avec des diaporamas à l'appui",
        },
      ],
    },
  ],
};

const rowsOf = (text: string): TableRow[] => readCsv(text);
/** One CSV line with these cells in these columns (by default the export's). */
const lineOf = (cells: Partial<Record<PlanColumn, string>>, columns: readonly PlanColumn[] = PLAN_COLUMNS) =>
  toCsv([columns.map((column) => cells[column] ?? '')], { separator: ';' });
const exported = () => tableToCsv(planTable(plan));
/** The exported file with one cell replaced (the first occurrence of `from`). */
const edit = (from: string, to: string) => {
  const text = exported();
  expect(text).toContain(from);
  return text.replace(from, to);
};

/** Bytes of a text as Excel saves « CSV (séparateur : point-virgule) » in France: Windows-1252. */
function windows1252(text: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, '’': 0x92, œ: 0x9c, Œ: 0x8c, '–': 0x96, '…': 0x85 };
  return Uint8Array.from([...text], (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x100 && (code < 0x80 || code > 0x9f)) return code;
    const byte = high[char];
    if (byte === undefined) throw new Error(`${char} n'existe pas en Windows-1252`);
    return byte;
  });
}

describe('the plan as a table', () => {
  it('exports each axis, then its fiches each followed by its actions, with French column names', () => {
    const [header, ...lines] = planTable(plan);
    expect(header).toEqual([...PLAN_COLUMNS]);
    expect(header?.slice(0, 5)).toEqual(['niveau', 'axe', 'fiche', 'code', 'intitulé']);
    expect(lines.map((line) => `${line[0]} ${line[3]}`)).toEqual([
      'axe 1',
      'fiche 1.1',
      'action 1.1-A1',
      'fiche 1.2',
      'action 1.2-A3',
    ]);
    const byColumn = (line: string[] | undefined) =>
      Object.fromEntries(
        PLAN_COLUMNS.map((column, index) => [column, line?.[index]]).filter(([, cell]) => cell),
      );
    expect(byColumn(lines[1])).toMatchObject({
      niveau: 'fiche',
      axe: '1',
      code: '1.1',
      pilotes: 'Coordination CLS\nProfessionnels de santé libéraux\nCPTS\nElus du territoire',
      'mise à jour': '08/06/2024',
      indicateurs:
        "Nombre de Maisons de Santé Pluriprofessionnelles ayant adhéré à l'Accord Conventionnel Interprofessionnel\nNombre de médecins salariés en Centre de Santé",
    });
    expect(byColumn(lines[2])).toEqual({
      niveau: 'action',
      axe: '1',
      fiche: '1.1',
      code: '1.1-A1',
      intitulé: plan.actions[0]?.title,
      pilotes: 'Coordination CLS\nProfessionnels de santé libéraux',
      'calendrier incertain': 'oui',
      'livrables prévus':
        "Enquête sur l'attractivité médicale à destination des professionnels libéraux installés\nCartographie des professionnels de santé libéraux installés",
      identifiant: `${contractId}.1.1-A1`,
    });
  });

  it('re-imports an untouched export as nothing, with either separator', () => {
    for (const separator of [';', ','] as const) {
      const text = toCsv(planTable(plan), { separator });
      const result = planImport(rowsOf(text), plan, contractId);
      expect(result.lines.map((line) => line.status)).toEqual(Array(5).fill('unchanged'));
      expect(commandsOf(result)).toEqual([]);
      expect(result.notInFile).toBe(0);
    }
  });

  it('reads a file saved by Excel in Windows-1252 as the same plan', () => {
    const bytes = windows1252(exported().replace(/^\uFEFF/, ''));
    const { text, encoding } = decodeCsv(bytes);
    expect(encoding).toBe('windows-1252');
    expect(
      planImport(rowsOf(text), plan, contractId).lines.every((line) => line.status === 'unchanged'),
    ).toBe(true);
    const accented = windows1252('niveau;code;intitulé\r\naxe;2;Santé mentale – Cœur d’Hérault\r\n');
    const [line] = planImport(rowsOf(decodeCsv(accented).text), plan, contractId).lines;
    expect(line?.commands?.[0]).toEqual({
      type: 'DefineAxis',
      input: { contractId, code: '2', title: 'Santé mentale – Cœur d’Hérault', objectives: [] },
    });
  });

  it('turns one line added to an export into exactly one command', () => {
    const added = lineOf({
      niveau: 'action',
      fiche: '1.2',
      code: '1.2-A1',
      intitulé:
        "Accompagner les consultations avancées de spécialistes et les démarches d'Hospitalisation à Domicile, en lien avec le CHU et les Centres Hospitaliers de Proximité",
      pilotes: 'Coordination CLS\nCHU\nCentres Hospitaliers de proximité',
      'années prévues': '2024',
      'calendrier incertain': 'oui',
      'livrables prévus': "Comptes-rendus d'entretiens ou de réunions avec des diaporamas à l'appui",
    });
    const result = planImport(rowsOf(exported() + added), plan, contractId);
    expect(result.lines.filter((line) => line.status !== 'unchanged')).toEqual([
      expect.objectContaining({ line: 7, status: 'new', code: '1.2-A1' }),
    ]);
    expect(commandsOf(result)).toEqual([
      {
        line: 7,
        command: {
          type: 'PlanAction',
          input: {
            actionId: `${contractId}.1.2-A1`,
            contractId,
            ficheCode: '1.2',
            code: '1.2-A1',
            title:
              "Accompagner les consultations avancées de spécialistes et les démarches d'Hospitalisation à Domicile, en lien avec le CHU et les Centres Hospitaliers de Proximité",
            pilots: ['Coordination CLS', 'CHU', 'Centres Hospitaliers de proximité'],
            partners: [],
            plannedYears: { years: [2024], uncertain: true },
            plannedDeliverables: [
              {
                deliverableId: 'L1',
                title: "Comptes-rendus d'entretiens ou de réunions avec des diaporamas à l'appui",
              },
            ],
          },
        },
      },
    ]);
  });

  it('turns one edited cell into the one command that changes it, with only that field', () => {
    const result = planImport(rowsOf(edit(';oui;Comptes-rendus', ';non;Comptes-rendus')), plan, contractId);
    expect(commandsOf(result)).toEqual([
      {
        line: 6,
        command: {
          type: 'UpdateAction',
          input: { actionId: `${contractId}.1.2-A3`, plannedYears: { years: [2024], uncertain: false } },
        },
      },
    ]);
    const fiche = planImport(
      rowsOf(edit('Elus du territoire', 'Elus du territoire\nCPAM')),
      plan,
      contractId,
    );
    expect(commandsOf(fiche).map(({ command }) => command)).toEqual([
      {
        type: 'UpdateFicheAction',
        input: {
          contractId,
          code: '1.1',
          pilots: [
            'Coordination CLS',
            'Professionnels de santé libéraux',
            'CPTS',
            'Elus du territoire',
            'CPAM',
          ],
        },
      },
    ]);
  });

  it('reads a fiche’s every field, its last update as JJ/MM/AAAA, MM/AAAA or AAAA', () => {
    const text = [
      'niveau;axe;code;intitulé;contexte;résultats attendus;indicateurs;mise à jour',
      lineOf(
        {
          niveau: 'fiche',
          axe: '1',
          code: '1.3',
          intitulé: 'Promouvoir le dépistage des cancers',
          contexte: 'Diagnostic local de santé 2023 du Cœur d’Hérault (publié en janvier 2024).',
          'résultats attendus': 'Des journées des femmes en quartiers prioritaires',
          indicateurs: 'Nombre de journées organisées [activite]\nTaux de participation',
          'mise à jour': '06/2024',
        },
        ['niveau', 'axe', 'code', 'intitulé', 'contexte', 'résultats attendus', 'indicateurs', 'mise à jour'],
      ),
      'fiche;1;1.4;Fiche mal datée;;;;le 8 juin',
    ].join('\r\n');
    const result = planImport(rowsOf(text), plan, contractId);
    expect(result.lines[0]?.commands?.[0]?.input).toMatchObject({
      context: 'Diagnostic local de santé 2023 du Cœur d’Hérault (publié en janvier 2024).',
      expectedResults: ['Des journées des femmes en quartiers prioritaires'],
      indicators: [
        { label: 'Nombre de journées organisées', kind: 'activite' },
        { label: 'Taux de participation' },
      ],
      updatedOn: '2024-06-01',
      updatedOnPrecision: 'month',
    });
    expect(result.lines[1]?.errors).toEqual([
      { column: 'mise à jour', message: 'date illisible : « le 8 juin » (JJ/MM/AAAA, MM/AAAA ou AAAA)' },
    ]);
    expect(planDateOf('08/06/2024')).toEqual({ on: '2024-06-08', precision: 'day' });
    expect(planDateOf('2024-06')).toEqual({ on: '2024-06-01', precision: 'month' });
    expect(planDateOf('2024')).toEqual({ on: '2024-01-01', precision: 'year' });
    expect(planDateOf('13/2024')).toBeUndefined();
  });

  it('after signature, turns the import into one draft avenant carrying its changes in order', () => {
    const moved = edit('action;1;1.2;1.2-A3', 'action;1;1.1;1.2-A3');
    const added = lineOf({ niveau: 'axe', code: '2', intitulé: 'Prévention' });
    const draft = amendmentOf(planImport(rowsOf(moved + added), plan, contractId), {
      contractId,
      amendmentId: 'avenant-import-1',
      file: 'plan.csv',
    });
    expect(draft).toEqual({
      contractId,
      amendmentId: 'avenant-import-1',
      title: 'Import du plan (plan.csv)',
      summary: '2 changements du plan importés depuis « plan.csv ».',
      changes: [
        { type: 'DefineAxis', code: '2', title: 'Prévention', objectives: [] },
        { type: 'MoveAction', actionId: `${contractId}.1.2-A3`, toFicheCode: '1.1' },
      ],
    });
    expect(
      amendmentOf(planImport(rowsOf(exported()), plan, contractId), {
        contractId,
        amendmentId: 'x',
        file: 'f',
      }),
    ).toBe(undefined);
  });

  it('shows an edited cell as a change, before and after', () => {
    const result = planImport(rowsOf(edit(';oui;Comptes-rendus', ';non;Comptes-rendus')), plan, contractId);
    expect(result.lines.filter((line) => line.status !== 'unchanged')).toEqual([
      expect.objectContaining({
        line: 6,
        status: 'changed',
        code: '1.2-A3',
        changes: [{ column: 'calendrier incertain', before: 'oui', after: 'non' }],
      }),
    ]);
    const moved = planImport(rowsOf(edit('action;1;1.2;1.2-A3', 'action;1;1.1;1.2-A3')), plan, contractId);
    expect(moved.lines.find((line) => line.status === 'changed')?.changes).toEqual([
      { column: 'fiche', before: '1.2', after: '1.1' },
    ]);
  });

  it('adds a new axis, its fiche and its actions in that order, whatever the order of the lines', () => {
    const text = [
      'niveau;axe;fiche;code;intitulé;pilotes;années prévues;livrables prévus',
      'action;;2.1;2.1-A1;Créer un annuaire;Coordination CLS;2025-2026;Annuaire',
      'fiche;2;;2.1;Informer les habitants;;;',
      'axe;;;2;Prévention;;;',
    ].join('\r\n');
    const result = planImport(rowsOf(text), plan, contractId);
    expect(result.lines.map((line) => line.status)).toEqual(['new', 'new', 'new']);
    expect(commandsOf(result).map(({ line, command }) => `${line} ${command.type}`)).toEqual([
      '4 DefineAxis',
      '3 DefineFicheAction',
      '2 PlanAction',
    ]);
    expect(commandsOf(result)[2]?.command.input).toMatchObject({
      plannedYears: { years: [2025, 2026], uncertain: false },
      plannedDeliverables: [{ deliverableId: 'L1', title: 'Annuaire' }],
    });
    // Items of the plan the file does not list are left alone.
    expect(result.notInFile).toBe(5);
  });

  it('lists each error with its line, its column and a French message, and sends nothing for that line', () => {
    const text = [
      'niveau;axe;fiche;code;intitulé;années prévues;calendrier incertain;identifiant',
      'axe;;;3;Santé environnementale;;;',
      'rubrique;;;4;Autre;;;',
      'fiche;9;;9.1;Fiche sans axe;;;',
      'action;;7.7;7.7-A1;Action sans fiche;;;',
      'action;;1.1;1.1-A9;Action aux années illisibles;vers 2025;peut-être;',
      'action;;1.1;1.1-A8;;;;',
      'action;;1.1;1.1-A7;Identifiant inventé;;;cls-inconnu.1',
      'axe;;;3;Santé environnementale (doublon);;;',
      ';;;5;Sans niveau;;;',
    ].join('\r\n');
    const result = planImport(rowsOf(text), plan, contractId);
    expect(result.lines.map((line) => [line.line, line.status, line.errors])).toEqual([
      [2, 'new', undefined],
      [
        3,
        'error',
        [{ column: 'niveau', message: 'niveau inconnu : « rubrique » (attendu : axe, fiche ou action)' }],
      ],
      [4, 'error', [{ column: 'axe', message: 'l’axe 9 n’existe ni dans le plan ni dans le fichier' }]],
      [
        5,
        'error',
        [{ column: 'fiche', message: 'la fiche 7.7 n’existe ni dans le plan ni dans le fichier' }],
      ],
      [
        6,
        'error',
        [
          {
            column: 'années prévues',
            message: 'années illisibles : « vers 2025 » (par exemple 2025, 2026 ou 2025-2027)',
          },
          { column: 'calendrier incertain', message: '« peut-être » : oui ou non attendu' },
        ],
      ],
      [7, 'error', [{ column: 'intitulé', message: expect.stringMatching(/intitulé/) }]],
      [
        8,
        'error',
        [
          {
            column: 'identifiant',
            message:
              'identifiant inconnu : « cls-inconnu.1 » (laissez la cellule vide pour une nouvelle action)',
          },
        ],
      ],
      [9, 'error', [{ column: 'code', message: 'le code 3 figure déjà ligne 2' }]],
      [10, 'error', [{ column: 'niveau', message: 'niveau requis : axe, fiche ou action' }]],
    ]);
    expect(commandsOf(result).map(({ line }) => line)).toEqual([2]);
    for (const line of result.lines) {
      for (const error of line.errors ?? []) expect(error.message).not.toMatch(/[a-z][A-Z]|Invalid|expected/);
    }
  });

  it('says which columns a file lacks', () => {
    expect(planImport(rowsOf('code;titre\r\n1;Axe'), plan, contractId).lines).toEqual([
      expect.objectContaining({
        line: 1,
        status: 'error',
        errors: [
          {
            column: 'ligne',
            message:
              'colonnes manquantes : niveau, intitulé (la première ligne doit nommer les colonnes du modèle)',
          },
        ],
      }),
    ]);
  });

  it('offers a template whose example line imports as nothing', () => {
    const template = templateTable();
    expect(template).toHaveLength(2);
    expect(template[1]?.[0]).toBe('exemple (action)');
    const result = planImport(
      rowsOf(tableToCsv(template)),
      { axes: [], fiches: [], actions: [] },
      contractId,
    );
    expect(result.lines).toEqual([expect.objectContaining({ line: 2, status: 'example' })]);
    expect(commandsOf(result)).toEqual([]);
  });

  it('writes and reads the same table as an XLSX workbook, and tells it from a CSV file', async () => {
    const table = planTable(plan);
    const workbook = await tableToXlsx(table, 'Plan');
    const rows = await xlsxToTable(workbook);
    expect(
      rows.map((row) => row.cells.concat(Array(table[0]?.length ?? 0).fill('')).slice(0, table[0]?.length)),
    ).toEqual(table);
    expect(planImport(rows, plan, contractId).lines.every((line) => line.status === 'unchanged')).toBe(true);
    expect((await readPlanFile(workbook)).format).toBe('classeur XLSX');
    expect((await readPlanFile(new TextEncoder().encode(exported()))).format).toBe('CSV UTF-8');
  });
});
