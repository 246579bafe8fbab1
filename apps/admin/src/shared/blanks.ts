/**
 * A form's transform sending these inputs empty (`''`) when left empty, rather than absent:
 * the schema then answers with its own French message (« intitulé requis », « motif requis »)
 * instead of the generic one of a missing value.
 */
export const blanks =
  (...names: string[]) =>
  (input: Record<string, unknown>): Record<string, unknown> => ({
    ...Object.fromEntries(names.map((name) => [name, ''])),
    ...input,
  });
