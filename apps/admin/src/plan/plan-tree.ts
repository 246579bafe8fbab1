import type { ActionStatus } from '@cls/domain';

/** An action as the plan editor shows it and edits it. */
export interface PlanActionView {
  actionId: string;
  code: string;
  ficheCode: string;
  title: string;
  status: ActionStatus;
  pilots: string[];
  partners?: string[] | undefined;
  plannedYears: number[];
  yearsUncertain: boolean;
  deliverablesPlanned: number;
  plannedDeliverables?: Array<{ deliverableId: string; title: string }> | undefined;
}

/** A fiche-action: its fields as far as the read side gives them. */
export interface PlanFicheView {
  code: string;
  axisCode: string;
  title: string;
  fields?: Record<string, unknown> | undefined;
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
}

/** The live plan from the dashboard's axes and fiches and the action board's actions. */
export function planFromBoard(
  axes: ReadonlyArray<{
    code: string;
    title: string;
    fiches: ReadonlyArray<{ code: string; title: string }>;
  }>,
  actions: readonly PlanActionView[],
): PlanView {
  return {
    axes: axes.map((axis) => ({
      code: axis.code,
      title: axis.title,
      fiches: axis.fiches.map((fiche) => ({
        code: fiche.code,
        axisCode: axis.code,
        title: fiche.title,
        actions: actions.filter((action) => action.ficheCode === fiche.code),
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
