import { ACTION_STATUSES } from '@cls/domain';
import { organisationsField } from '../organisations/organisation-picker.js';
import type { FormField } from '../shared/command-form.js';
import { valuesOf } from '../shared/form-values.js';
import { ACTION_STATUS_LABELS } from '../shared/labels.js';
import { organisationsOf, parseDeliverables, parseYears } from './plan-inputs.js';

/** Organisations picked from the directory (« Ajouter au répertoire » for a new one), without repeats. */
const orgs = (name: string, label: string, initial: readonly string[] = []): FormField => ({
  ...organisationsField(name, label, { initial: initial.join('\n') }),
  parse: organisationsOf,
});

/**
 * A creation's inputs, with its « date d’effet » while the contract is a draft: a plan adopted
 * before it is keyed in here takes effect on its adoption's date, so the audit's « à une date »
 * and « entre deux dates » place it right. An avenant's changes take effect at its signature.
 */
export const withEffectiveOn = (fields: FormField[], draft: boolean): FormField[] =>
  draft
    ? [
        ...fields,
        {
          name: 'effectiveOn',
          label: 'Date d’effet (facultatif)',
          type: 'date',
          hint: 'Vide : aujourd’hui. Pour un plan adopté avant d’être saisi ici, la date de son adoption',
        },
      ]
    : fields;

/** The inputs of an axis: the same for defining it and editing it (its code is fixed then). */
export const axisFields = (
  initial: { code?: string; title?: string; objectives?: string[] } = {},
  { withCode = true } = {},
): FormField[] => [
  ...(withCode
    ? [{ name: 'code', label: 'Numéro de l’axe', hint: 'Par exemple 1', initial: initial.code ?? '' }]
    : []),
  { name: 'title', label: 'Intitulé de l’axe', initial: initial.title ?? '' },
  {
    name: 'objectives',
    label: 'Objectifs (facultatif)',
    type: 'list',
    hint: 'Un par ligne',
    initial: (initial.objectives ?? []).join('\n'),
  },
];

/** A fiche field's value as its input shows it: a list one item a line, an indicator by its label. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return value
      .map((item) =>
        typeof item === 'string'
          ? item
          : item && typeof item === 'object' && 'label' in item
            ? String(item.label)
            : '',
      )
      .filter(Boolean)
      .join('\n');
  return '';
}

/** The fiche's fields beyond its code, title and organisations: a long text, or a list one item a line. */
const FICHE_TEXT_FIELDS: Array<[name: string, label: string, type: 'text' | 'textarea' | 'list']> = [
  ['objectives', 'Objectifs généraux', 'list'],
  ['operationalObjectives', 'Objectifs opérationnels', 'list'],
  ['context', 'Contexte', 'textarea'],
  ['diagnostic', 'Synthèse du diagnostic', 'textarea'],
  ['publics', 'Publics', 'list'],
  ['territory', 'Territoire concerné', 'text'],
  ['presentation', 'Présentation', 'list'],
  ['prerequisites', 'Prérequis', 'list'],
  ['expectedResults', 'Résultats attendus', 'list'],
  ['means', 'Moyens', 'list'],
  ['calendar', 'Calendrier', 'textarea'],
  ['coordinatorRole', 'Rôle du coordinateur', 'list'],
  ['prsLinks', 'Liens avec le PRS', 'list'],
  ['indicators', 'Indicateurs', 'list'],
];

