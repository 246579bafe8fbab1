/** How a command form's inputs become a command, and how messages find their inputs. */
import { frenchDateInput, parseFrenchDate, parseFrenchNumber, parsePercent } from '@cls/french';

export interface FieldShape {
  /** The value's path in the command: `name`, or `address.line` for a nested value. */
  name: string;
  type?: string;
  /** Turns the input's text into the command's value (default: by `type`). */
  parse?: (text: string) => unknown;
}

export type FieldErrors = Record<string, string[] | undefined>;

/** Sets `value` at a dotted path of `target`, creating the objects on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = target;
  for (const key of keys) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
}

/**
 * Turns the text of the inputs into the command's values (numbers, lists, yes/no; empty means absent),
 * read as a French user types them: « 30 % », « 30,5 », dates « 15/03/2025 ». A number that
 * cannot be read is sent as typed, for the schema to refuse with its message.
 */
export function valuesOf(fields: FieldShape[], raw: Record<string, string>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const text = (raw[field.name] ?? '').trim();
    // A box left unticked says no: it is never "absent".
    if (field.type === 'checkbox') setPath(values, field.name, text === 'true');
    else if (text === '') continue;
    else if (field.parse) setPath(values, field.name, field.parse(text));
    else if (field.type === 'number')
      setPath(values, field.name, parseFrenchNumber(text) ?? parsePercent(text) ?? text);
    else if (field.type === 'date') setPath(values, field.name, parseFrenchDate(text) ?? text);
    else if (field.type === 'list')
      setPath(
        values,
        field.name,
        text
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      );
    else setPath(values, field.name, text);
  }
  return values;
}

/**
 * Sends each message to the input it concerns: the one named by its path, or
 * the deepest one holding it (`attendees` for `attendees.0.name`). Messages no
 * input shows (about the whole command, or a value the form fills itself) are
 * returned apart, for the form's own message.
 */
export function routeErrors(
  fieldNames: string[],
  messages: Array<[path: string, messages: string[]]>,
): { byField: FieldErrors; other: string[] } {
  const byField: Record<string, string[]> = {};
  const other: string[] = [];
  for (const [path, texts] of messages) {
    const holder = fieldNames
      .filter((name) => path === name || path.startsWith(`${name}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (holder) byField[holder] = [...(byField[holder] ?? []), ...texts];
    else other.push(...texts);
  }
  return { byField, other };
}

/** The text an input starts with: a date field shows its `AAAA-MM-JJ` initial value as JJ/MM/AAAA. */
export const initialText = (field: FieldShape & { initial?: string }): string =>
  field.type === 'date' ? frenchDateInput(field.initial ?? '') : (field.initial ?? '');

/**
 * Whether a refusal is someone else's change of the same thing meanwhile (the API's 409
 * with the revision to reload from), rather than a rule of the domain: the form then offers
 * to reload the page's data, keeping what was typed.
 */
export function isConcurrentChange(error: unknown): boolean {
  const data = (error as { data?: { httpStatus?: number; currentRevision?: number | null } } | null)?.data;
  return data?.httpStatus === 409 && data.currentRevision !== undefined;
}
