import { toCsv } from '@cls/csv';
import { COMMAND_SCHEMAS, type DatePrecision, type PlanChange, PlanChangeSchema } from '@cls/domain';
import { foldText, parseFrenchDate } from '@cls/french';
import type { z } from 'zod';
import { actionIdOf, organisationsOf, parseDeliverables, parseYears, yearsText } from './plan-inputs.js';

/**
 * A contract's plan as one table, the same for the export, the template and the
 * import (CSV or XLSX): one line per axis, fiche-action and action, in the
 * plan's order, with French column names. Pure: tested in plan-table.spec.ts.
 */

export type PlanLevel = 'axe' | 'fiche' | 'action';

export interface PlanIndicator {
  label: string;
  kind?: string | undefined;
}

/** A fiche's last update, with the precision its source gives. */
export interface PlanDate {
  on: string;
  precision: DatePrecision;
}

/** What an axis carries besides its code. */
export interface AxisFields {
  title: string;
  description?: string | undefined;
  objectives?: string[] | undefined;
}

/** What a fiche-action carries besides its code and axis: every field of the seed fiches. */
export interface FicheFields {
  title: string;
  objectives?: string[] | undefined;
  operationalObjectives?: string[] | undefined;
  context?: string | undefined;
  diagnostic?: string | undefined;
  territory?: string | undefined;
  presentation?: string[] | undefined;
  prerequisites?: string[] | undefined;
  pilots?: string[] | undefined;
  partners?: string[] | undefined;
  publics?: string[] | undefined;
  expectedResults?: string[] | undefined;
  means?: string[] | undefined;
  calendar?: string | undefined;
  coordinatorRole?: string[] | undefined;
  prsLinks?: string[] | undefined;
  indicators?: PlanIndicator[] | undefined;
  updated?: PlanDate | undefined;
}

/**
 * The plan as the admin reads it. A field left undefined is one the read side
 * does not give: the export leaves its cell empty and the import compares it
 * only when the cell is filled.
 */
export interface PlanSnapshot {
  axes: Array<{ code: string } & AxisFields>;
  fiches: Array<{ axisCode: string; code: string } & FicheFields>;
  actions: Array<{
    actionId: string;
    ficheCode: string;
    code: string;
    title: string;
    pilots: string[];
    partners?: string[] | undefined;
    plannedYears: number[];
    yearsUncertain: boolean;
    plannedDeliverables?: Array<{ deliverableId: string; title: string }> | undefined;
  }>;
}

export const PLAN_COLUMNS = [
  'niveau',
  'axe',
  'fiche',
  'code',
  'intitulé',
  'description',
  'objectifs',
  'objectifs opérationnels',
  'contexte',
  'diagnostic',
  'territoire',
  'présentation',
  'prérequis',
  'pilotes',
  'partenaires',
  'publics',
  'résultats attendus',
  'moyens',
  'calendrier',
  'rôle du coordinateur',
  'liens avec le PRS',
  'indicateurs',
  'mise à jour',
  'années prévues',
  'calendrier incertain',
  'livrables prévus',
  'identifiant',
] as const;
export type PlanColumn = (typeof PLAN_COLUMNS)[number];

/** Without them a line means nothing. */
const REQUIRED_COLUMNS: PlanColumn[] = ['niveau', 'code', 'intitulé'];

const ONE_A_LINE = 'un par ligne de la cellule';

