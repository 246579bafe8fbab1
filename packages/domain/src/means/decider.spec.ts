import { describe, it } from 'vitest';
import { contractDecider } from '../contract/decider.js';
import type { ContractEvent } from '../contract/events.js';
import { DeciderSpecification } from '../decider-specification.js';
import {
  PlanFundingLineSchema,
  RecordCallForProjectsSchema,
  RecordFundingAmountsSchema,
  RecordStaffTimeSchema,
} from './commands.js';
import type { MeansContext } from './rules.js';

const spec = DeciderSpecification.for(contractDecider);
const contractId = 'cls-coeur-herault-2024';

const drafted: ContractEvent = {
  type: 'ContractDrafted',
  data: {
    contractId,
    name: "Contrat Local de Santé du Pays Cœur d'Hérault 2024-2029",
    territory: { name: "Pays Cœur d'Hérault", epci: [], communes: [] },
    period: { start: 2024, end: 2029 },
    parties: [{ organisation: 'ARS Occitanie' }],
  },
};
const signed: ContractEvent = {
  type: 'ContractSigned',
  data: { contractId, signedOn: '2024-03-15', signatories: [{ organisation: 'ARS Occitanie' }] },
};

/** The directory and the actions the command side would have folded for the decision. */
const context: { means: MeansContext } = {
  means: {
    organisations: { 'ars-occitanie': 'ARS Occitanie', sydel: "Pays Cœur d'Hérault (SYDEL)" },
    actions: {
      'cdh-1.1-a1': { contractId, code: '1.1-A1', withdrawn: false },
      'cdh-1.1-a2': { contractId, code: '1.1-A2', withdrawn: true },
      'carcassonne-1-a1': { contractId: 'cls-carcassonne', code: '1-A1', withdrawn: false },
    },
  },
};
const ars = { organisationId: 'ars-occitanie', name: 'ARS Occitanie' };

const plan = {
  type: 'PlanFundingLine' as const,
  ...PlanFundingLineSchema.parse({
    contractId,
    fundingLineId: 'clsm-ars',
    funderId: 'ars-occitanie',
    label: 'Financement CLSM (labellisation)',
    amounts: [{ year: 2025, planned: 20000 }],
  }),
};
const planned: ContractEvent = {
  type: 'FundingLinePlanned',
  data: {
    contractId,
    fundingLineId: 'clsm-ars',
    funder: ars,
    label: 'Financement CLSM (labellisation)',
    amounts: [{ year: 2025, planned: 20000 }],
  },
};
const record = (fields: Record<string, unknown>) => ({
  type: 'RecordFundingAmounts' as const,
  ...RecordFundingAmountsSchema.parse({ contractId, fundingLineId: 'clsm-ars', year: 2025, ...fields }),
});

