import { ACTION_STATUSES } from '@cls/domain';
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
