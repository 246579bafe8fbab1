import { TRPCError } from '@trpc/server';

/** Whether a JSON value holds a NUL character, in a string or a key: PostgreSQL refuses it in text. */
export function holdsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true;
    } else if (Array.isArray(next)) {
      for (const item of next) pending.push(item);
    } else if (next !== null && typeof next === 'object') {
      for (const [key, child] of Object.entries(next)) {
        if (key.includes('\u0000')) return true;
        pending.push(child);
      }
    }
  }
  return false;
}

/**
 * A middleware for the reads that look text up in PostgreSQL: an input holding a
 * NUL character is a 400, not the database's error (a 500).
 */
export async function refuseNul<Result>(options: {
  getRawInput: () => Promise<unknown>;
  next: () => Promise<Result>;
}): Promise<Result> {
  if (holdsNul(await options.getRawInput())) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Caractère nul (U+0000) refusé' });
  }
  return options.next();
}
