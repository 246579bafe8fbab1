import { z } from 'zod';
import { authedProcedure, router } from '../trpc.js';

export const batchRouter = router({
  /**
   * A correlation id for commands sent as one batch (a CSV import), issued by
   * the server: the client sends it back in `x-cls-correlation-id` with each
   * command, and the audit shows them as one causal chain named `label`.
   */
  begin: authedProcedure
    .input(
      z.object({
        label: z
          .string()
          .trim()
          .min(1, { error: 'nom du lot requis' })
          .max(100, { error: 'nom du lot trop long (100 caractères au plus)' })
          .regex(/^[\p{L}\p{N} :._'’()/-]+$/u, {
            error: 'nom du lot : lettres, chiffres, espaces et ponctuation simple',
          }),
      }),
    )
    .output(z.object({ correlationId: z.string() }))
    .mutation(async ({ ctx, input }) => ({
      correlationId: await ctx.commands.beginBatch(input.label, ctx.session),
    })),
});
