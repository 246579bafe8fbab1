import type { PlanChange } from '@cls/domain';

/** The French name of each field a plan change may carry, as the forms label them. */
export const PLAN_FIELD_LABELS: Record<string, string> = {
  title: 'intitulé',
  objectives: 'objectifs généraux',
  description: 'description',
  pilots: 'pilotes',
  partners: 'partenaires',
  publics: 'publics',
  context: 'contexte',
  diagnostic: 'synthèse du diagnostic',
  operationalObjectives: 'objectifs opérationnels',
  territory: 'territoire',
  presentation: 'présentation',
  prerequisites: 'prérequis',
  expectedResults: 'résultats attendus',
  means: 'moyens',
  calendar: 'calendrier',
  coordinatorRole: 'rôle du coordinateur',
  prsLinks: 'liens avec le PRS',
  indicators: 'indicateurs',
  updatedOn: 'date de mise à jour',
  plannedYears: 'années prévues',
  plannedDeliverables: 'livrables prévus',
};

/** Fields that say how a change is made rather than what changes. */
const NOT_CHANGED = new Set(['type', 'code', 'contractId', 'actionId', 'amendmentId', 'updatedOnPrecision']);

/** What the plan knows of its actions and fiches, to name them (an action's code, a fiche's axis). */
export interface PlanNames {
  actions?: ReadonlyMap<string, { code: string; ficheCode: string }>;
  fiches?: ReadonlyMap<string, { axisCode: string }>;
}

const changedFields = (change: Record<string, unknown>) => {
  const labels = Object.keys(change)
    .filter((key) => !NOT_CHANGED.has(key) && change[key] !== undefined)
    .map((key) => PLAN_FIELD_LABELS[key] ?? key);
  return labels.length > 0 ? ` : ${labels.join(', ')}` : '';
};

const because = (reason: string) => (reason ? ` (motif : ${reason})` : '');

/**
 * One change of an avenant in plain French: « Action 1.2-A1 déplacée de la fiche 1.2 vers
 * la fiche 2.1 ». `names` gives the codes the change itself does not carry (an action is
 * named by its id; where it came from is the plan's).
 */
export function describePlanChange(change: PlanChange, names: PlanNames = {}): string {
  const actionCode = (actionId: string) => names.actions?.get(actionId)?.code ?? actionId;
  switch (change.type) {
    case 'DefineAxis':
      return `Axe ${change.code} ajouté : ${change.title}`;
    case 'UpdateAxis':
      return `Axe ${change.code} modifié${changedFields(change)}`;
    case 'WithdrawAxis':
      return `Axe ${change.code} retiré${because(change.reason)}`;
    case 'DefineFicheAction':
      return `Fiche ${change.code} ajoutée à l’axe ${change.axisCode} : ${change.title}`;
    case 'UpdateFicheAction':
      return `Fiche ${change.code} modifiée${changedFields(change)}`;
    case 'MoveFicheAction': {
      const from = names.fiches?.get(change.code)?.axisCode;
      return from && from !== change.toAxisCode
        ? `Fiche ${change.code} déplacée de l’axe ${from} vers l’axe ${change.toAxisCode}`
        : `Fiche ${change.code} déplacée vers l’axe ${change.toAxisCode}`;
    }
    case 'WithdrawFicheAction':
      return `Fiche ${change.code} retirée${because(change.reason)}`;
    case 'ReorderPlan':
      if (change.level === 'axes') return `Axes remis dans l’ordre ${change.order.join(', ')}`;
      if (change.level === 'fiches')
        return `Fiches de l’axe ${change.parentCode ?? '?'} remises dans l’ordre ${change.order.join(', ')}`;
      return `Actions de la fiche ${change.parentCode ?? '?'} remises dans l’ordre ${change.order.map(actionCode).join(', ')}`;
    case 'PlanAction':
      return `Action ${change.code} ajoutée à la fiche ${change.ficheCode} : ${change.title}`;
    case 'UpdateAction':
      return `Action ${actionCode(change.actionId)} modifiée${changedFields(change)}`;
    case 'MoveAction': {
      const from = names.actions?.get(change.actionId)?.ficheCode;
      return from && from !== change.toFicheCode
        ? `Action ${actionCode(change.actionId)} déplacée de la fiche ${from} vers la fiche ${change.toFicheCode}`
        : `Action ${actionCode(change.actionId)} déplacée vers la fiche ${change.toFicheCode}`;
    }
    case 'WithdrawAction':
      return `Action ${actionCode(change.actionId)} retirée${because(change.reason)}`;
  }
}