describe('Means (contract stream)', () => {
  describe('PlanFundingLine', () => {
    it('plans a line of the coordination, its funder named as the directory writes it', () =>
      spec.given([drafted]).when(plan, context).thenEmits([planned]));
    it('plans one after signature too: the follow-up, not the signed plan', () =>
      spec.given([drafted, signed]).when(plan, context).thenEmits([planned]));
    it('plans a line of an action of the contract', () =>
      spec
        .given([drafted])
        .when({ ...plan, actionId: 'cdh-1.1-a1' }, context)
        .thenEmits([{ ...planned, data: { ...planned.data, actionId: 'cdh-1.1-a1' } }]));
    it('refuses a funder the directory does not hold', () =>
      spec
        .given([drafted])
        .when({ ...plan, funderId: 'inconnue' }, context)
        .thenRefuses('invalid_value', /répertoire/));
    it('refuses an action of another contract, or withdrawn', () => {
      spec
        .given([drafted])
        .when({ ...plan, actionId: 'carcassonne-1-a1' }, context)
        .thenRefuses('invalid_value', /pas une action de ce contrat/);
      spec
        .given([drafted])
        .when({ ...plan, actionId: 'cdh-1.1-a2' }, context)
        .thenRefuses('invalid_value', /retirée/);
    });
    it('refuses a year outside the contract’s period', () =>
      spec
        .given([drafted])
        .when({ ...plan, amounts: [{ year: 2031, planned: 100 }] }, context)
        .thenRefuses('invalid_value', /2031 hors de la période du contrat \(2024-2029\)/));
    it('refuses a year twice', () =>
      spec
        .given([drafted])
        .when(
          {
            ...plan,
            amounts: [
              { year: 2025, planned: 1 },
              { year: 2025, planned: 2 },
            ],
          },
          context,
        )
        .thenRefuses('invalid_value', /Deux fois l’année 2025/));
    it('refuses paid above committed', () =>
      spec
        .given([drafted])
        .when({ ...plan, amounts: [{ year: 2025, committed: 100, paid: 150.5 }] }, context)
        .thenRefuses('invalid_value', /payé \(150,50\u00a0€\) dépasse le montant engagé \(100\u00a0€\)/));
    it('takes effect on the date its source gives, within the contract’s years', () => {
      spec
        .given([drafted])
        .when({ ...plan, effectiveOn: '2024-01-01', effectiveOnPrecision: 'year' }, context)
        .thenEmits([{ ...planned, occurredAt: '2024-01-01T00:00:00.000Z' }]);
      spec
        .given([drafted])
        .when({ ...plan, effectiveOn: '2031-01-01' }, context)
        .thenRefuses('invalid_value', /Date d’effet 2031/);
    });
    it('refuses an id planned already', () =>
      spec.given([drafted, planned]).when(plan, context).thenRefuses('already_exists'));
  });

  describe('RecordFundingAmounts', () => {
    it('keeps the year’s other figures and records what changed', () =>
      spec
        .given([drafted, planned])
        .when(record({ committed: 20000, paid: 10000 }), context)
        .thenEmits([
          {
            type: 'FundingAmountsRecorded',
            data: {
              contractId,
              fundingLineId: 'clsm-ars',
              year: 2025,
              planned: 20000,
              committed: 20000,
              paid: 10000,
            },
          },
        ]));
    it('clears a figure recorded by mistake (null: « non renseigné »)', () =>
      spec
        .given([drafted, planned])
        .when(record({ planned: null }), context)
        .thenEmits([
          { type: 'FundingAmountsRecorded', data: { contractId, fundingLineId: 'clsm-ars', year: 2025 } },
        ]));
    it('refuses a year outside the period, a paid amount above the committed one, nothing new', () => {
      spec
        .given([drafted, planned])
        .when(record({ year: 2023, planned: 5 }), context)
        .thenRefuses('invalid_value', /2023 hors de la période/);
      spec
        .given([drafted, planned])
        .when(record({ committed: 5000, paid: 6000 }), context)
        .thenRefuses('invalid_value', /dépasse le montant engagé/);
      spec
        .given([drafted, planned])
        .when(record({ planned: 20000 }), context)
        .thenRefuses('invalid_value', /Rien à modifier/);
    });
    it('refuses a withdrawn line', () =>
      spec
        .given([
          drafted,
          planned,
          {
            type: 'FundingLineWithdrawn',
            data: { contractId, fundingLineId: 'clsm-ars', reason: 'Doublon' },
          },
        ])
        .when(record({ paid: 5 }), context)
        .thenRefuses('not_found'));
  });

  describe('UpdateFundingLine and WithdrawFundingLine', () => {
    it('records only what changed; null sets the line back to the coordination', () =>
      spec
        .given([
          drafted,
          { ...planned, data: { ...planned.data, actionId: 'cdh-1.1-a1' } } satisfies ContractEvent,
        ])
        .when(
          {
            type: 'UpdateFundingLine',
            contractId,
            fundingLineId: 'clsm-ars',
            label: 'Financement CLSM (labellisation)',
            actionId: null,
            funderId: 'sydel',
          },
          context,
        )
        .thenEmits([
          {
            type: 'FundingLineUpdated',
            data: {
              contractId,
              fundingLineId: 'clsm-ars',
              funder: { organisationId: 'sydel', name: "Pays Cœur d'Hérault (SYDEL)" },
              actionId: null,
            },
          },
        ]));
    it('withdraws a line once', () => {
      const withdraw = {
        type: 'WithdrawFundingLine' as const,
        contractId,
        fundingLineId: 'clsm-ars',
        reason: 'Doublon',
      };
      const withdrawn: ContractEvent = {
        type: 'FundingLineWithdrawn',
        data: { contractId, fundingLineId: 'clsm-ars', reason: 'Doublon' },
      };
      spec.given([drafted, planned]).when(withdraw, context).thenEmits([withdrawn]);
      spec.given([drafted, planned, withdrawn]).when(withdraw, context).thenRefuses('already_done');
    });
  });

  describe('calls for projects', () => {
    const call = {
      type: 'RecordCallForProjects' as const,
      ...RecordCallForProjectsSchema.parse({
        contractId,
        callForProjectsId: 'aap-ars-2025',
        funderId: 'ars-occitanie',
        title: 'Appel à projets prévention 2025',
        openedOn: '2025-02-01',
        closesOn: '31/03/2025',
        actionIds: ['cdh-1.1-a1'],
      }),
    };
    const recorded: ContractEvent = {
      type: 'CallForProjectsRecorded',
      data: {
        contractId,
        callForProjectsId: 'aap-ars-2025',
        funder: ars,
        title: 'Appel à projets prévention 2025',
        openedOn: '2025-02-01',
        closesOn: '2025-03-31',
        actionIds: ['cdh-1.1-a1'],
      },
    };
    it('records a call, the actions that answered it', () =>
      spec.given([drafted]).when(call, context).thenEmits([recorded]));
    it('refuses a call closing before it opens, or answered by another contract’s action', () => {
      spec
        .given([drafted])
        .when({ ...call, closesOn: '2025-01-01' }, context)
        .thenRefuses('invalid_value', /clôt avant d’ouvrir/);
      spec
        .given([drafted])
        .when({ ...call, actionIds: ['carcassonne-1-a1'] }, context)
        .thenRefuses('invalid_value', /pas une action de ce contrat/);
    });
    it('records its outcome', () =>
      spec
        .given([drafted, recorded])
        .when(
          { type: 'UpdateCallForProjects', contractId, callForProjectsId: 'aap-ars-2025', outcome: 'funded' },
          context,
        )
        .thenEmits([
          {
            type: 'CallForProjectsUpdated',
            data: { contractId, callForProjectsId: 'aap-ars-2025', outcome: 'funded' },
          },
        ]));
    it('links a funding line to a recorded call only', () =>
      spec
        .given([drafted])
        .when({ ...plan, callForProjectsId: 'aap-ars-2025' }, context)
        .thenRefuses('invalid_value', /aap-ars-2025/));
  });

  describe('RecordStaffTime', () => {
    const staff = {
      type: 'RecordStaffTime' as const,
      ...RecordStaffTimeSchema.parse({
        contractId,
        year: 2025,
        role: 'Chargée de mission CLS',
        organisationId: 'sydel',
        fte: 0.7,
      }),
    };
    const recorded: ContractEvent = {
      type: 'StaffTimeRecorded',
      data: {
        contractId,
        year: 2025,
        role: 'Chargée de mission CLS',
        organisation: { organisationId: 'sydel', name: "Pays Cœur d'Hérault (SYDEL)" },
        fte: 0.7,
      },
    };
    it('records an organisation’s FTE in a role, a year', () =>
      spec.given([drafted]).when(staff, context).thenEmits([recorded]));
    it('corrects it by recording it again, and refuses the same figure', () => {
      spec
        .given([drafted, recorded])
        .when({ ...staff, fte: 0.5 }, context)
        .thenEmits([{ ...recorded, data: { ...recorded.data, fte: 0.5 } }]);
      spec
        .given([drafted, recorded])
        .when(staff, context)
        .thenRefuses('invalid_value', /Rien à modifier/);
    });
    it('refuses a year outside the period, an organisation outside the directory', () => {
      spec
        .given([drafted])
        .when({ ...staff, year: 2030 }, context)
        .thenRefuses('invalid_value', /2030/);
      spec
        .given([drafted])
        .when({ ...staff, organisationId: 'inconnue' }, context)
        .thenRefuses('invalid_value', /répertoire/);
    });
  });
});
