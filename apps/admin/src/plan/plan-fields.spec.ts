import { describe, expect, it } from 'vitest';
import { onlyChanged } from './plan-fields.js';

describe('onlyChanged', () => {
  const fields = [
    { name: 'title', initial: 'Accès aux soins' },
    { name: 'objectives', type: 'list' as const, initial: 'A\nB' },
    { name: 'context', type: 'textarea' as const, initial: 'Un contexte' },
    { name: 'calendar', type: 'textarea' as const, initial: '' },
  ].map((field) => ({ label: field.name, ...field }));

  it('keeps the ids and only the values that differ from the form’s start', () => {
    expect(
      onlyChanged(fields)({
        contractId: 'x',
        code: '1',
        title: 'Accès aux soins',
        objectives: ['A', 'C'],
        context: 'Un contexte',
      }),
    ).toEqual({ contractId: 'x', code: '1', objectives: ['A', 'C'] });
  });

  it('sends a text or a list emptied as empty, leaves untouched empty ones out', () => {
    expect(onlyChanged(fields)({ contractId: 'x', code: '1', title: 'Accès aux soins' })).toEqual({
      contractId: 'x',
      code: '1',
      objectives: [],
      context: '',
    });
  });
});
