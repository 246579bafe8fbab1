import { publicProcedure, router } from '../trpc.js';
import { SystemInfoSchema } from './schemas.js';

export const systemRouter = router({
  /** What is running and whether its database answers: shown in both apps' footers. */
  info: publicProcedure.output(SystemInfoSchema).query(({ ctx }) => ctx.system.info()),
});
