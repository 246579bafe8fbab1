import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '../decider-specification.js';
import { SignContractSchema } from './commands.js';
import { contractDecider } from './decider.js';
import type { ContractEvent } from './events.js';

const spec = DeciderSpecification.for(contractDecider);
const contractId = 'cls-coeur-herault-2024';

const drafted: ContractEvent = {
  type: 'ContractDrafted',
  data: {
    contractId,
    name: "Contrat Local de Santé du Pays Cœur d'Hérault 2024-2029",
    territory: { name: "Pays Cœur d'Hérault", epci: ['CCVH', 'CCC', 'CCLL'], communes: ['Lodève'] },
    period: { start: 2024, end: 2029 },
    parties: [{ organisation: 'ARS Occitanie', inferred: true }, { organisation: 'CPAM de l’Hérault' }],
  },
};
const axis: ContractEvent = {
  type: 'AxisDefined',
  data: { contractId, code: '1', title: 'Soins primaires', objectives: [] },
};
const signed: ContractEvent = {
  type: 'ContractSigned',
  data: { contractId, signedOn: '2024-03-15', signatories: [{ organisation: 'CPAM de l’Hérault' }] },
  occurredAt: '2024-03-15T00:00:00.000Z',
};
const closed: ContractEvent = {
  type: 'ContractClosed',
  data: { contractId, closedOn: '2029-12-31' },
  occurredAt: '2029-12-31T00:00:00.000Z',
};

describe('Contract decider', () => {
  describe('DraftContract', () => {
    const command = { type: 'DraftContract' as const, ...drafted.data };
    it('drafts a new contract', () => spec.given([]).when(command).thenEmits([drafted]));
    it('refuses to draft it twice', () => spec.given([drafted]).when(command).thenRefuses('already_exists'));
  });

  describe('DefineAxis', () => {
    const command = {
      type: 'DefineAxis' as const,
      contractId,
      code: '1',
      title: 'Soins primaires',
      objectives: [],
    };
    it('adds an axis', () => spec.given([drafted]).when(command).thenEmits([axis]));
    it('refuses an unknown contract', () => spec.given([]).when(command).thenRefuses('not_found'));
    it('refuses a code used already', () =>
      spec.given([drafted, axis]).when(command).thenRefuses('already_exists'));
    it('refuses any change once closed', () =>
      spec
        .given([drafted, signed, closed])
        .when({ ...command, code: '5' })
        .thenRefuses('invalid_status', /clos/));
  });

  describe('DefineFicheAction', () => {
    const command = {
      type: 'DefineFicheAction' as const,
      contractId,
      axisCode: '1',
      code: '1.1',
      title: "Favoriser l'installation des professionnels",
      objectives: [],
      pilots: ['Coordination CLS'],
      partners: [],
      publics: [],
    };
    it('adds a fiche-action to an axis', () => {
      const { type: _, ...data } = command;
      spec
        .given([drafted, axis])
        .when(command)
        .thenEmits([{ type: 'FicheActionDefined', data }]);
    });
    it('refuses a fiche on an axis that does not exist', () =>
      spec.given([drafted]).when(command).thenRefuses('invalid_value', /axe 1/));
    it('refuses a fiche code used already', () => {
      const { type: _, ...data } = command;
      spec
        .given([drafted, axis, { type: 'FicheActionDefined', data }])
        .when(command)
        .thenRefuses('already_exists');
    });
  });

  describe('SignContract', () => {
    const command = {
      type: 'SignContract' as const,
      contractId,
      signedOn: '2024-03-15',
      signatories: [{ organisation: 'CPAM de l’Hérault' }],
    };
    it('signs, at the signature date in business time', () =>
      spec.given([drafted]).when(command).thenEmits([signed]));
    it('accepts a signature in the year before the period', () => {
      const { type: _, ...data } = { ...command, signedOn: '2023-12-20' };
      spec
        .given([drafted])
        .when({ ...command, signedOn: '2023-12-20' })
        .thenEmits([{ type: 'ContractSigned', data, occurredAt: '2023-12-20T00:00:00.000Z' }]);
    });
    it('refuses a signature outside the period', () =>
      spec
        .given([drafted])
        .when({ ...command, signedOn: '2031-01-10' })
        .thenRefuses('invalid_value', /hors de la période/));
    it('refuses to sign twice', () =>
      spec.given([drafted, signed]).when(command).thenRefuses('already_done'));
    it('refuses a signatory listed twice', () =>
      spec
        .given([drafted])
        .when({ ...command, signatories: [{ organisation: 'ARS' }, { organisation: 'ARS' }] })
        .thenRefuses('invalid_value', /deux fois/));
  });

  describe('AmendContract', () => {
    const command = {
      type: 'AmendContract' as const,
      contractId,
      amendedOn: '2026-06-30',
      summary: 'Avenant n°1',
    };
    it('records an amendment of a signed contract', () =>
      spec
        .given([drafted, signed])
        .when(command)
        .thenEmits([
          {
            type: 'ContractAmended',
            data: { contractId, amendedOn: '2026-06-30', summary: 'Avenant n°1' },
            occurredAt: '2026-06-30T00:00:00.000Z',
          },
        ]));
    it('refuses an amendment before signature', () =>
      spec.given([drafted]).when(command).thenRefuses('invalid_status'));
    it('refuses an amendment outside the period', () =>
      spec
        .given([drafted, signed])
        .when({ ...command, amendedOn: '2030-02-01' })
        .thenRefuses('invalid_value'));
    it('refuses an amendment dated before the signature', () =>
      spec
        .given([drafted, signed])
        .when({ ...command, amendedOn: '2024-01-02' })
        .thenRefuses('invalid_value', /précéder/));
  });

  describe('CloseContract', () => {
    const command = { type: 'CloseContract' as const, contractId, closedOn: '2029-12-31' };
    it('closes a signed contract', () => spec.given([drafted, signed]).when(command).thenEmits([closed]));
    it('refuses to close a draft', () => spec.given([drafted]).when(command).thenRefuses('invalid_status'));
    it('refuses to close twice', () =>
      spec.given([drafted, signed, closed]).when(command).thenRefuses('invalid_status'));
    it('refuses a closing date before the signature', () =>
      spec
        .given([drafted, signed])
        .when({ ...command, closedOn: '2024-01-01' })
        .thenRefuses('invalid_value'));
  });
});

