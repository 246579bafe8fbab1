import { ACTION_STATUSES, ORGANISATION_KINDS } from '@cls/domain';
import { z } from 'zod';

/** Filters of the action board (all optional but the contract). */
export const ActionFilterSchema = z.object({
  contractId: z.string().min(1),
  axisCode: z.string().optional(),
  ficheCode: z.string().optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  pilot: z.string().optional(),
  year: z.number().int().optional(),
  search: z.string().trim().max(200).optional(),
});

/** A search of the organisations directory: words of the name (accents and case ignored), a kind. */
export const OrganisationFilterSchema = z.object({
  query: z.string().trim().max(200).optional(),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});
