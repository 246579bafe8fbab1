import type { FicheDetails } from '@cls/domain';
import type { PlanSnapshot } from './plan-table.js';

/** The live plan as the contracts read model gives it (`board.plan`): axes → fiches (every field) → their live actions. */
export interface PlanTree {
  axes: Array<{
    code: string;
    title: string;
    objectives: string[];
    description: string | null;
    fiches: Array<
      FicheDetails & {
        code: string;
        title: string;
        objectives?: string[] | undefined;
        pilots?: string[] | undefined;
        partners?: string[] | undefined;
        publics?: string[] | undefined;
        actionRows: Array<{ actionId: string }>;
      }
    >;
  }>;
}

/** An action as the action board gives it. */
export interface BoardAction {
  actionId: string;
  ficheCode: string;
  code: string;
  title: string;
  pilots: string[];
  plannedYears: number[];
  yearsUncertain: boolean;
}

/** A deliverable as the deliverables read model gives it. */
export interface BoardDeliverable {
  actionCode: string;
  deliverableId: string;
  title: string;
  planned: boolean;
}

/**
 * The plan the export writes and the import compares with: axes and fiches with
 * every field from the plan tree, actions in their fiche's order with their years
 * from the action board and their planned deliverables. An action's partners are
 * not read back by any read model: left unknown.
 */
export function planSnapshot(
  tree: PlanTree,
  actions: readonly BoardAction[],
  deliverables: readonly BoardDeliverable[],
): PlanSnapshot {
  const planned = new Map<string, Array<{ deliverableId: string; title: string }>>();
  for (const { actionCode, deliverableId, title, planned: isPlanned } of deliverables) {
    if (isPlanned) planned.set(actionCode, [...(planned.get(actionCode) ?? []), { deliverableId, title }]);
  }
  const byId = new Map(actions.map((action) => [action.actionId, action]));
  return {
    axes: tree.axes.map(({ code, title, objectives, description }) => ({
      code,
      title,
      objectives,
      ...(description === null ? {} : { description }),
    })),
    fiches: tree.axes.flatMap((axis) =>
      axis.fiches.map(({ actionRows: _, updatedOn, updatedOnPrecision, ...fiche }) => ({
        ...fiche,
        axisCode: axis.code,
        ...(updatedOn ? { updated: { on: updatedOn, precision: updatedOnPrecision ?? 'day' } } : {}),
      })),
    ),
    actions: tree.axes.flatMap((axis) =>
      axis.fiches.flatMap((fiche) =>
        fiche.actionRows.flatMap(({ actionId }) => {
          const action = byId.get(actionId);
          if (!action) return [];
          return [
            {
              actionId,
              ficheCode: fiche.code,
              code: action.code,
              title: action.title,
              pilots: action.pilots,
              plannedYears: action.plannedYears,
              yearsUncertain: action.yearsUncertain,
              plannedDeliverables: planned.get(action.code) ?? [],
            },
          ];
        }),
      ),
    ),
  };
}
