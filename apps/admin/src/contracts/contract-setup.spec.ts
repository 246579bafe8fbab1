import { describe, expect, it } from 'vitest';
import { valuesOf } from '../shared/form-values.js';
import { contractFields, contractTexts, type DraftedContract, draftCorrection } from './contract-fields.js';
import { commitmentLines } from './contract-setup-section.js';
import { newContractId } from './new-contract-page.js';
import { partiesFields } from './parties-editor.js';
import { readTerritory, territoryFields } from './territory-editor.js';

describe('the new contract form’s values', () => {
  it('reads commitments as a French user types them, leaving out parties that commit nothing', () => {
    expect(
      partiesFields([
        {
          organisation: 'CC Lodévois et Larzac',
          signer: ' la présidente ',
          money: { 2025: '20 000', 2026: '', 2027: '12 500,50 €' },
          staff: 'Coordinatrice du CLS : 0,5\nChargé de mission : 1 ETP',
          other: '',
        },
        { organisation: 'ARS Occitanie', signer: '', money: {}, staff: '', other: '' },
      ]),
    ).toEqual({
      parties: [
        { organisation: 'CC Lodévois et Larzac', signer: 'la présidente' },
        { organisation: 'ARS Occitanie' },
      ],
      commitments: [
        {
          organisation: 'CC Lodévois et Larzac',
          money: [
            { year: 2025, amount: 20000 },
            { year: 2027, amount: 12500.5 },
          ],
          staff: [
            { role: 'Coordinatrice du CLS', fte: 0.5 },
            { role: 'Chargé de mission', fte: 1 },
          ],
        },
      ],
    });
  });
  it('sends what cannot be read as typed, for the schema to say why', () => {
    const { commitments } = partiesFields([
      { organisation: 'ARS', signer: '', money: { 2025: 'beaucoup' }, staff: 'Médecin', other: '' },
    ]);
    expect(commitments).toEqual([
      {
        organisation: 'ARS',
        money: [{ year: 2025, amount: 'beaucoup' }],
        staff: [{ role: 'Médecin', fte: '' }],
      },
    ]);
  });
  it('spreads the territory into codes and names, EPCI included', () => {
    expect(
      territoryFields({
        communes: [{ insee: '34142', name: 'Lodève' }],
        epcis: [{ siren: '200017341', name: 'CC Lodévois et Larzac' }],
      }),
    ).toEqual({
      communeCodes: ['34142'],
      communes: ['Lodève'],
      epciCodes: ['200017341'],
      epci: ['CC Lodévois et Larzac'],
    });
  });
  it('names a new contract after its territory and first year', () => {
    expect(newContractId('Lodévois et Larzac', 2025)).toBe('cls-lodevois-et-larzac-2025');
    expect(newContractId('', undefined)).toBe('cls-contrat');
  });
});

describe('« Modifier le contrat »', () => {
  const drafted: DraftedContract = {
    name: 'CLS du Lodévois et Larzak',
    periodStart: 2025,
    periodEnd: 2029,
    porteur: 'CC Lodévois et Larzac',
    territory: {
      name: 'Lodévois et Larzac',
      epci: ['CC Lodévois et Larzac'],
      communes: ['Lodève', 'Le Caylar'],
      communeCodes: ['34142', '34062'],
      epciCodes: ['200017341'],
    },
    parties: [{ organisation: 'ARS Occitanie', signer: 'la directrice', signerId: 'person-1' }],
    commitments: [
      {
        organisation: 'ARS Occitanie',
        money: [{ year: 2025, amount: 12000 }],
        staff: [{ role: 'Coordinatrice', fte: 0.5 }],
      },
    ],
    previousContract: null,
  };
  const fields = contractFields([], contractTexts(drafted));
  const initialText = (name: string) => fields.find((field) => field.name === name)?.initial ?? '';
  const input = (texts: Record<string, string>) =>
    ({
      contractId: 'cls-lodevois-larzac-2025',
      ...valuesOf(fields, {
        ...Object.fromEntries(fields.map((field) => [field.name, field.initial ?? ''])),
        ...texts,
      }),
    }) as Record<string, unknown>;

  it('starts from the draft: its commitments as a French user reads them', () => {
    expect(initialText('name')).toBe('CLS du Lodévois et Larzak');
    expect(JSON.parse(initialText('parties'))).toEqual([
      {
        organisation: 'ARS Occitanie',
        signer: 'la directrice',
        signerId: 'person-1',
        money: { 2025: '12\u00a0000' },
        staff: 'Coordinatrice : 0,5',
        other: '',
      },
    ]);
  });
  it('sends nothing but the contract when nothing changed (the domain answers « Rien à modifier »)', () => {
    expect(draftCorrection(fields, input({}))).toEqual({ contractId: 'cls-lodevois-larzac-2025' });
  });
  it('sends the name corrected and the parties with the one added, the signer’s subject kept', () => {
    const parties = [
      ...JSON.parse(initialText('parties')),
      { organisation: 'CPAM', signer: '', money: {}, staff: '', other: '' },
    ];
    expect(
      draftCorrection(fields, input({ name: 'CLS du Lodévois et Larzac', parties: JSON.stringify(parties) })),
    ).toEqual({
      contractId: 'cls-lodevois-larzac-2025',
      name: 'CLS du Lodévois et Larzac',
      parties: [
        { organisation: 'ARS Occitanie', signer: 'la directrice', signerId: 'person-1' },
        { organisation: 'CPAM' },
      ],
    });
  });
  it('removes a porteur emptied', () => {
    expect(draftCorrection(fields, input({ porteur: '' }))).toEqual({
      contractId: 'cls-lodevois-larzac-2025',
      porteur: null,
    });
  });
  it('keeps communes a seed named without their code', () => {
    const seed = contractTexts({
      ...drafted,
      territory: {
        name: 'Pays Cœur d’Hérault',
        epci: ['CCVH'],
        communes: ['Lodève', 'Gignac'],
        communeCount: 77,
      },
    });
    const value = readTerritory(seed['territory.communeCodes'] ?? '');
    expect(value).toEqual({
      communes: [],
      epcis: [],
      named: ['Lodève', 'Gignac'],
      namedEpci: ['CCVH'],
      communeCount: 77,
    });
    expect(territoryFields({ ...value, communes: [{ insee: '34125', name: 'Clermont-l’Hérault' }] })).toEqual(
      {
        communeCodes: ['34125'],
        communes: ['Lodève', 'Gignac', 'Clermont-l’Hérault'],
        epciCodes: [],
        epci: ['CCVH'],
        communeCount: 77,
      },
    );
  });
  it('writes commitments in words', () => {
    expect(commitmentLines(drafted.commitments[0])).toEqual([
      '12\u00a0000\u00a0€ en 2025',
      'Coordinatrice : 0,5\u00a0ETP',
    ]);
  });
});
