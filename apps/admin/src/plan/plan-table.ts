import { toCsv } from '@cls/csv';
import { COMMAND_SCHEMAS } from '@cls/domain';
import { foldText } from '@cls/french';
import type { z } from 'zod';
import { actionIdOf, organisationsOf, parseDeliverables, parseYears, yearsText } from './plan-inputs.js';

/**
 * A contract's plan as one table, the same for the export, the template and the
 * import (CSV or XLSX): one line per axis, fiche-action and action, in the
 * plan's order, with French column names. Pure: tested in plan-table.spec.ts.
 */

export type PlanLevel = 'axe' | 'fiche' | 'action';

/**
 * The plan as the admin reads it. A field left undefined is one the read side
 * does not give (yet): the export leaves its cell empty and the import
 * compares it only when the cell is filled.
 */
export interface PlanSnapshot {
  axes: Array<{ code: string; title: string; objectives?: string[] }>;
  fiches: Array<{
    axisCode: string;
    code: string;
    title: string;
    objectives?: string[];
    pilots?: string[];
    partners?: string[];
    publics?: string[];
  }>;
  actions: Array<{
    actionId: string;
    ficheCode: string;
    code: string;
    title: string;
    pilots: string[];
    partners?: string[];
    plannedYears: number[];
    yearsUncertain: boolean;
    plannedDeliverables?: Array<{ deliverableId: string; title: string }>;
  }>;
}

export const PLAN_COLUMNS = [
  'niveau',
  'axe',
  'fiche',
  'code',
  'intitulé',
  'objectifs',
  'pilotes',
  'partenaires',
  'publics',
  'années prévues',
  'calendrier incertain',
  'livrables prévus',
  'identifiant',
] as const;
export type PlanColumn = (typeof PLAN_COLUMNS)[number];

/** Without them a line means nothing. */
const REQUIRED_COLUMNS: PlanColumn[] = ['niveau', 'code', 'intitulé'];

/** What each column holds, for the template's readers and the import panel's hint. */
export const PLAN_COLUMN_HINTS: Record<PlanColumn, string> = {
  niveau: 'axe, fiche ou action',
  axe: 'numéro de l’axe de la fiche',
  fiche: 'numéro de la fiche de l’action',
  code: 'numéro de l’axe, de la fiche ou de l’action',
  intitulé: 'intitulé',
  objectifs: 'un par ligne de la cellule (axe, fiche)',
  pilotes: 'une organisation par ligne de la cellule',
  partenaires: 'une organisation par ligne de la cellule',
  publics: 'un par ligne de la cellule (fiche)',
  'années prévues': '2025, 2026 ou 2025-2027 (action)',
  'calendrier incertain': 'oui ou non (action)',
  'livrables prévus': 'un par ligne de la cellule (action)',
  identifiant: 'rempli par l’export : ne pas modifier',
};

const cellList = (items: readonly string[] | undefined) => (items ?? []).join('\n');
const yesNo = (value: boolean) => (value ? 'oui' : 'non');

/** The plan's lines in its order: each axis, then each of its fiches followed by their actions. */
export function planTable(plan: PlanSnapshot): string[][] {
  const rows: string[][] = [[...PLAN_COLUMNS]];
  const line = (values: Partial<Record<PlanColumn, string>>) =>
    rows.push(PLAN_COLUMNS.map((column) => values[column] ?? ''));
  for (const axis of plan.axes) {
    line({ niveau: 'axe', code: axis.code, intitulé: axis.title, objectifs: cellList(axis.objectives) });
    for (const fiche of plan.fiches.filter((fiche) => fiche.axisCode === axis.code)) {
      line({
        niveau: 'fiche',
        axe: axis.code,
        code: fiche.code,
        intitulé: fiche.title,
        objectifs: cellList(fiche.objectives),
        pilotes: cellList(fiche.pilots),
        partenaires: cellList(fiche.partners),
        publics: cellList(fiche.publics),
      });
      for (const action of plan.actions.filter((action) => action.ficheCode === fiche.code)) {
        line({
          niveau: 'action',
          axe: axis.code,
          fiche: fiche.code,
          code: action.code,
          intitulé: action.title,
          pilotes: cellList(action.pilots),
          partenaires: cellList(action.partners),
          'années prévues': yearsText(action.plannedYears),
          'calendrier incertain': yesNo(action.yearsUncertain),
          'livrables prévus': cellList(action.plannedDeliverables?.map((deliverable) => deliverable.title)),
          identifiant: action.actionId,
        });
      }
    }
  }
  return rows;
}

/** What marks the template's example line: the import skips it. */
export const EXAMPLE_LEVEL = 'exemple (action)';

/**
 * The empty template: the header and one example line, taken from the Cœur
 * d'Hérault plan 2024-2029 (action 1.2-A1 of its annex 3), marked as an example.
 */
