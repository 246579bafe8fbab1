import { describe, expect, it } from 'vitest';
import { newContractId } from './new-contract-page.js';
import { partiesFields } from './parties-editor.js';
import { territoryFields } from './territory-editor.js';

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
