export * from './audit/schemas.js';
export {
  isUnbatchable,
  MAX_BATCH_SIZE,
  OIDC_REFUSALS,
  type OidcRefusal,
  oidcRefusalMessage,
} from './auth/refusals.js';
export {
  type Grant,
  GrantSchema,
  LoginSchema,
  type Role,
  RoleSchema,
  type Session,
  SessionSchema,
  SetPasswordSchema,
} from './auth/session.js';
export { ActionFilterSchema } from './board/schemas.js';
export {
  CommandIdSchema,
  type CommandKeys,
  type CommandResult,
  CommandResultSchema,
  ExpectedRevisionSchema,
} from './commands/command-result.js';
export { actorNames, ERASED_PERSON, PLATFORM_ACTOR_NAMES } from './people/actor-names.js';
export * from './portal/schemas.js';
export * from './reports/schemas.js';
export { type AppRouter, appRouter } from './root.js';
export { DatabaseStatusSchema, type SystemInfo, SystemInfoSchema } from './system/schemas.js';
export {
  type ApiContext,
  type AuditAnswer,
  createCallerFactory,
  INTERNAL_ERROR_MESSAGE,
  type PublicationCheck,
} from './trpc.js';
export { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './unavailable.js';
