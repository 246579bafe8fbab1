import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMAND_SCHEMAS } from './command-schemas.js';

/**
 * Every command ends up as an event kept forever: whatever a client sends must
 * have a size limit. This walks each command's schema and lists every string,
 * array and free-form record that accepts input of unbounded size.
 */

/** A pattern anchored at both ends whose quantifiers are all bounded (`{5}`, `{2,3}`, `?`). */
const isBoundedPattern = (pattern: RegExp) =>
  pattern.source.startsWith('^') && pattern.source.endsWith('$') && !/[+*]|\{\d+,\}/.test(pattern.source);

/** The checks a schema carries (`.max()`, formats, patterns), as zod records them. */
const checksOf = (schema: z.core.$ZodType) =>
  (schema._zod.def.checks ?? []).map(
    (check) => check._zod.def as { check: string; maximum?: number; format?: string; pattern?: RegExp },
  );
const maximumOf = (schema: z.core.$ZodType) =>
  checksOf(schema).find((check) => check.check === 'max_length')?.maximum;

function unbounded(schema: z.core.$ZodType, path: string, found: string[]): void {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case 'string': {
      const format = (def as { format?: string }).format;
      const bounded =
        maximumOf(schema) !== undefined ||
        format === 'date' ||
        format === 'uuid' ||
        checksOf(schema).some(({ pattern }) => pattern !== undefined && isBoundedPattern(pattern));
      if (!bounded) found.push(`${path} (texte sans longueur maximale)`);
      return;
    }
    case 'array':
      if (maximumOf(schema) === undefined) found.push(`${path} (liste sans nombre maximal)`);
      unbounded(def.element as z.core.$ZodType, `${path}[]`, found);
      return;
    case 'record':
      if (typeof z.globalRegistry.get(schema as z.ZodType)?.maxBytes !== 'number')
        found.push(`${path} (objet libre sans taille maximale)`);
      return;
    case 'object':
      for (const [key, member] of Object.entries(def.shape as Record<string, z.core.$ZodType>))
        unbounded(member, path ? `${path}.${key}` : key, found);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      unbounded(def.innerType as z.core.$ZodType, path, found);
      return;
    case 'pipe':
      // The input side is what a client sends; the output side checks what it became.
      unbounded(def.in as z.core.$ZodType, path, found);
      return;
    case 'union':
      for (const option of def.options as z.core.$ZodType[]) unbounded(option, path, found);
      return;
    case 'number':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'transform':
      return;
    default:
      found.push(`${path} (type ${def.type} non vérifié)`);
  }
}

describe('every command schema bounds what it accepts', () => {
  it.each(Object.entries(COMMAND_SCHEMAS))(
    '%s: every text, list and free object has a maximum',
    (_type, schema) => {
      const found: string[] = [];
      unbounded(schema, '', found);
      expect(found).toEqual([]);
    },
  );

  it('refuses the 10 MB axis of the security review (1,000 objectives of 10,000 characters)', () => {
    const result = COMMAND_SCHEMAS.DefineAxis.safeParse({
      contractId: 'cls-x',
      code: '1',
      title: 'Axe',
      objectives: Array.from({ length: 1000 }, () => 'x'.repeat(10_000)),
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['objectives']);
  });

  it('refuses a free-form record larger than its stated size', () => {
    const result = COMMAND_SCHEMAS.RecordFact.safeParse({
      contractId: 'cls-x',
      factId: 'f1',
      kind: 'msp',
      subject: 'Une MSP',
      date: '2019',
      precision: 'year',
      figures: { big: 'x'.repeat(100_000) },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['figures']);
  });
});

describe('links people may follow are web links', () => {
  const attack = 'javascript:alert(document.cookie)';
  const cases = [
    [
      'ProduceDeliverable',
      { actionId: 'a', deliverableId: 'd', title: 'L', producedOn: '2025-01-01', link: attack },
      'link',
    ],
    [
      'HoldMeeting',
      { meetingId: 'm', heldOn: '2025-01-01', attendees: [{ name: 'A' }], minutesLink: attack },
      'minutesLink',
    ],
    ['UpdateOffer', { offerId: 'o', changes: { website: attack }, verifiedOn: '2025-01-01' }, 'changes'],
  ] as const;

  it.each(cases)('%s refuses a javascript: link', (type, command, field) => {
    const result = COMMAND_SCHEMAS[type].safeParse(command);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });

  it('keeps http and https links', () => {
    for (const link of ['https://www.ars.sante.fr/cls', 'http://exemple.fr/compte-rendu.pdf']) {
      const result = COMMAND_SCHEMAS.ProduceDeliverable.safeParse({
        actionId: 'a',
        deliverableId: 'd',
        title: 'L',
        producedOn: '2025-01-01',
        link,
      });
      expect(result.success).toBe(true);
    }
  });
});
