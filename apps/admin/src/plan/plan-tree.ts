import type { ActionStatus } from '@cls/domain';

/** An action as the plan editor shows it and edits it. */
export interface PlanActionView {
  actionId: string;
  code: string;
  title: string;
  status: ActionStatus;
  pilots: string[];
  partners?: string[] | undefined;
  plannedYears: number[];
  yearsUncertain?: boolean | undefined;
  deliverablesPlanned: number;
  plannedDeliverables?: Array<{ deliverableId: string; title: string }> | undefined;
  /** Revision of the action's stream it was read at: its edit forms' `expectedRevision`. */
  revision?: number | undefined;
}

/** A fiche-action: its fields as far as the read side gives them. */
export interface PlanFicheView {
  code: string;
  axisCode: string;
  title: string;
  fields?: Record<string, unknown> | undefined;
  /** From 0 to 1 (its actions', or what was reported of it); null: « non renseigné ». */
  progress?: number | null | undefined;
  /** What was reported of the fiche itself (a fiche without actions). */
  own?: { status: ActionStatus; percentComplete: number | null; reportedOn: string } | null | undefined;
  actions: PlanActionView[];
}

export interface PlanAxisView {
  code: string;
  title: string;
  objectives?: string[] | undefined;
  fiches: PlanFicheView[];
}

/** The live plan, in its order. */
export interface PlanView {
  axes: PlanAxisView[];
  /** Revision of the contract's stream it was read at: the axes' and fiches' edit forms' `expectedRevision`. */
  revision?: number | undefined;
}

/** What the read side gives of a fiche beyond its place in the plan: its fields. */
const NOT_A_FICHE_FIELD = new Set([
  'code',
  'axisCode',
  'title',
  'actionRows',
  'own',
  'progress',
  'byStatus',
  'actions',
  'counted',
  'completed',
]);

/**
 * The live plan for the editor (`board.plan`: axes → fiches with every field → actions, in
 * order), each action completed by the board's row (its calendar's uncertainty).
 */
export function planFromRead(
  plan: {
    contract?: { revision: number } | undefined;
    axes: ReadonlyArray<{
      code: string;
      title: string;
      objectives: string[];
      fiches: ReadonlyArray<
        { code: string; axisCode: string; title: string; actionRows: readonly PlanActionView[] } & Pick<
          PlanFicheView,
          'progress' | 'own'
        >
      >;
    }>;
  },
  board: ReadonlyArray<{ actionId: string; yearsUncertain: boolean }> = [],
): PlanView {
  const uncertain = new Map(board.map((row) => [row.actionId, row.yearsUncertain]));
  return {
    revision: plan.contract?.revision,
    axes: plan.axes.map((axis) => ({
      code: axis.code,
      title: axis.title,
      objectives: axis.objectives,
      fiches: axis.fiches.map((fiche) => ({
        code: fiche.code,
        axisCode: axis.code,
        title: fiche.title,
        fields: Object.fromEntries(Object.entries(fiche).filter(([key]) => !NOT_A_FICHE_FIELD.has(key))),
        progress: fiche.progress,
        own: fiche.own,
        actions: fiche.actionRows.map((action) => ({
          ...action,
          yearsUncertain: uncertain.get(action.actionId) ?? false,
        })),
      })),
    })),
  };
}

/** The codes (or ids) of a level in a new order: `key` one place up (-1) or down (+1); unchanged at an end. */
export function moved<T>(items: readonly T[], index: number, step: -1 | 1): T[] | undefined {
  const target = index + step;
  if (index < 0 || target < 0 || target >= items.length) return undefined;
  const order = [...items];
  const [item] = order.splice(index, 1) as [T];
  order.splice(target, 0, item);
  return order;
}

/** Each action's code and fiche, and each fiche's axis: what a change's description names. */
export function planNames(plan: PlanView) {
  const actions = new Map<string, { code: string; ficheCode: string }>();
  const fiches = new Map<string, { axisCode: string }>();
  for (const axis of plan.axes)
    for (const fiche of axis.fiches) {
      fiches.set(fiche.code, { axisCode: axis.code });
      for (const action of fiche.actions)
        actions.set(action.actionId, { code: action.code, ficheCode: fiche.code });
    }
  return { actions, fiches };
}
