import { readCsv, toCsv as writeCsv } from '@cls/csv';
import {
  ACTION_STATUS_LABELS,
  type ActionStatus,
  COMMAND_SCHEMAS,
  PROGRESS_LABELS,
  PROGRESS_VALUES,
  type Progress,
} from '@cls/domain';
import { parseFrenchDate, parsePercent } from '@cls/french';
import type { z } from 'zod';

/** What the export writes of an action, and what the import reads back. */
export interface ActionLine {
  actionId: string;
  code: string;
  title: string;
  status: ActionStatus;
  progress: Progress | null;
  percentComplete: number | null;
}

const COLUMNS = [
  'identifiant',
  'code',
  'intitulé',
  'état',
  'avancement',
  'pourcentage',
  'date',
  'motif',
] as const;
/**
 * CSV as spreadsheet software in France opens it: `;` separated, UTF-8 with a
 * BOM, CRLF lines, cells that would run as formulas neutralised (@cls/csv).
 */
export const toCsv = (rows: ReadonlyArray<ReadonlyArray<string>>) =>
  writeCsv(rows, { separator: ';', bom: true });

/** The actions, with their state and progress in French. */
export function actionsToCsv(actions: ActionLine[]): string {
  const rows = actions.map((action) => [
    action.actionId,
    action.code,
    action.title,
    ACTION_STATUS_LABELS[action.status],
    action.progress ? PROGRESS_LABELS[action.progress] : '',
    action.percentComplete === null ? '' : String(action.percentComplete),
    '',
    '',
  ]);
  return toCsv([COLUMNS, ...rows]);
}

/** The commands an edited line may ask for: a change of state, or a progress report. */
const IMPORT_SCHEMAS = {
  StartAction: COMMAND_SCHEMAS.StartAction,
  CompleteAction: COMMAND_SCHEMAS.CompleteAction,
  SuspendAction: COMMAND_SCHEMAS.SuspendAction,
  AbandonAction: COMMAND_SCHEMAS.AbandonAction,
  ReportProgress: COMMAND_SCHEMAS.ReportProgress,
};
type ImportSchemas = typeof IMPORT_SCHEMAS;

/** One of those commands: its type, and its fields as its mutation takes them. */
export type ImportCommand = {
  [Type in keyof ImportSchemas]: { type: Type; input: z.input<ImportSchemas[Type]> };
}[keyof ImportSchemas];

export interface PlannedUpdate {
  /** Line in the file (1 = header). */
  line: number;
  code: string;
  /** The command this line asks for, checked with its schema. */
  command?: ImportCommand;
  /** What it changes, in French, for the preview. */
  summary?: string;
  error?: string;
}

/** The column a command's field comes from, to name it in a message (never the field's internal name). */
const COLUMN_OF_FIELD: Record<string, (typeof COLUMNS)[number]> = {
  actionId: 'identifiant',
  startedOn: 'date',
  completedOn: 'date',
  suspendedOn: 'date',
  abandonedOn: 'date',
  reportedOn: 'date',
  progress: 'avancement',
  percentComplete: 'pourcentage',
  reason: 'motif',
};

/** Whether a cell says this label, capitals and surrounding spaces aside. */
const says = (cell: string, label: string) => cell.trim().toLowerCase() === label.toLowerCase();

const byLabel = (labels: Record<string, string>, cell: string) =>
  Object.entries(labels).find(([, label]) => says(cell, label))?.[0];

/**
 * What importing an edited export would do: one command per changed line (a
 * change of state first, otherwise a progress report), errors per line, and
 * nothing for lines that did not change — so an untouched export imports as nothing.
 */