/** What each column holds, for the import panel's list of columns. */
export const PLAN_COLUMN_HINTS: Record<PlanColumn, string> = {
  niveau: 'axe, fiche ou action',
  axe: 'numéro de l’axe de la fiche',
  fiche: 'numéro de la fiche de l’action',
  code: 'numéro de l’axe, de la fiche ou de l’action',
  intitulé: 'intitulé (requis)',
  description: 'ce que le contrat dit de l’axe (axe)',
  objectifs: `objectifs généraux, ${ONE_A_LINE} (axe, fiche)`,
  'objectifs opérationnels': `${ONE_A_LINE} (fiche)`,
  contexte: 'contexte de la fiche (fiche)',
  diagnostic: 'résumé du diagnostic (fiche)',
  territoire: 'territoire concerné (fiche)',
  présentation: `${ONE_A_LINE} (fiche)`,
  prérequis: `${ONE_A_LINE} (fiche)`,
  pilotes: 'une organisation par ligne de la cellule (fiche, action)',
  partenaires: 'une organisation par ligne de la cellule (fiche, action)',
  publics: `${ONE_A_LINE} (fiche)`,
  'résultats attendus': `${ONE_A_LINE} (fiche)`,
  moyens: `${ONE_A_LINE} (fiche)`,
  calendrier: 'calendrier tel que la fiche l’écrit (fiche)',
  'rôle du coordinateur': `${ONE_A_LINE} (fiche)`,
  'liens avec le PRS': `${ONE_A_LINE} (fiche)`,
  indicateurs: 'un par ligne, son type entre crochets : « Nombre de réunions [processus] » (fiche)',
  'mise à jour': 'JJ/MM/AAAA, MM/AAAA ou AAAA (fiche)',
  'années prévues': '2025, 2026 ou 2025-2027 (action)',
  'calendrier incertain': 'oui ou non (action)',
  'livrables prévus': `${ONE_A_LINE} (action)`,
  identifiant: 'rempli par l’export : ne pas modifier',
};

type CellKind = 'text' | 'list' | 'organisations' | 'indicators' | 'date';

/** A column of an axis or a fiche: the field it fills, and how its cell is written. */
interface FieldColumn<Fields> {
  column: PlanColumn;
  field: keyof Fields & string;
  kind: CellKind;
}

const AXIS_COLUMNS: FieldColumn<AxisFields>[] = [
  { column: 'intitulé', field: 'title', kind: 'text' },
  { column: 'description', field: 'description', kind: 'text' },
  { column: 'objectifs', field: 'objectives', kind: 'list' },
];

const FICHE_COLUMNS: FieldColumn<FicheFields>[] = [
  { column: 'intitulé', field: 'title', kind: 'text' },
  { column: 'objectifs', field: 'objectives', kind: 'list' },
  { column: 'objectifs opérationnels', field: 'operationalObjectives', kind: 'list' },
  { column: 'contexte', field: 'context', kind: 'text' },
  { column: 'diagnostic', field: 'diagnostic', kind: 'text' },
  { column: 'territoire', field: 'territory', kind: 'text' },
  { column: 'présentation', field: 'presentation', kind: 'list' },
  { column: 'prérequis', field: 'prerequisites', kind: 'list' },
  { column: 'pilotes', field: 'pilots', kind: 'organisations' },
  { column: 'partenaires', field: 'partners', kind: 'organisations' },
  { column: 'publics', field: 'publics', kind: 'list' },
  { column: 'résultats attendus', field: 'expectedResults', kind: 'list' },
  { column: 'moyens', field: 'means', kind: 'list' },
  { column: 'calendrier', field: 'calendar', kind: 'text' },
  { column: 'rôle du coordinateur', field: 'coordinatorRole', kind: 'list' },
  { column: 'liens avec le PRS', field: 'prsLinks', kind: 'list' },
  { column: 'indicateurs', field: 'indicators', kind: 'indicators' },
  { column: 'mise à jour', field: 'updated', kind: 'date' },
];

const pad = (value: string) => value.padStart(2, '0');

/** A fiche's date at its precision: 08/06/2024, 06/2024 or 2024. */
function dateCell({ on, precision }: PlanDate): string {
  const [year = '', month = '', day = ''] = on.split('-');
  if (precision === 'year') return year;
  if (precision === 'month') return `${pad(month)}/${year}`;
  return `${pad(day)}/${pad(month)}/${year}`;
}

