import { HttpException } from '@nestjs/common';
import type { z } from 'zod';

/** Query parameters checked by a zod schema: 400 with one message naming each bad parameter. */
export function parameters<Schema extends z.ZodType>(schema: Schema, query: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues
    .map((issue) => `${issue.path.length > 0 ? `${issue.path[0] as string} : ` : ''}${issue.message}`)
    .join(' ; ');
  throw new HttpException({ statusCode: 400, error: 'Paramètres invalides', message }, 400);
}

/** The public REST's answers: a minute fresh, five more served while revalidated. */
export const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300';

/** A comma-separated parameter (`kind=msp,cmp`) as a list; anything else as it came, for zod to refuse. */
export const commaList = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : value;