export function templateTable(): string[][] {
  const example: Partial<Record<PlanColumn, string>> = {
    niveau: EXAMPLE_LEVEL,
    axe: '1',
    fiche: '1.2',
    code: '1.2-A1',
    intitulé:
      'Accompagner les consultations avancées de spécialistes et les démarches d’Hospitalisation à Domicile, en lien avec le CHU et les Centres Hospitaliers de Proximité',
    pilotes: 'Coordination CLS\nCHU\nCentres Hospitaliers de proximité',
    'années prévues': '2024',
    'calendrier incertain': 'oui',
    'livrables prévus': 'Comptes-rendus d’entretiens ou de réunions avec des diaporamas à l’appui',
  };
  return [[...PLAN_COLUMNS], PLAN_COLUMNS.map((column) => example[column] ?? '')];
}

/** CSV as spreadsheet software in France opens it: `;`, UTF-8 with a BOM, formulas neutralised (@cls/csv). */
export const tableToCsv = (rows: ReadonlyArray<readonly string[]>) =>
  toCsv(rows, { separator: ';', bom: true });

// ——— Import ———

/** The commands an import may send. */
const PLAN_SCHEMAS = {
  DefineAxis: COMMAND_SCHEMAS.DefineAxis,
  DefineFicheAction: COMMAND_SCHEMAS.DefineFicheAction,
  PlanAction: COMMAND_SCHEMAS.PlanAction,
};
type PlanSchemas = typeof PLAN_SCHEMAS;

export type PlanCommand = {
  [Type in keyof PlanSchemas]: { type: Type; input: z.input<PlanSchemas[Type]> };
}[keyof PlanSchemas];

export interface CellError {
  column: PlanColumn | 'ligne';
  message: string;
}

export interface FieldChange {
  column: PlanColumn;
  before: string;
  after: string;
}

export interface ImportLine {
  /** Row of the file, as the spreadsheet numbers it (1 = the header). */
  line: number;
  level?: PlanLevel;
  code: string;
  title: string;
  status: 'new' | 'changed' | 'unchanged' | 'example' | 'error';
  /** new: the command that adds it; changed: the command that changes it, once one exists. */
  command?: PlanCommand;
  changes?: FieldChange[];
  errors?: CellError[];
}

export interface PlanImport {
  lines: ImportLine[];
  /** Items of the plan the file does not list: left as they are (withdrawing is the editor's). */
  notInFile: number;
}

/** One row of a file, whatever its format: its row number and its cells. */
export interface TableRow {
  line: number;
  cells: string[];
}

const LEVELS: Record<string, PlanLevel> = {
  axe: 'axe',
  fiche: 'fiche',
  'fiche action': 'fiche',
  'fiche-action': 'fiche',
  action: 'action',
};

const levelOf = (cell: string): PlanLevel | 'exemple' | undefined => {
  const folded = foldText(cell).trim();
  if (folded.startsWith('exemple')) return 'exemple';
  return LEVELS[folded] ?? LEVELS[folded.replace(/-/g, ' ')];
};

/** The column a command's field comes from, so that a message names what the user sees. */
const COLUMN_OF_FIELD: Record<string, PlanColumn> = {
  code: 'code',
  title: 'intitulé',
  objectives: 'objectifs',
  axisCode: 'axe',
  ficheCode: 'fiche',
  pilots: 'pilotes',
  partners: 'partenaires',
  publics: 'publics',
  plannedYears: 'années prévues',
  plannedDeliverables: 'livrables prévus',
  actionId: 'identifiant',
};

const columnOfIssue = (path: readonly PropertyKey[]): PlanColumn | 'ligne' => {
  if (path[0] === 'plannedYears' && path[1] === 'uncertain') return 'calendrier incertain';
  return COLUMN_OF_FIELD[String(path[0])] ?? 'ligne';
};

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * What importing a file would do to the plan: a line per row, new (with the
 * command that adds it), changed (with what changes), unchanged, the
 * template's example, or in error (each error with its column and a French
 * message). Nothing is sent here; an unchanged export imports as nothing.
 */