describe('Contract decider: governance and recorded facts', () => {
  it('defines a governance body once', () => {
    const command = {
      type: 'DefineGovernanceBody' as const,
      contractId,
      body: 'COPIL',
      role: 'Pilotage stratégique',
      members: ['ARS', 'Pays'],
      meetingsPerYear: 2,
    };
    const { type: _, ...data } = command;
    const defined: ContractEvent = { type: 'GovernanceBodyDefined', data };
    spec.given([drafted]).when(command).thenEmits([defined]);
    spec.given([drafted, defined]).when(command).thenRefuses('already_exists');
    // The same body written otherwise would split its meetings in two: refused, naming how it is written.
    spec
      .given([drafted, defined])
      .when({ ...command, body: ' copil ' })
      .thenRefuses('already_exists', /L'instance « COPIL » existe déjà/);
    // A body recorded after the fact (the seeds) takes effect at its source's date, kept out of its data.
    spec
      .given([drafted])
      .when({ ...command, effectiveOn: '2024-01-01', effectiveOnPrecision: 'year' })
      .thenEmits([{ ...defined, occurredAt: '2024-01-01T00:00:00.000Z' }]);
  });

  it('updates a defined body, whose frequency may become unknown, and no other', () => {
    const defined: ContractEvent = {
      type: 'GovernanceBodyDefined',
      data: { contractId, body: 'COPIL', role: '', members: [], meetingsPerYear: 2 },
    };
    const command = {
      type: 'UpdateGovernanceBody' as const,
      contractId,
      body: 'COPIL',
      role: 'Pilotage stratégique',
      members: ['ARS Occitanie', 'CPAM de l’Hérault'],
    };
    const { type: _, ...data } = command;
    spec
      .given([drafted, defined])
      .when(command)
      .thenEmits([{ type: 'GovernanceBodyUpdated', data }]);
    spec
      .given([drafted, defined])
      .when({ ...command, body: 'Comité technique' })
      .thenRefuses('not_found', /« Comité technique » n'existe pas/);
  });

  it('records a dated fact at the start of what its date covers, keeping the precision', () => {
    const command = {
      type: 'RecordFact' as const,
      contractId,
      factId: 'cdh2019-03',
      kind: 'msp_project_validated',
      subject: 'MSP Aniane',
      date: '2018-10',
      precision: 'month' as const,
      figures: {},
      attributes: {},
      dateInferred: false,
      planned: false,
    };
    const { type: _, ...data } = command;
    spec
      .given([drafted])
      .when(command)
      .thenEmits([{ type: 'FactRecorded', data, occurredAt: '2018-10-01T00:00:00.000Z' }]);
    spec
      .given([drafted])
      .when({ ...command, date: '2019/2023', precision: 'period' })
      .thenEmits([
        {
          type: 'FactRecorded',
          data: { ...data, date: '2019/2023', precision: 'period' },
          occurredAt: '2019-01-01T00:00:00.000Z',
        },
      ]);
    spec
      .given([drafted, { type: 'FactRecorded', data }])
      .when(command)
      .thenRefuses('already_exists');
  });
});

describe('Contract decider: a plan recorded after the fact (effectiveOn)', () => {
  const adopted = { effectiveOn: '2024-01-01', effectiveOnPrecision: 'year' as const };
  it('dates the draft at the date it took effect, with its precision kept in the data', () =>
    spec
      .given([])
      .when({ type: 'DraftContract', ...drafted.data, ...adopted })
      .thenEmits([
        { ...drafted, data: { ...drafted.data, ...adopted }, occurredAt: '2024-01-01T00:00:00.000Z' },
      ]));
  it('dates an axis and a fiche-action at the date they took effect', () => {
    const fiche = {
      contractId,
      axisCode: '1',
      code: '1.1',
      title: "Favoriser l'installation des professionnels",
      objectives: [],
      pilots: [],
      partners: [],
      publics: [],
      ...adopted,
    };
    spec
      .given([drafted])
      .when({ type: 'DefineAxis', ...axis.data, ...adopted })
      .thenEmits([{ ...axis, data: { ...axis.data, ...adopted }, occurredAt: '2024-01-01T00:00:00.000Z' }]);
    spec
      .given([drafted, axis])
      .when({ type: 'DefineFicheAction', ...fiche })
      .thenEmits([{ type: 'FicheActionDefined', data: fiche, occurredAt: '2024-01-01T00:00:00.000Z' }]);
  });
  it('takes effect when recorded when no date is given', () =>
    spec
      .given([drafted])
      .when({ type: 'DefineAxis', ...axis.data })
      .thenEmits([axis]));
  it('refuses a date outside the contract’s years (the year before included)', () => {
    spec
      .given([drafted])
      .when({ type: 'DefineAxis', ...axis.data, effectiveOn: '2022-12-31' })
      .thenRefuses('invalid_value', /hors de la période/);
    spec
      .given([])
      .when({ type: 'DraftContract', ...drafted.data, effectiveOn: '2030-01-01' })
      .thenRefuses('invalid_value', /hors de la période/);
    spec
      .given([drafted])
      .when({ type: 'DefineAxis', ...axis.data, effectiveOn: '2023-06-01' })
      .thenEmits([
        {
          ...axis,
          data: { ...axis.data, effectiveOn: '2023-06-01' },
          occurredAt: '2023-06-01T00:00:00.000Z',
        },
      ]);
  });
});

describe('Contract decider: a contract the sources show in force without naming its signatories', () => {
  const command = {
    type: 'SignContract' as const,
    contractId,
    signedOn: '2024-01-01',
    signedOnPrecision: 'year' as const,
    signatories: [],
    signatoriesUnknown: true as const,
  };
  it('is signed, at the start of the year the source gives, its signatories unknown', () => {
    const { type: _, ...data } = command;
    spec
      .given([drafted])
      .when(command)
      .thenEmits([{ type: 'ContractSigned', data, occurredAt: '2024-01-01T00:00:00.000Z' }]);
  });
  it('still needs a signatory when the signatories are not said to be unknown', () => {
    const { signatoriesUnknown: _, ...named } = command;
    const result = SignContractSchema.safeParse(named);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['signatories', 'au moins un signataire'],
    ]);
    expect(SignContractSchema.safeParse(command).success).toBe(true);
  });
});
