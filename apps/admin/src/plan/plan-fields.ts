import { organisationsField } from '../organisations/organisation-picker.js';
import type { FormField } from '../shared/command-form.js';
import { organisationsOf, parseDeliverables, parseYears } from './plan-inputs.js';

/** Organisations picked from the directory (« Ajouter au répertoire » for a new one), without repeats. */
const orgs = (name: string, label: string, initial: readonly string[] = []): FormField => ({
  ...organisationsField(name, label, { initial: initial.join('\n') }),
  parse: organisationsOf,
});

/** The inputs of an axis: the same for defining it and editing it. */
export const axisFields = (initial: { code?: string; title?: string; objectives?: string[] } = {}) =>
  [
    {
      name: 'code',
      label: 'Numéro de l’axe',
      hint: 'Par exemple 1',
      initial: initial.code ?? '',
    },
    { name: 'title', label: 'Intitulé de l’axe', initial: initial.title ?? '' },
    {
      name: 'objectives',
      label: 'Objectifs (facultatif)',
      type: 'list',
      hint: 'Un par ligne',
      initial: (initial.objectives ?? []).join('\n'),
    },
  ] satisfies FormField[];

export interface FicheInitial {
  code?: string;
  title?: string;
  objectives?: string[];
  pilots?: string[];
  partners?: string[];
  publics?: string[];
}

/** The inputs of a fiche-action. */
export const ficheFields = (initial: FicheInitial = {}): FormField[] => [
  { name: 'code', label: 'Numéro de la fiche', hint: 'Par exemple 1.1', initial: initial.code ?? '' },
  { name: 'title', label: 'Intitulé de la fiche', initial: initial.title ?? '' },
  {
    name: 'objectives',
    label: 'Objectifs généraux (facultatif)',
    type: 'list',
    hint: 'Un par ligne',
    initial: (initial.objectives ?? []).join('\n'),
  },
  orgs('pilots', 'Pilotes (facultatif)', initial.pilots),
  orgs('partners', 'Partenaires (facultatif)', initial.partners),
  {
    name: 'publics',
    label: 'Publics (facultatif)',
    type: 'list',
    hint: 'Un par ligne',
    initial: (initial.publics ?? []).join('\n'),
  },
];

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
