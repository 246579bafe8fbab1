import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMAND_SCHEMAS } from './command-schemas.js';

/**
 * What a French user reads when a command is refused by its schema: every
 * message in French, none naming an internal field (`startedOn`) or speaking
 * zod's English (« Invalid input: expected string »). This walks every command
 * schema with bad values in every field and reads every message it gives.
 */

/** Bad values of every kind: absent, of another type, far too long, nested wrong. */
const BAD_VALUES: unknown[] = [null, 12345, -1.5, 'x', 'x'.repeat(20_001), true, [], [null], {}, { x: null }];

const ENGLISH =
  /\b(invalid|expected|received|required|too (big|small)|must|string|number|boolean|undefined|array|object|option|characters?|items?)\b/i;

/** Every key a schema's objects declare, at any depth (the command's internal field names). */
function keysOf(schema: z.core.$ZodType, found = new Set<string>()): Set<string> {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  if (def.type === 'object')
    for (const [key, member] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) {
      found.add(key);
      keysOf(member, found);
    }
  for (const inner of ['innerType', 'element', 'in', 'out'] as const)
    if (def[inner]) keysOf(def[inner] as z.core.$ZodType, found);
  if (Array.isArray(def.options))
    for (const option of def.options as z.core.$ZodType[]) keysOf(option, found);
  return found;
}

function messagesOf(schema: z.ZodType): string[] {
  const keys = [...keysOf(schema)];
  const messages: string[] = [];
  const read = (input: unknown) => {
    const result = schema.safeParse(input);
    if (!result.success) messages.push(...result.error.issues.map((issue) => issue.message));
  };
  read({});
  read(null);
  for (const value of BAD_VALUES) read(Object.fromEntries(keys.map((key) => [key, value])));
  return [...new Set(messages)];
}

describe('every command schema answers in French', () => {
  it.each(Object.entries(COMMAND_SCHEMAS))('%s: no English, no internal field name', (_type, schema) => {
    const keys = [...keysOf(schema)].filter((key) => /[A-Z]/.test(key) || key.length > 12);
    const wrong = messagesOf(schema).filter(
      (message) => ENGLISH.test(message) || keys.some((key) => message.includes(key)),
    );
    expect(wrong).toEqual([]);
  });
});
