// The zod schemas of the API, without the tRPC server: what browser code may import.

export * from './audit/schemas.js';
export { GrantSchema, LoginSchema, RoleSchema, SessionSchema } from './auth/session.js';
export { ActionFilterSchema } from './board/schemas.js';
export { CommandIdSchema, CommandResultSchema } from './commands/command-result.js';
export * from './portal/schemas.js';
