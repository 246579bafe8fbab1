export { type AppRouter, appRouter } from './root.js';
export { DatabaseStatusSchema, type SystemInfo, SystemInfoSchema } from './system/schemas.js';
export { type ApiContext, createCallerFactory } from './trpc.js';