/** A value as its cell shows it (lists one item a line). */
function cellOfValue(kind: CellKind, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (kind === 'date') return dateCell(value as PlanDate);
  if (kind === 'indicators') {
    return (value as PlanIndicator[])
      .map((indicator) => (indicator.kind ? `${indicator.label} [${indicator.kind}]` : indicator.label))
      .join('\n');
  }
  if (Array.isArray(value)) return value.join('\n');
  return String(value);
}

const yesNo = (value: boolean) => (value ? 'oui' : 'non');

/** The plan's lines in its order: each axis, then each of its fiches followed by their actions. */
export function planTable(plan: PlanSnapshot): string[][] {
  const rows: string[][] = [[...PLAN_COLUMNS]];
  const line = (values: Partial<Record<PlanColumn, string>>) =>
    rows.push(PLAN_COLUMNS.map((column) => values[column] ?? ''));
  const cellsOf = <Fields>(columns: FieldColumn<Fields>[], item: Fields) =>
    Object.fromEntries(columns.map(({ column, field, kind }) => [column, cellOfValue(kind, item[field])]));
  for (const axis of plan.axes) {
    line({ niveau: 'axe', code: axis.code, ...cellsOf(AXIS_COLUMNS, axis) });
    for (const fiche of plan.fiches.filter((fiche) => fiche.axisCode === axis.code)) {
      line({ niveau: 'fiche', axe: axis.code, code: fiche.code, ...cellsOf(FICHE_COLUMNS, fiche) });
      for (const action of plan.actions.filter((action) => action.ficheCode === fiche.code)) {
        line({
          niveau: 'action',
          axe: axis.code,
          fiche: fiche.code,
          code: action.code,
          intitulé: action.title,
          pilotes: action.pilots.join('\n'),
          partenaires: (action.partners ?? []).join('\n'),
          'années prévues': yearsText(action.plannedYears),
          'calendrier incertain': yesNo(action.yearsUncertain),
          'livrables prévus': (action.plannedDeliverables ?? [])
            .map((deliverable) => deliverable.title)
            .join('\n'),
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
  UpdateAxis: COMMAND_SCHEMAS.UpdateAxis,
  DefineFicheAction: COMMAND_SCHEMAS.DefineFicheAction,
  UpdateFicheAction: COMMAND_SCHEMAS.UpdateFicheAction,
  MoveFicheAction: COMMAND_SCHEMAS.MoveFicheAction,
  PlanAction: COMMAND_SCHEMAS.PlanAction,
  UpdateAction: COMMAND_SCHEMAS.UpdateAction,
  MoveAction: COMMAND_SCHEMAS.MoveAction,
};
type PlanSchemas = typeof PLAN_SCHEMAS;
type PlanCommandType = keyof PlanSchemas;

/** A command an import sends: its type, and its fields as its schema returned them. */
export type PlanCommand = {
  [Type in PlanCommandType]: { type: Type; input: z.output<PlanSchemas[Type]> };
}[PlanCommandType];

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
  /** What the line asks for: the command that adds it, or those that change it (a move, then an update). */
  commands?: PlanCommand[];
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
  action: 'action',
};

const levelOf = (cell: string): PlanLevel | 'exemple' | undefined => {
  const folded = foldText(cell).trim().replace(/-/g, ' ');
  if (folded.startsWith('exemple')) return 'exemple';
  return LEVELS[folded];
};

/** The column a command's field comes from, so that a message names what the user sees. */
const COLUMN_OF_FIELD: Record<string, PlanColumn> = {
  code: 'code',
  axisCode: 'axe',
  toAxisCode: 'axe',
  ficheCode: 'fiche',
  toFicheCode: 'fiche',
  actionId: 'identifiant',
  plannedYears: 'années prévues',
  plannedDeliverables: 'livrables prévus',
  updatedOn: 'mise à jour',
  updatedOnPrecision: 'mise à jour',
  ...Object.fromEntries([...AXIS_COLUMNS, ...FICHE_COLUMNS].map(({ column, field }) => [field, column])),
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

/** An indicator as a line of its cell: « label » or « label [type] ». */
function indicatorOf(line: string): PlanIndicator {
  const typed = /^(.*?)\s*\[([^\]]+)\]$/.exec(line);
  return typed?.[1] && typed[2] ? { label: typed[1], kind: typed[2].trim() } : { label: line };
}

/** A fiche's date as typed: JJ/MM/AAAA or AAAA-MM-JJ (day), MM/AAAA or AAAA-MM (month), AAAA (year). */
export function planDateOf(text: string): PlanDate | undefined {
  const day = parseFrenchDate(text);
  if (day) return { on: day, precision: 'day' };
  const month = /^(\d{1,2})\/(\d{4})$/.exec(text) ?? /^(\d{4})-(\d{2})$/.exec(text)?.slice(0).reverse();
  if (month) {
    const [, monthText, year] = /^(\d{1,2})\/(\d{4})$/.test(text)
      ? (month as string[])
      : ['', (month as string[])[0], (month as string[])[1]];
    const number = Number(monthText);
    if (number >= 1 && number <= 12) return { on: `${year}-${pad(String(number))}-01`, precision: 'month' };
    return undefined;
  }
  if (/^\d{4}$/.test(text)) return { on: `${text}-01-01`, precision: 'year' };
  return undefined;
}

/** A cell read as its column's kind; an error names what is expected. */
function readCell(kind: CellKind, cell: string): { value: unknown } | { error: string } {
  switch (kind) {
    case 'text':
      return { value: cell };
    case 'list':
      return { value: lines(cell) };
    case 'organisations':
      return { value: organisationsOf(cell) };
    case 'indicators':
      return { value: lines(cell).map(indicatorOf) };
    case 'date': {
      if (cell === '') return { value: undefined };
      const date = planDateOf(cell);
      return date ? { value: date } : { error: `date illisible : « ${cell} » (JJ/MM/AAAA, MM/AAAA ou AAAA)` };
    }
  }
}

/** Whether a value is « nothing »: an empty text or list, or no date. */
const isEmpty = (value: unknown) =>
  value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A value for the preview: lists separated by « ; ». */
const shown = (kind: CellKind, value: unknown) =>
  value === undefined ? 'non renseigné' : cellOfValue(kind, value).replaceAll('\n', ' ; ') || 'vide';

/** A fiche's fields as its commands take them: its date split into day and precision. */
function ficheInput(fields: Record<string, unknown>): Record<string, unknown> {
  const { updated, ...rest } = fields;
  if (updated === undefined) return rest;
  const date = updated as PlanDate;
  return { ...rest, updatedOn: date.on, updatedOnPrecision: date.precision };
}

type Checked = { command: PlanCommand } | { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> };

/** A command's fields checked with its schema: the command as the schema returned it, or its issues. */
function parseCommand(type: PlanCommandType, input: Record<string, unknown>): Checked {
  switch (type) {
    case 'DefineAxis': {
      const checked = PLAN_SCHEMAS.DefineAxis.safeParse(input);
      return checked.success ? { command: { type, input: checked.data } } : { issues: checked.error.issues };
    }
    case 'UpdateAxis': {
      const checked = PLAN_SCHEMAS.UpdateAxis.safeParse(input);
      return checked.success ? { command: { type, input: checked.data } } : { issues: checked.error.issues };
    }
    case 'DefineFicheAction': {
      const checked = PLAN_SCHEMAS.DefineFicheAction.safeParse(input);
      return checked.success ? { command: { type, input: checked.data } } : { issues: checked.error.issues };
    }
    case 'UpdateFicheAction': {
      const checked = PLAN_SCHEMAS.UpdateFicheAction.safeParse(input);
      return checked.success ? { command: { type, input: checked.data } } : { issues: checked.error.issues };
    }
    case 'MoveFicheAction': {
      const checked = PLAN_SCHEMAS.MoveFicheAction.safeParse(input);
      return checked.success ? { command: { type, input: checked.data } } : { issues: checked.error.issues };
    }
    case 'PlanAction': {
      const checked = PLAN_SCHEMAS.PlanAction.safeParse(input);
      return checked.success ? { command: { type, input: checked.data } } : { issues: checked.error.issues };
    }
    case 'UpdateAction': {
      const checked = PLAN_SCHEMAS.UpdateAction.safeParse(input);
      return checked.success ? { command: { type, input: checked.data } } : { issues: checked.error.issues };
    }
    case 'MoveAction': {
      const checked = PLAN_SCHEMAS.MoveAction.safeParse(input);
      return checked.success ? { command: { type, input: checked.data } } : { issues: checked.error.issues };
    }
  }
}

/**
 * What importing a file would do to the plan: a line per row, new (with the
 * command that adds it), changed (with what changes and the commands that
 * change it), unchanged, the template's example, or in error (each error with
 * its column and a French message). Nothing is sent here; an unchanged export
 * imports as nothing.
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
    const plural = missing.length > 1 ? 's' : '';
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
                ? `colonne${plural} manquante${plural} : ${missing.join(', ')} (la première ligne doit nommer les colonnes du modèle)`
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
  const codesOf = (level: PlanLevel) =>
    new Set(body.filter((row) => levelOfRow(row) === level).map((row) => cellOf(row, 'code')));
  const axesInFile = codesOf('axe');
  const fichesInFile = codesOf('fiche');

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
    if (!level) {
      const message = cell('niveau')
        ? `niveau inconnu : « ${cell('niveau')} » (attendu : axe, fiche ou action)`
        : 'niveau requis : axe, fiche ou action';
      result.push({ ...base, status: 'error', errors: [{ column: 'niveau', message }] });
      continue;
    }
    const errors: CellError[] = [];
    const changes: FieldChange[] = [];
    const commands: PlanCommand[] = [];
    if (!code) errors.push({ column: 'code', message: 'code requis' });
    const key = `${level}:${code}`;
    const earlier = seen.get(key);
    if (code && earlier !== undefined) {
      errors.push({ column: 'code', message: `le code ${code} figure déjà ligne ${earlier}` });
    }
    seen.set(key, row.line);

    /**
     * The fields of the columns the file has, read from their cells; with the
     * current item, only those that changed (a field the plan does not know is
     * compared only when its cell is filled).
     */
    const fieldsOf = <Fields>(columns: FieldColumn<Fields>[], current?: Fields) => {
      const fields: Record<string, unknown> = {};
      for (const { column, field, kind } of columns) {
        if (!has(column)) continue;
        const read = readCell(kind, cell(column));
        if ('error' in read) {
          errors.push({ column, message: read.error });
          continue;
        }
        if (!current) {
          if (!isEmpty(read.value) || kind !== 'text' || field === 'title') fields[field] = read.value;
          continue;
        }
        const before = current[field];
        if (before === undefined && isEmpty(read.value)) continue;
        if (sameValue(before ?? (kind === 'text' ? '' : undefined), read.value)) continue;
        changes.push({ column, before: shown(kind, before), after: shown(kind, read.value) });
        fields[field] = read.value ?? null;
      }
      return fields;
    };
    /** A command checked with its schema: its errors go to the line, in the columns they concern. */
    const check = (type: PlanCommandType, input: Record<string, unknown>) => {
      const checked = parseCommand(type, input);
      if ('command' in checked) commands.push(checked.command);
      else
        for (const issue of checked.issues)
          errors.push({ column: columnOfIssue(issue.path), message: issue.message });
    };

    let exists = false;
    if (level === 'axe') {
      const current = axes.get(code);
      exists = Boolean(current);
      if (current) touched.add(`axe:${code}`);
      const fields = fieldsOf(AXIS_COLUMNS, current);
      if (errors.length === 0) {
        if (!current) check('DefineAxis', { contractId, code, ...fields });
        else if (Object.keys(fields).length > 0) check('UpdateAxis', { contractId, code, ...fields });
      }
    } else if (level === 'fiche') {
      const current = fiches.get(code);
      exists = Boolean(current);
      if (current) touched.add(`fiche:${code}`);
      const axisCode = cell('axe');
      if (!axisCode && !current)
        errors.push({ column: 'axe', message: 'axe requis pour une nouvelle fiche' });
      else if (axisCode && !axes.has(axisCode) && !axesInFile.has(axisCode)) {
        errors.push({
          column: 'axe',
          message: `l’axe ${axisCode} n’existe ni dans le plan ni dans le fichier`,
        });
      }
      const fields = fieldsOf(FICHE_COLUMNS, current);
      const moved = current && axisCode && axisCode !== current.axisCode;
      if (moved) changes.unshift({ column: 'axe', before: current.axisCode, after: axisCode });
      if (errors.length === 0) {
        if (!current) check('DefineFicheAction', { contractId, axisCode, code, ...ficheInput(fields) });
        else {
          if (moved) check('MoveFicheAction', { contractId, code, toAxisCode: axisCode });
          if (Object.keys(fields).length > 0)
            check('UpdateFicheAction', { contractId, code, ...ficheInput(fields) });
        }
      }
    } else {
      const id = cell('identifiant');
      const current = id ? actionsById.get(id) : actionsByCode.get(code);
      exists = Boolean(current);
      if (current) touched.add(`action:${current.actionId}`);
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
      const plannedYears = { years, uncertain: uncertain ?? false };
      if (!current) {
        if (errors.length === 0) {
          check('PlanAction', {
            actionId: actionIdOf(contractId, code),
            contractId,
            ficheCode,
            code,
            title,
            pilots,
            partners,
            plannedYears,
            plannedDeliverables: deliverables,
          });
        }
      } else {
        const update: Record<string, unknown> = {};
        const compare = (
          column: PlanColumn,
          field: string,
          before: unknown,
          after: unknown,
          show: string[],
        ) => {
          if (!has(column) || (before === undefined && isEmpty(after)) || sameValue(before, after)) return;
          changes.push({ column, before: show[0] ?? '', after: show[1] ?? '' });
          update[field] = after;
        };
        const list = (items: readonly string[] | undefined) =>
          items === undefined ? 'non renseigné' : items.join(' ; ') || 'vide';
        compare('intitulé', 'title', current.title, title, [current.title, title]);
        compare('pilotes', 'pilots', current.pilots, pilots, [list(current.pilots), list(pilots)]);
        compare('partenaires', 'partners', current.partners, partners, [
          list(current.partners),
          list(partners),
        ]);
        const currentYears = [...current.plannedYears].sort();
        if (has('années prévues') && !sameValue(currentYears, [...years].sort())) {
          changes.push({
            column: 'années prévues',
            before: yearsText(current.plannedYears) || 'aucune',
            after: yearsText(years) || 'aucune',
          });
          update.plannedYears = plannedYears;
        }
        if (has('calendrier incertain') && uncertain !== undefined && uncertain !== current.yearsUncertain) {
          changes.push({
            column: 'calendrier incertain',
            before: yesNo(current.yearsUncertain),
            after: yesNo(uncertain),
          });
          update.plannedYears = { years: has('années prévues') ? years : current.plannedYears, uncertain };
        }
        const titles = (items: ReadonlyArray<{ title: string }> | undefined) =>
          items?.map((item) => item.title);
        if (has('livrables prévus')) {
          const before = titles(current.plannedDeliverables);
          const after = titles(deliverables) ?? [];
          if (!(before === undefined && after.length === 0) && !sameValue(before, after)) {
            changes.push({ column: 'livrables prévus', before: list(before), after: list(after) });
            update.plannedDeliverables = deliverables;
          }
        }
        const moved = ficheCode && ficheCode !== current.ficheCode;
        if (moved) changes.unshift({ column: 'fiche', before: current.ficheCode, after: ficheCode });
        if (errors.length === 0) {
          if (moved) check('MoveAction', { actionId: current.actionId, toFicheCode: ficheCode });
          if (Object.keys(update).length > 0)
            check('UpdateAction', { actionId: current.actionId, ...update });
        }
      }
    }

    if (errors.length > 0) result.push({ ...base, level, status: 'error', errors });
    else if (!exists) result.push({ ...base, level, status: 'new', commands });
    else if (changes.length > 0) result.push({ ...base, level, status: 'changed', changes, commands });
    else result.push({ ...base, level, status: 'unchanged' });
  }

  const notInFile =
    plan.axes.filter((axis) => !touched.has(`axe:${axis.code}`)).length +
    plan.fiches.filter((fiche) => !touched.has(`fiche:${fiche.code}`)).length +
    plan.actions.filter((action) => !touched.has(`action:${action.actionId}`)).length;
  return { lines: result, notInFile };
}

/** Axes before fiches before actions, additions before moves before updates: each finds what it needs. */
const ORDER: Record<PlanCommandType, number> = {
  DefineAxis: 0,
  UpdateAxis: 1,
  DefineFicheAction: 2,
  MoveFicheAction: 3,
  UpdateFicheAction: 4,
  PlanAction: 5,
  MoveAction: 6,
  UpdateAction: 7,
};

/** The commands of an import in the order they can be applied (a file may list its lines in any order). */
export const commandsOf = (result: PlanImport): Array<{ line: number; command: PlanCommand }> =>
  result.lines
    .flatMap((line) =>
      line.status === 'error' ? [] : (line.commands ?? []).map((command) => ({ line: line.line, command })),
    )
    .sort((a, b) => ORDER[a.command.type] - ORDER[b.command.type] || a.line - b.line);

/** A command as a change an avenant carries: without the contract (the avenant's) nor persons. */
function changeOf(command: PlanCommand): PlanChange {
  switch (command.type) {
    case 'DefineAxis': {
      const { contractId: _, ...fields } = command.input;
      return { type: command.type, ...fields };
    }
    case 'UpdateAxis': {
      const { contractId: _, ...fields } = command.input;
      return { type: command.type, ...fields };
    }
    case 'MoveFicheAction': {
      const { contractId: _, ...fields } = command.input;
      return { type: command.type, ...fields };
    }
    case 'DefineFicheAction': {
      const { contractId: _, pilotPersons: __, ...fields } = command.input;
      return { type: command.type, ...fields };
    }
    case 'UpdateFicheAction': {
      const { contractId: _, pilotPersons: __, ...fields } = command.input;
      return { type: command.type, ...fields };
    }
    case 'PlanAction': {
      const { contractId: _, pilotPersons: __, amendmentId: ___, ...fields } = command.input;
      return { type: command.type, ...fields };
    }
    case 'UpdateAction': {
      const { pilotPersons: _, amendmentId: __, ...fields } = command.input;
      return { type: command.type, ...fields };
    }
    case 'MoveAction': {
      const { amendmentId: _, ...fields } = command.input;
      return { type: command.type, ...fields };
    }
  }
}

/**
 * After signature the plan changes only through an avenant: the import's
 * changes, in their order, as one draft avenant the parties will sign.
 */
export function amendmentOf(
  result: PlanImport,
  draft: { contractId: string; amendmentId: string; file: string },
): z.output<typeof COMMAND_SCHEMAS.DraftAmendment> | undefined {
  const changes = commandsOf(result).map(({ command }) => PlanChangeSchema.parse(changeOf(command)));
  if (changes.length === 0) return undefined;
  return COMMAND_SCHEMAS.DraftAmendment.parse({
    contractId: draft.contractId,
    amendmentId: draft.amendmentId,
    title: `Import du plan (${draft.file.slice(0, 200)})`,
    summary: `${changes.length} changement${changes.length > 1 ? 's' : ''} du plan importé${changes.length > 1 ? 's' : ''} depuis « ${draft.file.slice(0, 200)} ».`,
    changes,
  });
}
