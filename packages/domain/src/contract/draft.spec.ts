import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '../decider-specification.js';
import { DraftContractSchema } from './commands.js';
import { contractDecider } from './decider.js';
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