export function planImport(rows: readonly TableRow[], plan: PlanSnapshot, contractId: string): PlanImport {
  const [header, ...body] = rows;
  const columnIndex = new Map<PlanColumn, number>();
  header?.cells.forEach((cell, index) => {
    const column = PLAN_COLUMNS.find((name) => foldText(name) === foldText(cell).trim());
    if (column && !columnIndex.has(column)) columnIndex.set(column, index);
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !columnIndex.has(column));
  if (!header || missing.length > 0) {
    return {
      notInFile: 0,
      lines: [
        {
          line: header?.line ?? 1,
          code: '',
          title: '',
          status: 'error',
          errors: [
            {
              column: 'ligne',
              message: header
                ? `colonne${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} : ${missing.join(', ')} (la première ligne doit nommer les colonnes du modèle)`
                : 'fichier vide : la première ligne doit nommer les colonnes du modèle',
            },
          ],
        },
      ],
    };
  }

  const axes = new Map(plan.axes.map((axis) => [axis.code, axis]));
  const fiches = new Map(plan.fiches.map((fiche) => [fiche.code, fiche]));
  const actionsById = new Map(plan.actions.map((action) => [action.actionId, action]));
  const actionsByCode = new Map(plan.actions.map((action) => [action.code, action]));

  const has = (column: PlanColumn) => columnIndex.has(column);
  const cellOf = (row: TableRow, column: PlanColumn) => {
    const index = columnIndex.get(column);
    return index === undefined ? '' : (row.cells[index] ?? '').trim();
  };
  // Axes and fiches the file adds, so that a fiche may name an axis added above or below it.
  const levelOfRow = (row: TableRow) => levelOf(cellOf(row, 'niveau'));
  const axesInFile = new Set(
    body.filter((row) => levelOfRow(row) === 'axe').map((row) => cellOf(row, 'code')),
  );
  const fichesInFile = new Set(
    body.filter((row) => levelOfRow(row) === 'fiche').map((row) => cellOf(row, 'code')),
  );

  const seen = new Map<string, number>();
  const touched = new Set<string>();
  const result: ImportLine[] = [];

  for (const row of body) {
    const cell = (column: PlanColumn) => cellOf(row, column);
    const code = cell('code');
    const title = cell('intitulé');
    const base = { line: row.line, code, title };
    const level = levelOf(cell('niveau'));
    if (level === 'exemple') {
      result.push({ ...base, status: 'example' });
      continue;
    }
    const errors: CellError[] = [];
    const changes: FieldChange[] = [];
    if (!level) {
      result.push({
        ...base,
        status: 'error',
        errors: [
          {
            column: 'niveau',
            message: cell('niveau')
              ? `niveau inconnu : « ${cell('niveau')} » (attendu : axe, fiche ou action)`
              : 'niveau requis : axe, fiche ou action',
          },
        ],
      });
      continue;
    }
    if (!code) errors.push({ column: 'code', message: 'code requis' });
    const key = `${level}:${code}`;
    const earlier = seen.get(key);
    if (code && earlier !== undefined) {
      errors.push({ column: 'code', message: `le code ${code} figure déjà ligne ${earlier}` });
    }
    seen.set(key, row.line);

    /** A text column: compared when the plan knows it or the cell is filled. */
    const compareText = (column: PlanColumn, before: string | undefined, after: string) => {
      if (!has(column) || (before === undefined && after === '')) return;
      if ((before ?? '') !== after) changes.push({ column, before: before ?? 'non renseigné', after });
    };
    const compareList = (column: PlanColumn, before: readonly string[] | undefined, after: string[]) => {
      if (!has(column) || (before === undefined && after.length === 0)) return;
      if (!before || !sameList(before, after)) {
        changes.push({
          column,
          before: before ? before.join(' ; ') || 'vide' : 'non renseigné',
          after: after.join(' ; ') || 'vide',
        });
      }
    };

    let command: PlanCommand | undefined;
    let exists = false;
    if (level === 'axe') {
      const current = axes.get(code);
      const objectives = lines(cell('objectifs'));
      exists = Boolean(current);
      if (current) {
        touched.add(`axe:${code}`);
        compareText('intitulé', current.title, title);
        compareList('objectifs', current.objectives, objectives);
      } else {
        command = { type: 'DefineAxis', input: { contractId, code, title, objectives } };
      }
    } else if (level === 'fiche') {
      const current = fiches.get(code);
      const axisCode = cell('axe');
      const fields = {
        objectives: lines(cell('objectifs')),
        pilots: organisationsOf(cell('pilotes')),
        partners: organisationsOf(cell('partenaires')),
        publics: lines(cell('publics')),
      };
      if (!axisCode && !current)
        errors.push({ column: 'axe', message: 'axe requis pour une nouvelle fiche' });
      else if (axisCode && !axes.has(axisCode) && !axesInFile.has(axisCode)) {
        errors.push({
          column: 'axe',
          message: `l’axe ${axisCode} n’existe ni dans le plan ni dans le fichier`,
        });
      }
      exists = Boolean(current);
      if (current) {
        touched.add(`fiche:${code}`);
        if (axisCode) compareText('axe', current.axisCode, axisCode);
        compareText('intitulé', current.title, title);
        compareList('objectifs', current.objectives, fields.objectives);
        compareList('pilotes', current.pilots, fields.pilots);
        compareList('partenaires', current.partners, fields.partners);
        compareList('publics', current.publics, fields.publics);
      } else {
        command = { type: 'DefineFicheAction', input: { contractId, axisCode, code, title, ...fields } };
      }
    } else {
      const id = cell('identifiant');
      const current = id ? actionsById.get(id) : actionsByCode.get(code);
      if (id && !current) {
        errors.push({
          column: 'identifiant',
          message: `identifiant inconnu : « ${id} » (laissez la cellule vide pour une nouvelle action)`,
        });
      }
      if (current && code && current.code !== code) {
        errors.push({
          column: 'code',
          message: `le code de l’action ${current.code} ne change pas par import (pour une nouvelle action, videz l’identifiant)`,
        });
      }
      const ficheCode = cell('fiche');
      if (!ficheCode && !current) {
        errors.push({ column: 'fiche', message: 'fiche requise pour une nouvelle action' });
      } else if (ficheCode && !fiches.has(ficheCode) && !fichesInFile.has(ficheCode)) {
        errors.push({
          column: 'fiche',
          message: `la fiche ${ficheCode} n’existe ni dans le plan ni dans le fichier`,
        });
      }
      const yearsCell = cell('années prévues');
      const years = parseYears(yearsCell);
      if (years.some(Number.isNaN)) {
        errors.push({
          column: 'années prévues',
          message: `années illisibles : « ${yearsCell} » (par exemple 2025, 2026 ou 2025-2027)`,
        });
      }
      const uncertainCell = foldText(cell('calendrier incertain')).trim();
      const uncertain =
        uncertainCell === 'oui' ? true : uncertainCell === 'non' || uncertainCell === '' ? false : undefined;
      if (uncertain === undefined) {
        errors.push({
          column: 'calendrier incertain',
          message: `« ${cell('calendrier incertain')} » : oui ou non attendu`,
        });
      }
      const pilots = organisationsOf(cell('pilotes'));
      const partners = organisationsOf(cell('partenaires'));
      const deliverables = parseDeliverables(cell('livrables prévus'), current?.plannedDeliverables ?? []);
      exists = Boolean(current);
      if (current) {
        touched.add(`action:${current.actionId}`);
        if (ficheCode) compareText('fiche', current.ficheCode, ficheCode);
        compareText('intitulé', current.title, title);
        compareList('pilotes', current.pilots, pilots);
        compareList('partenaires', current.partners, partners);
        if (has('années prévues') && !sameList([...current.plannedYears].sort(), [...years].sort())) {
          changes.push({
            column: 'années prévues',
            before: yearsText(current.plannedYears) || 'aucune',
            after: yearsText(years) || 'aucune',
          });
        }
        if (has('calendrier incertain') && uncertain !== undefined && uncertain !== current.yearsUncertain) {
          changes.push({
            column: 'calendrier incertain',
            before: yesNo(current.yearsUncertain),
            after: yesNo(uncertain),
          });
        }
        compareList(
          'livrables prévus',
          current.plannedDeliverables?.map((deliverable) => deliverable.title),
          deliverables.map((deliverable) => deliverable.title),
        );
      } else if (code) {
        command = {
          type: 'PlanAction',
          input: {
            actionId: actionIdOf(contractId, code),
            contractId,
            ficheCode,
            code,
            title,
            pilots,
            partners,
            plannedYears: { years, uncertain: uncertain ?? false },
            plannedDeliverables: deliverables,
          },
        };
      }
    }

    if (command && errors.length === 0) {
      const checked = PLAN_SCHEMAS[command.type].safeParse(command.input);
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          errors.push({ column: columnOfIssue(issue.path), message: issue.message });
        }
      }
    }
    if (errors.length > 0) result.push({ ...base, level, status: 'error', errors });
    else if (!exists && command) result.push({ ...base, level, status: 'new', command });
    else if (changes.length > 0) result.push({ ...base, level, status: 'changed', changes });
    else result.push({ ...base, level, status: 'unchanged' });
  }

  const notInFile =
    plan.axes.filter((axis) => !touched.has(`axe:${axis.code}`)).length +
    plan.fiches.filter((fiche) => !touched.has(`fiche:${fiche.code}`)).length +
    plan.actions.filter((action) => !touched.has(`action:${action.actionId}`)).length;
  return { lines: result, notInFile };
}

const ORDER: Record<PlanCommand['type'], number> = { DefineAxis: 0, DefineFicheAction: 1, PlanAction: 2 };

/** The commands of an import, axes before fiches before actions (a file may list them in any order). */
export const commandsOf = (result: PlanImport): Array<{ line: number; command: PlanCommand }> =>
  result.lines
    .flatMap((line) =>
      line.command && line.status !== 'error' ? [{ line: line.line, command: line.command }] : [],
    )
    .sort((a, b) => ORDER[a.command.type] - ORDER[b.command.type] || a.line - b.line);
