// The zod schemas of the API, without the tRPC server: what browser code may import.

export * from './audit/schemas.js';
export {
  isUnbatchable,
  MAX_BATCH_SIZE,
  OIDC_REFUSALS,
  type OidcRefusal,
  oidcRefusalMessage,
} from './auth/refusals.js';
export { GrantSchema, LoginSchema, RoleSchema, SessionSchema, SetPasswordSchema } from './auth/session.js';
export { ActionFilterSchema } from './board/schemas.js';
export { CommandIdSchema, CommandResultSchema } from './commands/command-result.js';
export * from './portal/schemas.js';
export * from './reports/schemas.js';
