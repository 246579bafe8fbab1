import { authedProcedure, publicProcedure, router } from '../trpc.js';
import { LoginSchema, SessionSchema } from './session.js';

export const authRouter = router({
  /** Opens a new session; 401 for wrong credentials, 429 after too many attempts. */
  login: publicProcedure
    .input(LoginSchema)
    .output(SessionSchema)
    .mutation(({ ctx, input }) => ctx.auth.login(input.email, input.password)),
  logout: publicProcedure.mutation(({ ctx }) => ctx.auth.logout()),
  /** Ways to sign in besides a password, for the login page. */
  providers: publicProcedure.query(({ ctx }) => ctx.auth.providers()),
  /** The signed-in user, or null. */
  me: publicProcedure.output(SessionSchema.nullable()).query(({ ctx }) => ctx.session),
  /** 401 when nobody is signed in (for clients that need a session). */
  session: authedProcedure.output(SessionSchema).query(({ ctx }) => ctx.session),
});
