import {
  AGGREGATION_KINDS,
  AGGREGATION_LABELS,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_DIRECTIONS,
  INDICATOR_TYPE_LABELS,
  INDICATOR_TYPES,
  type IndicatorDefinition,
} from '@cls/domain';
import { frenchNumber, parseFrenchNumber } from '@cls/french';
import type { FormField } from '../shared/command-form.js';

/** The select's value for « non renseigné »: a type or a direction the sources do not give. */
const UNKNOWN = 'inconnu';
const orUnknown = (text: string) => (text === UNKNOWN ? null : text);

/** « 2025 : 40 » per line, as people write a target per year; what cannot be read goes to the schema as typed. */
export function parseTargets(text: string): Array<{ year: unknown; value: unknown }> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = /^(\d{4})\s*[:=]\s*(.+)$/.exec(line);
      if (!match) return { year: line, value: '' };
      const value = (match[2] as string).trim();
      return { year: Number(match[1]), value: parseFrenchNumber(value) ?? value };
    });
}

export const targetsText = (targets: ReadonlyArray<{ year: number; value: number }>) =>
  targets.map((target) => `${target.year} : ${frenchNumber(target.value)}`).join('\n');

type Initial = Partial<IndicatorDefinition>;

/**
 * The inputs of an indicator, the same to define it and to change it: where it
 * belongs (fiche, action), how it reads (type, unit, direction), where it starts
 * (baseline) and goes (targets), how its measures add up (rule), and who keeps it.
 */
export function indicatorFields(
  options: {
    fiches: Array<[code: string, label: string]>;
    actions: Array<[actionId: string, label: string]>;
    indicators: Array<[indicatorId: string, label: string]>;
  },
  initial: Initial = {},
): FormField[] {
  const ratio = typeof initial.aggregation === 'object' ? initial.aggregation.ratio : undefined;
  return [
    {
      name: 'ficheCode',
      label: 'Fiche-action',
      type: 'select',
      options: options.fiches,
      initial: initial.ficheCode ?? '',
    },
    {
      name: 'actionId',
      label: 'Action (facultatif)',
      type: 'select',
      hint: 'Vide : l’indicateur suit toute la fiche-action',
      options: [['', 'Toute la fiche-action'], ...options.actions],
      initial: initial.actionId ?? '',
    },
    { name: 'label', label: 'Intitulé', initial: initial.label ?? '' },
    {
      name: 'kind',
      label: 'Type',
      type: 'select',
      options: [
        [UNKNOWN, 'Non renseigné'],
        ...INDICATOR_TYPES.map((kind): [string, string] => [kind, INDICATOR_TYPE_LABELS[kind]]),
      ],
      initial: initial.kind ?? UNKNOWN,
      parse: orUnknown,
    },
    {
      name: 'unit',
      label: 'Unité (facultatif)',
      hint: 'Par exemple « personnes », « % » : un taux ne s’additionne pas',
      initial: initial.unit ?? '',
    },
    {
      name: 'direction',
      label: 'Sens',
      type: 'select',
      options: [
        [UNKNOWN, 'Non renseigné'],
        ...INDICATOR_DIRECTIONS.map((direction): [string, string] => [
          direction,
          INDICATOR_DIRECTION_LABELS[direction],
        ]),
      ],
      initial: initial.direction ?? UNKNOWN,
      parse: orUnknown,
    },
    {
      name: 'aggregation',
      label: 'Règle de calcul sur l’année',
      type: 'select',
      options: [
        ...AGGREGATION_KINDS.map((kind): [string, string] => [kind, AGGREGATION_LABELS[kind]]),
        ['ratio', AGGREGATION_LABELS.ratio],
      ],
      initial: typeof initial.aggregation === 'string' ? initial.aggregation : ratio ? 'ratio' : 'latest',
    },
    {
      name: 'numerator',
      label: 'Numérateur',
      type: 'select',
      options: options.indicators,
      initial: ratio?.numerator ?? '',
      visible: (values) => values.aggregation === 'ratio',
    },
    {
      name: 'denominator',
      label: 'Dénominateur',
      type: 'select',
      options: options.indicators,
      initial: ratio?.denominator ?? '',
      visible: (values) => values.aggregation === 'ratio',
    },
    {
      name: 'targets',
      label: 'Cibles par année (facultatif)',
      type: 'textarea',
      hint: 'Une par ligne : « 2026 : 40 »',
      initial: targetsText(initial.targets ?? []),
      parse: parseTargets,
    },
    {
      name: 'baseline.value',
      label: 'Valeur de référence (facultatif)',
      type: 'number',
      initial: initial.baseline ? frenchNumber(initial.baseline.value) : '',
    },
    {
      name: 'baseline.on',
      label: 'Date de la valeur de référence',
      type: 'date',
      initial: initial.baseline?.on ?? '',
      visible: (values) => (values['baseline.value'] ?? '').trim() !== '',
    },
    {
      name: 'baseline.source',
      label: 'Source de la valeur de référence (facultatif)',
      initial: initial.baseline?.source ?? '',
      visible: (values) => (values['baseline.value'] ?? '').trim() !== '',
    },
    {
      name: 'dataSource',
      label: 'Source des données (facultatif)',
      hint: 'Par exemple « Assurance maladie, SNDS »',
      initial: initial.dataSource ?? '',
    },
    { name: 'owner', label: 'Qui le renseigne (facultatif)', initial: initial.owner ?? '' },
  ];
}

/** The rule as the command takes it: a ratio names its two indicators. */
export function withAggregation(input: Record<string, unknown>): Record<string, unknown> {
  const { numerator, denominator, ...rest } = input;
  return rest.aggregation === 'ratio'
    ? { ...rest, aggregation: { ratio: { numerator, denominator } } }
    : rest;
}