export function planProgressImport(text: string, current: ActionLine[], today: string): PlannedUpdate[] {
  const [header, ...rows] = readCsv(text);
  const column = (name: (typeof COLUMNS)[number]) =>
    header?.cells.findIndex((cell) => cell.trim().toLowerCase() === name) ?? -1;
  const missing = COLUMNS.filter((name) => column(name) < 0 && name !== 'intitulé');
  if (!header || missing.length > 0) {
    return [{ line: 1, code: '', error: `colonnes manquantes : ${missing.join(', ') || 'en-tête'}` }];
  }
  const actions = new Map(current.map((action) => [action.actionId, action]));
  const updates: PlannedUpdate[] = [];
  for (const { line, cells } of rows) {
    const cell = (name: (typeof COLUMNS)[number]) => (cells[column(name)] ?? '').trim();
    const action = actions.get(cell('identifiant'));
    const code = cell('code');
    if (!action) {
      updates.push({ line, code, error: `action inconnue : « ${cell('identifiant')} »` });
      continue;
    }
    const status = byLabel(ACTION_STATUS_LABELS, cell('état'));
    if (!status) {
      updates.push({
        line,
        code,
        error: `état inconnu : « ${cell('état')} » (attendu : ${Object.values(ACTION_STATUS_LABELS).join(', ')})`,
      });
      continue;
    }
    const progressLabel = cell('avancement');
    const progress =
      progressLabel === ''
        ? null
        : PROGRESS_VALUES.find((value) => says(progressLabel, PROGRESS_LABELS[value]));
    if (progress === undefined) {
      updates.push({ line, code, error: `avancement inconnu : « ${progressLabel} »` });
      continue;
    }
    const percentText = cell('pourcentage');
    const percent = percentText === '' ? null : parsePercent(percentText);
    if (percent === undefined) {
      updates.push({ line, code, error: `pourcentage illisible : « ${percentText} » (par exemple 30 %)` });
      continue;
    }
    const dateText = cell('date');
    const date = dateText === '' ? today : parseFrenchDate(dateText);
    if (date === undefined) {
      updates.push({ line, code, error: `date illisible : « ${dateText} » (JJ/MM/AAAA attendu)` });
      continue;
    }
    const reason = cell('motif');
    let command: PlannedUpdate['command'];
    let summary = '';
    if (status !== action.status) {
      const transitions: Record<string, () => void> = {
        in_progress: () => {
          command = { type: 'StartAction', input: { actionId: action.actionId, startedOn: date } };
        },
        completed: () => {
          command = { type: 'CompleteAction', input: { actionId: action.actionId, completedOn: date } };
        },
        suspended: () => {
          command = {
            type: 'SuspendAction',
            input: { actionId: action.actionId, suspendedOn: date, reason },
          };
        },
        abandoned: () => {
          command = {
            type: 'AbandonAction',
            input: { actionId: action.actionId, abandonedOn: date, reason },
          };
        },
      };
      const transition = transitions[status];
      if (!transition) {
        updates.push({ line, code, error: `une action ne revient pas à l’état « ${cell('état')} »` });
        continue;
      }
      transition();
      summary = `${ACTION_STATUS_LABELS[action.status]} → ${cell('état')}`;
    } else if (progress !== action.progress || percent !== action.percentComplete) {
      if (progress === null) {
        updates.push({ line, code, error: 'avancement requis pour un état d’avancement' });
        continue;
      }
      command = {
        type: 'ReportProgress',
        input: {
          actionId: action.actionId,
          reportedOn: date,
          progress,
          ...(percent === null ? {} : { percentComplete: percent }),
        },
      };
      summary = `avancement : ${progressLabel}${percent === null ? '' : ` (${percent} %)`}`;
    }
    if (!command) continue;
    const checked = IMPORT_SCHEMAS[command.type].safeParse(command.input);
    if (!checked.success) {
      updates.push({
        line,
        code,
        error: checked.error.issues
          .map((issue) => `${COLUMN_OF_FIELD[String(issue.path[0])] ?? 'ligne'} : ${issue.message}`)
          .join(' ; '),
      });
      continue;
    }
    updates.push({ line, code, command, summary });
  }
  return updates;
}
