import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '../decider-specification.js';
import { DraftContractSchema } from './commands.js';
import { amendmentSigners, contractDecider } from './decider.js';
import type { ContractEvent } from './events.js';

/** Drafting a contract with its setup: porteur, territory picked from the open data, parties' commitments, previous contract. */
const spec = DeciderSpecification.for(contractDecider);
const contractId = 'cls-lodevois-larzac-2025';

const setup = {
  contractId,
  name: 'Contrat local de santé du Lodévois et Larzac',
  territory: {
    name: 'Lodévois et Larzac',
    epci: ['CC Lodévois et Larzac'],
    communes: ['Lodève', 'Le Caylar'],
    communeCodes: ['34142', '34062'],
    epciCodes: ['200017341'],
  },
  period: { start: 2025, end: 2029 },
  parties: [{ organisation: 'ARS Occitanie' }, { organisation: 'CC Lodévois et Larzac' }],
  porteur: 'CC Lodévois et Larzac',
  previousContractId: 'cls-lodevois-2019',
  commitments: [
    {
      organisation: 'CC Lodévois et Larzac',
      money: [{ year: 2025, amount: 20000 }],
      staff: [{ role: 'Coordinateur·rice du CLS', fte: 0.5 }],
      other: 'Mise à disposition d’une salle',
    },
  ],
};
const drafted: ContractEvent = { type: 'ContractDrafted', data: setup };

describe('DraftContract with its setup', () => {
  it('keeps the porteur, the communes’ codes, the commitments and the previous contract', () => {
    spec
      .given([])
      .when({ type: 'DraftContract', ...setup })
      .thenEmits([drafted]);
  });
  it('still drafts a contract without any of them (older events and seeds stay valid)', () => {
    const { porteur: _p, previousContractId: _c, commitments: _m, ...bare } = setup;
    spec
      .given([])
      .when({
        type: 'DraftContract',
        ...bare,
        territory: { name: 'Lodévois et Larzac', epci: [], communes: [] },
      })
      .thenEmits([
        {
          type: 'ContractDrafted',
          data: { ...bare, territory: { name: 'Lodévois et Larzac', epci: [], communes: [] } },
        },
      ]);
  });
  it('refuses a commitment of an organisation that is not a party', () => {
    spec
      .given([])
      .when({ type: 'DraftContract', ...setup, commitments: [{ organisation: 'CPAM de l’Hérault' }] })
      .thenRefuses('invalid_value', /sans être partie/);
  });
  it('refuses money committed outside the contract’s period, and two lines for one party', () => {
    spec
      .given([])
      .when({
        type: 'DraftContract',
        ...setup,
        commitments: [{ organisation: 'ARS Occitanie', money: [{ year: 2031, amount: 1 }] }],
      })
      .thenRefuses('invalid_value', /hors de la période/);
    spec
      .given([])
      .when({
        type: 'DraftContract',
        ...setup,
        commitments: [{ organisation: 'ARS Occitanie' }, { organisation: 'ARS Occitanie', other: 'x' }],
      })
      .thenRefuses('invalid_value', /deux lignes/);
  });
  it('refuses a contract following itself', () => {
    spec
      .given([])
      .when({ type: 'DraftContract', ...setup, previousContractId: contractId })
      .thenRefuses('invalid_value', /suite à lui-même/);
  });
  it('checks codes and amounts with French messages', () => {
    const bad = DraftContractSchema.safeParse({
      ...setup,
      territory: { ...setup.territory, communeCodes: ['3414'], epciCodes: ['2000'] },
      commitments: [
        {
          organisation: 'ARS Occitanie',
          money: [{ year: 2025, amount: -1 }],
          staff: [{ role: 'X', fte: 0 }],
        },
      ],
    });
    expect(bad.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['territory.communeCodes.0', 'code INSEE de commune : 5 caractères (ex. 34129)'],
      ['territory.epciCodes.0', 'SIREN : 9 chiffres (ex. 200017341)'],
      ['commitments.0.money.0.amount', 'montant positif attendu'],
      ['commitments.0.staff.0.fte', 'ETP positif attendu (ex. 0,5)'],
    ]);
  });
});

