import { auditRouter } from './audit/router.js';
import { authRouter } from './auth/router.js';
import { boardRouter } from './board/router.js';
import { actionRouter } from './commands/action-router.js';
import { batchRouter } from './commands/batch-router.js';
import { contractRouter } from './commands/contract-router.js';
import { conventionRouter, evaluationRouter, meetingRouter } from './commands/governance-router.js';
import { meansRouter } from './commands/means-router.js';
import { offerRouter } from './commands/offer-router.js';
import { organisationRouter } from './commands/organisation-router.js';
import { userRouter } from './commands/user-router.js';
import { portalRouter } from './portal/router.js';
import { reportsRouter } from './reports/router.js';
import { systemRouter } from './system/router.js';
import { router } from './trpc.js';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  board: boardRouter,
  contract: contractRouter,
  action: actionRouter,
  convention: conventionRouter,
  meeting: meetingRouter,
  evaluation: evaluationRouter,
  user: userRouter,
  batch: batchRouter,
  offer: offerRouter,
  organisation: organisationRouter,
  means: meansRouter,
  portal: portalRouter,
  reports: reportsRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