/** Every field of a fiche-action the seed fiches carry, all but the title optional. */
export const ficheFields = (initial: Record<string, unknown> = {}, { withCode = true } = {}): FormField[] => [
  ...(withCode
    ? [
        {
          name: 'code',
          label: 'Numéro de la fiche',
          hint: 'Par exemple 1.1',
          initial: textOf(initial.code),
        } satisfies FormField,
      ]
    : []),
  { name: 'title', label: 'Intitulé de la fiche', initial: textOf(initial.title) },
  orgs('pilots', 'Pilotes (facultatif)', textOf(initial.pilots).split('\n').filter(Boolean)),
  orgs('partners', 'Partenaires (facultatif)', textOf(initial.partners).split('\n').filter(Boolean)),
  ...FICHE_TEXT_FIELDS.map(
    ([name, label, type]): FormField => ({
      name,
      label: `${label} (facultatif)`,
      type,
      ...(type === 'list' ? { hint: 'Un par ligne' } : {}),
      ...(name === 'indicators'
        ? { parse: (text: string) => organisationsOf(text).map((label) => ({ label })) }
        : {}),
      initial: textOf(initial[name]),
    }),
  ),
  {
    name: 'updatedOn',
    label: 'Dernière mise à jour de la fiche (facultatif)',
    type: 'date',
    initial: textOf(initial.updatedOn),
  },
];

/** A fiche's status and progress (fiches without actions especially); an empty percentage stays unknown. */
export const ficheProgressFields = (): FormField[] => [
  {
    name: 'status',
    label: 'État de la fiche',
    type: 'select',
    options: ACTION_STATUSES.map((status): [string, string] => [status, ACTION_STATUS_LABELS[status]]),
  },
  {
    name: 'percentComplete',
    label: 'Avancement en % (facultatif)',
    type: 'number',
    hint: 'Laissé vide : « non renseigné »',
  },
  { name: 'comment', label: 'Commentaire (facultatif)', type: 'textarea' },
];

/**
 * An edit form's transform: only the values that differ from what the form started with are
 * sent (an update changes only the fields given), a list or text emptied is sent empty.
 */
export function onlyChanged(fields: FormField[]) {
  const topOf = (name: string) => name.split('.')[0] as string;
  const editable = new Set(fields.map((field) => topOf(field.name)));
  const before = valuesOf(
    fields,
    Object.fromEntries(fields.map((field) => [field.name, field.initial ?? ''])),
  );
  const emptied = (name: string) => {
    const field = fields.find((one) => topOf(one.name) === name);
    return field?.type === 'list'
      ? []
      : field?.type === 'text' || field?.type === 'textarea'
        ? ''
        : undefined;
  };
  return (input: Record<string, unknown>): Record<string, unknown> => {
    const changed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input))
      if (!editable.has(key) || JSON.stringify(value) !== JSON.stringify(before[key])) changed[key] = value;
    for (const key of Object.keys(before))
      if (!(key in input) && emptied(key) !== undefined) changed[key] = emptied(key);
    return changed;
  };
}

export interface ActionInitial {
  code?: string;
  title?: string;
  pilots?: string[];
  partners?: string[];
  years?: number[];
  uncertain?: boolean;
  deliverables?: Array<{ deliverableId: string; title: string }>;
}

/** The inputs of an action: code and title, pilots and partners, planned years, planned deliverables. */
export const actionFields = (initial: ActionInitial = {}, { withCode = true } = {}): FormField[] => [
  ...(withCode
    ? [
        {
          name: 'code',
          label: 'Code de l’action',
          hint: 'Par exemple 1.1-A1',
          initial: initial.code ?? '',
        } satisfies FormField,
      ]
    : []),
  { name: 'title', label: 'Intitulé de l’action', initial: initial.title ?? '' },
  orgs('pilots', 'Pilotes', initial.pilots),
  orgs('partners', 'Partenaires (facultatif)', initial.partners),
  {
    name: 'plannedYears.years',
    label: 'Années prévues',
    hint: 'Par exemple 2025, 2026 ou 2025-2027',
    parse: parseYears,
    initial: (initial.years ?? []).join(', '),
  },
  {
    name: 'plannedYears.uncertain',
    label: 'Calendrier incertain',
    type: 'checkbox',
    initial: initial.uncertain ? 'true' : '',
  },
  {
    name: 'plannedDeliverables',
    label: 'Livrables prévus (facultatif)',
    type: 'list',
    hint: 'Un par ligne',
    parse: (text) => parseDeliverables(text, initial.deliverables),
    initial: (initial.deliverables ?? []).map((deliverable) => deliverable.title).join('\n'),
  },
];
