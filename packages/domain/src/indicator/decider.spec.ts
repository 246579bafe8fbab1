import { describe, expect, it } from 'vitest';
import { contractDecider } from '../contract/decider.js';
import type { ContractEvent } from '../contract/events.js';
import { DeciderSpecification } from '../decider-specification.js';
import { DefineIndicatorSchema } from './commands.js';

const spec = DeciderSpecification.for(contractDecider);
const contractId = 'cls-coeur-herault-2024';

const drafted: ContractEvent = {
  type: 'ContractDrafted',
  data: {
    contractId,
    name: "Contrat Local de Santé du Pays Cœur d'Hérault 2024-2029",
    territory: { name: "Pays Cœur d'Hérault", epci: [], communes: [] },
    period: { start: 2024, end: 2029 },
    parties: [{ organisation: 'CPAM de l’Hérault' }],
  },
};
const axis: ContractEvent = {
  type: 'AxisDefined',
  data: { contractId, code: '1', title: 'Soins', objectives: [] },
};
const fiche: ContractEvent = {
  type: 'FicheActionDefined',
  data: {
    contractId,
    axisCode: '1',
    code: '1.1',
    title: 'Installation',
    objectives: [],
    pilots: [],
    partners: [],
    publics: [],
  },
};
const signed: ContractEvent = {
  type: 'ContractSigned',
  data: { contractId, signedOn: '2024-03-15', signatories: [{ organisation: 'CPAM de l’Hérault' }] },
  occurredAt: '2024-03-15T00:00:00.000Z',
};
const define = DefineIndicatorSchema.parse({
  contractId,
  indicatorId: 'cdh-1.1-1',
  ficheCode: '1.1',
  label: 'Nombre de professionnels installés',
  aggregation: 'sum',
});
const command = { type: 'DefineIndicator' as const, ...define };
const { type: _, ...definedData } = command;
const defined: ContractEvent = { type: 'IndicatorDefined', data: definedData };

describe('Indicator catalogue (contract stream)', () => {
  describe('DefineIndicator', () => {
    it('defines an indicator of a fiche, its type unknown by default', () => {
      expect(define.kind).toBeNull();
      spec.given([drafted, axis, fiche]).when(command).thenEmits([defined]);
    });
    it('defines one after signature too: monitoring, not the signed plan', () =>
      spec.given([drafted, axis, fiche, signed]).when(command).thenEmits([defined]));
    it('dates an indicator recorded after the fact at its source’s date, not kept in its data', () => {
      spec
        .given([drafted, axis, fiche])
        .when({ ...command, effectiveOn: '2024-01-01', effectiveOnPrecision: 'year' })
        .thenEmits([{ ...defined, occurredAt: '2024-01-01T00:00:00.000Z' }]);
      spec
        .given([drafted, axis, fiche])
        .when({ ...command, effectiveOn: '2031-01-01' })
        .thenRefuses('invalid_value', /Date d’effet hors de la période/);
    });
    it('refuses an id defined already', () =>
      spec.given([drafted, axis, fiche, defined]).when(command).thenRefuses('already_exists'));
    it('refuses a fiche the plan does not hold', () =>
      spec
        .given([drafted, axis, fiche])
        .when({ ...command, ficheCode: '9.9' })
        .thenRefuses('invalid_value', /9\.9/));
    it('refuses to sum a rate', () =>
      spec
        .given([drafted, axis, fiche])
        .when({ ...command, unit: '%' })
        .thenRefuses('invalid_value', /taux ne s’additionne pas/));
    it('accepts the latest value of a rate', () =>
      spec
        .given([drafted, axis, fiche])
        .when({ ...command, unit: 'taux', aggregation: 'latest' })
        .thenEmits([
          { type: 'IndicatorDefined', data: { ...definedData, unit: 'taux', aggregation: 'latest' } },
        ]));
    it('refuses a target outside the contract’s years', () =>
      spec
        .given([drafted, axis, fiche])
        .when({ ...command, targets: [{ year: 2031, value: 10 }] })
        .thenRefuses('invalid_value', /2031/));
    it('refuses two targets for one year', () =>
      spec
        .given([drafted, axis, fiche])
        .when({
          ...command,
          targets: [
            { year: 2026, value: 10 },
            { year: 2026, value: 12 },
          ],
        })
        .thenRefuses('invalid_value', /2026/));
    it('refuses a ratio of an indicator the catalogue does not hold', () =>
      spec
        .given([drafted, axis, fiche, defined])
        .when({
          ...command,
          indicatorId: 'cdh-1.1-2',
          aggregation: { ratio: { numerator: 'cdh-1.1-1', denominator: 'absent' } },
        })
        .thenRefuses('invalid_value', /absent/));
  });

  describe('UpdateIndicator', () => {
    it('records only what changed', () =>
      spec
        .given([drafted, axis, fiche, defined, signed])
        .when({
          type: 'UpdateIndicator',
          contractId,
          indicatorId: 'cdh-1.1-1',
          label: 'Nombre de professionnels installés',
          targets: [{ year: 2027, value: 5 }],
        })
        .thenEmits([
          {
            type: 'IndicatorUpdated',
            data: { contractId, indicatorId: 'cdh-1.1-1', targets: [{ year: 2027, value: 5 }] },
          },
        ]));
    it('refuses a change that makes a summed count a rate', () =>
      spec
        .given([drafted, axis, fiche, defined])
        .when({ type: 'UpdateIndicator', contractId, indicatorId: 'cdh-1.1-1', unit: '%' })
        .thenRefuses('invalid_value', /taux/));
    it('refuses an unknown indicator', () =>
      spec
        .given([drafted, axis, fiche])
        .when({ type: 'UpdateIndicator', contractId, indicatorId: 'cdh-1.1-1', unit: 'personnes' })
        .thenRefuses('not_found'));
    it('refuses a change that changes nothing', () =>
      spec
        .given([drafted, axis, fiche, defined])
        .when({ type: 'UpdateIndicator', contractId, indicatorId: 'cdh-1.1-1', aggregation: 'sum' })
        .thenRefuses('invalid_value', /Rien/));
  });
});