/** Correcting a draft before signature: only what changes is recorded, checked as a new draft is. */
describe('UpdateContractDraft', () => {
  const update = { type: 'UpdateContractDraft' as const, contractId };
  const signed: ContractEvent = {
    type: 'ContractSigned',
    data: { contractId, signedOn: '2025-03-01', signatories: setup.parties },
  };

  it('corrects the name and adds a party, recording only what changed', () => {
    const parties = [...setup.parties, { organisation: 'CPAM de l’Hérault' }];
    spec
      .given([drafted])
      .when({ ...update, name: 'CLS du Lodévois et Larzac 2025-2029', parties, porteur: setup.porteur })
      .thenEmits([
        {
          type: 'ContractDraftUpdated',
          data: { contractId, name: 'CLS du Lodévois et Larzac 2025-2029', parties },
        },
      ]);
  });
  it('removes the porteur or the previous contract when given null', () => {
    spec
      .given([drafted])
      .when({ ...update, porteur: null, previousContractId: null })
      .thenEmits([
        { type: 'ContractDraftUpdated', data: { contractId, porteur: null, previousContractId: null } },
      ]);
  });
  it('refuses a correction that changes nothing', () => {
    spec
      .given([drafted])
      .when({
        ...update,
        name: setup.name,
        territory: { ...setup.territory },
        period: { end: 2029, start: 2025 },
      })
      .thenRefuses('invalid_value', /^Rien à modifier$/);
    spec
      .given([drafted])
      .when(update)
      .thenRefuses('invalid_value', /^Rien à modifier$/);
  });
  it('checks the draft it makes as DraftContract does', () => {
    // A party removed while it still commits something.
    spec
      .given([drafted])
      .when({ ...update, parties: [{ organisation: 'ARS Occitanie' }] })
      .thenRefuses('invalid_value', /CC Lodévois et Larzac s’engage sans être partie/);
    // A period that leaves a commitment outside it.
    spec
      .given([drafted])
      .when({ ...update, period: { start: 2026, end: 2030 } })
      .thenRefuses('invalid_value', /hors de la période/);
    spec
      .given([drafted])
      .when({ ...update, previousContractId: contractId })
      .thenRefuses('invalid_value', /suite à lui-même/);
  });
  it('is folded: a later correction compares with the corrected draft', () => {
    const renamed: ContractEvent = {
      type: 'ContractDraftUpdated',
      data: { contractId, name: 'CLS du Lodévois et Larzac' },
    };
    spec
      .given([drafted, renamed])
      .when({ ...update, name: 'CLS du Lodévois et Larzac' })
      .thenRefuses('invalid_value', /Rien à modifier/);
    spec
      .given([drafted, renamed])
      .when({ ...update, name: setup.name })
      .thenEmits([{ type: 'ContractDraftUpdated', data: { contractId, name: setup.name } }]);
  });
  it('is refused once the contract is signed, and for an unknown contract', () => {
    spec
      .given([drafted, signed])
      .when({ ...update, name: 'Autre nom' })
      .thenRefuses('invalid_status', /signé/);
    spec
      .given([])
      .when({ ...update, name: 'Autre nom' })
      .thenRefuses('not_found');
  });
  it('dates the correction at the business date it gives', () => {
    spec
      .given([drafted])
      .when({ ...update, name: 'CLS du Lodévois', effectiveOn: '2025-01-15' })
      .thenEmits([
        {
          type: 'ContractDraftUpdated',
          data: { contractId, name: 'CLS du Lodévois', effectiveOn: '2025-01-15' },
          occurredAt: '2025-01-15T00:00:00.000Z',
        },
      ]);
  });
});

/** Who signs an avenant: the contract's signatories, never guessed. */
describe('amendmentSigners', () => {
  it('are the contract’s signatories', () => {
    expect(amendmentSigners({ signatories: [{ organisation: 'ARS' }, { organisation: 'CCLL' }] })).toEqual([
      'ARS',
      'CCLL',
    ]);
  });
  it('are unknown when the contract was signed without its signatories', () => {
    expect(amendmentSigners({ signatories: [], signatoriesUnknown: true })).toBeUndefined();
  });
});

describe('An avenant of a contract signed without its signatories', () => {
  const unknown: ContractEvent = {
    type: 'ContractSigned',
    data: {
      contractId,
      signedOn: '2025-01-01',
      signedOnPrecision: 'year',
      signatories: [],
      signatoriesUnknown: true,
    },
  };
  const changes = [{ type: 'UpdateAxis' as const, code: '1', title: 'Autre titre' }];
  const axis: ContractEvent = {
    type: 'AxisDefined',
    data: { contractId, code: '1', title: 'Axe 1', objectives: [] },
  };
  it('cannot be drafted: nobody the platform knows could sign it (its draft’s parties are not guessed as signatories)', () =>
    spec
      .given([drafted, axis, unknown])
      .when({ type: 'DraftAmendment', contractId, amendmentId: 'avenant-1', title: 'Avenant n°1', changes })
      .thenRefuses('invalid_status', /signataires du contrat ne sont pas connus/));
  it('nor signed by a party of its draft', () =>
    spec
      .given([
        drafted,
        axis,
        unknown,
        {
          type: 'AmendmentDrafted',
          data: { contractId, amendmentId: 'avenant-1', title: 'Avenant n°1', changes },
        },
      ])
      .when({
        type: 'SignAmendment',
        contractId,
        amendmentId: 'avenant-1',
        party: 'ARS Occitanie',
        signedOn: '2025-06-01',
      })
      .thenRefuses('invalid_status', /signataires du contrat ne sont pas connus/));
});
