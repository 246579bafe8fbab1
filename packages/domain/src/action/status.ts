import type { DomainEventOf } from '../event-catalogue.js';
import type { PlannedYears } from './events.js';

/*
 * An action's status as everyone reads it: the decider folds it, the read
 * models project it, the audit replays it and the apps show it, all with these
 * rules — the status after an event, the day it ended, whether it is late, how
 * much it counts toward progress.
 */

export const ACTION_STATUSES = ['planned', 'in_progress', 'suspended', 'completed', 'abandoned'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  planned: 'Prévue',
  in_progress: 'En cours',
  suspended: 'Suspendue',
  completed: 'Réalisée',
  abandoned: 'Abandonnée',
};

/** The events that set an action's status; the others (progress, deliverables, measures) leave it. */
export const ACTION_STATUS_EVENT_TYPES = [
  'ActionPlanned',
  'ActionStarted',
  'ActionCompleted',
  'ActionSuspended',
  'ActionAbandoned',
] as const;
export type ActionStatusEvent = DomainEventOf<typeof ACTION_STATUS_EVENT_TYPES>;

export interface ActionStatusChange {
  status: ActionStatus;
  /** The day the status took effect; none for a planned action. */
  statusSince?: string;
}

/** The status an event gives an action, and since when. A start after a suspension resumes it. */
export function actionStatusAfter(event: ActionStatusEvent): ActionStatusChange {
  switch (event.type) {
    case 'ActionPlanned':
      return { status: 'planned' };
    case 'ActionStarted':
      return { status: 'in_progress', statusSince: event.data.startedOn };
    case 'ActionCompleted':
      return { status: 'completed', statusSince: event.data.completedOn };
    case 'ActionSuspended':
      return { status: 'suspended', statusSince: event.data.suspendedOn };
    case 'ActionAbandoned':
      return { status: 'abandoned', statusSince: event.data.abandonedOn };
  }
}

/**
 * Whether the action is over: completed or abandoned. A suspended action is not:
 * a suspension is a pause, and the action may start again.
 */
export const hasActionEnded = (status: ActionStatus): boolean =>
  status === 'completed' || status === 'abandoned';

/** The day the action ended (completed or abandoned); none while planned, in progress or suspended. */
export const actionEndedOn = ({ status, statusSince }: ActionStatusChange): string | undefined =>
  hasActionEnded(status) ? statusSince : undefined;

/**
 * Whether an action is late on its planned years: they are known (not
 * uncertain), the last of them is over (before the year of `today`, a business
 * day `YYYY-MM-DD`), and the action has not ended.
 */
export function isActionLate(
  status: ActionStatus,
  plannedYears: Pick<PlannedYears, 'years' | 'uncertain'>,
  today: string,
): boolean {
  if (plannedYears.uncertain || plannedYears.years.length === 0 || hasActionEnded(status)) return false;
  return Math.max(...plannedYears.years) < Number(today.slice(0, 4));
}

/**
 * How much an action counts toward the progress of its fiche and axis: nothing
 * while planned, half once begun (in progress, or suspended after it began),
 * all when completed; an abandoned action is left out (null).
 */
export const PROGRESS_WEIGHT: Record<ActionStatus, number | null> = {
  planned: 0,
  in_progress: 0.5,
  suspended: 0.5,
  completed: 1,
  abandoned: null,
};

/** The progress rule as the screens explain it. */
export const PROGRESS_WEIGHT_RULE =
  'Une action compte 0 prévue, ½ en cours ou suspendue, 1 réalisée ; les abandonnées sont exclues.';

export interface ActionsProgress {
  /** Every action of the group. */
  actions: number;
  /** Those its progress counts (all but the abandoned ones). */
  counted: number;
  completed: number;
  /** From 0 to 1: the weighted mean of the counted actions; null when none is (« non renseigné », never 0 %). */
  progress: number | null;
}

/** The progress of a group of actions (a fiche, an axis), from how many are in each status. */
export function progressOfActions(countByStatus: Partial<Record<ActionStatus, number>>): ActionsProgress {
  let actions = 0;
  let counted = 0;
  let weighted = 0;
  for (const status of ACTION_STATUSES) {
    const count = countByStatus[status] ?? 0;
    const weight = PROGRESS_WEIGHT[status];
    actions += count;
    if (weight === null) continue;
    counted += count;
    weighted += weight * count;
  }
  return {
    actions,
    counted,
    completed: countByStatus.completed ?? 0,
    progress: counted === 0 ? null : weighted / counted,
  };
}

/** What a fiche without actions says of itself (ReportFicheProgress): its status, its percentage if known. */
export interface FicheOwnProgress {
  status: ActionStatus;
  percentComplete?: number | null;
}

/**
 * A fiche's progress: its actions' when it has some that count; otherwise the
 * percentage its coordinator reported for it (a fiche without actions), or
 * null — unknown, shown « non renseigné », never 0 %.
 */
export function progressOfFiche(actions: ActionsProgress, own?: FicheOwnProgress | null): number | null {
  if (actions.progress !== null) return actions.progress;
  if (own?.status === 'completed') return 1;
  return own?.percentComplete == null ? null : own.percentComplete / 100;
}

/** An axis's progress: its actions' when some count, else the mean of its fiches' known progress, else null. */
export function progressOfAxis(actions: ActionsProgress, fiches: Array<number | null>): number | null {
  if (actions.progress !== null) return actions.progress;
  const known = fiches.filter((progress): progress is number => progress !== null);
  return known.length === 0 ? null : known.reduce((total, progress) => total + progress, 0) / known.length;
}
