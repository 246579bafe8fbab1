import { describe, expect, it } from 'vitest';
import { initialText, isConcurrentChange, routeErrors, valuesOf } from './form-values.js';

describe('valuesOf', () => {
  it('nests dotted names, parses numbers and lists, leaves empty inputs out', () => {
    const fields = [
      { name: 'name' },
      { name: 'address.line' },
      { name: 'address.communeName' },
      { name: 'position.lon', type: 'number' },
      { name: 'parties', type: 'list' },
      { name: 'phone' },
    ];
    expect(
      valuesOf(fields, {
        name: ' Cabinet ',
        'address.line': '',
        'address.communeName': 'Lodève',
        'position.lon': '3,3167',
        parties: 'A\n\n B ',
        phone: '  ',
      }),
    ).toEqual({
      name: 'Cabinet',
      address: { communeName: 'Lodève' },
      position: { lon: 3.3167 },
      parties: ['A', 'B'],
    });
  });

  it('reads numbers and dates as a French user types them', () => {
    const fields = [
      { name: 'percentComplete', type: 'number' },
      { name: 'value', type: 'number' },
      { name: 'reportedOn', type: 'date' },
      { name: 'other', type: 'date' },
    ];
    expect(
      valuesOf(fields, {
        percentComplete: '30 %',
        value: '1 234,5',
        reportedOn: '15/03/2025',
        other: '2025-03-15',
      }),
    ).toEqual({
      percentComplete: 30,
      value: 1234.5,
      reportedOn: '2025-03-15',
      other: '2025-03-15',
    });
  });

  it('sends a number it cannot read as typed, for the schema to refuse', () => {
    expect(valuesOf([{ name: 'percentComplete', type: 'number' }], { percentComplete: 'trente' })).toEqual({
      percentComplete: 'trente',
    });
  });

  it('shows a date field’s initial value as JJ/MM/AAAA', () => {
    expect(initialText({ name: 'reportedOn', type: 'date', initial: '2025-03-15' })).toBe('15/03/2025');
    expect(initialText({ name: 'title', initial: 'Titre' })).toBe('Titre');
  });

  it('reads a ticked box as yes and an unticked one as no', () => {
    const fields = [{ name: 'emergency', type: 'checkbox' }];
    expect(valuesOf(fields, { emergency: 'true' })).toEqual({ emergency: true });
    expect(valuesOf(fields, {})).toEqual({ emergency: false });
  });
});

describe('routeErrors', () => {
  const fields = ['changes.address.communeName', 'changes.phone', 'attendees'];

  it('sends a message to its input, or to the deepest one holding its path', () => {
    expect(
      routeErrors(fields, [
        ['changes.phone', ['téléphone : 10 chiffres']],
        ['attendees.0.name', ['nom requis']],
        ['attendees.2.name', ['nom requis']],
      ]).byField,
    ).toEqual({ 'changes.phone': ['téléphone : 10 chiffres'], attendees: ['nom requis', 'nom requis'] });
  });

  it('keeps apart what no input shows', () => {
    const routed = routeErrors(fields, [
      ['', ['Aucune modification à enregistrer.']],
      ['changes.address.communeInsee', ['code INSEE']],
      ['changes.addressX', ['?']],
    ]);
    expect(routed.byField).toEqual({});
    expect(routed.other).toEqual(['Aucune modification à enregistrer.', 'code INSEE', '?']);
  });
});

describe('isConcurrentChange', () => {
  it('tells a concurrent change (409 with a revision) from a refusal of the domain', () => {
    expect(isConcurrentChange({ data: { httpStatus: 409, currentRevision: 7 } })).toBe(true);
    expect(isConcurrentChange({ data: { httpStatus: 409, currentRevision: null } })).toBe(true);
    expect(isConcurrentChange({ data: { httpStatus: 409, domainCode: 'already_done' } })).toBe(false);
    expect(isConcurrentChange({ data: { httpStatus: 400 } })).toBe(false);
    expect(isConcurrentChange(new Error('réseau'))).toBe(false);
  });
});
