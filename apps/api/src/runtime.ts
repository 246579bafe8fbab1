import type { Env } from './config/env.js';

/** Facts about this process, fixed at start-up. */
export interface Runtime {
  version: string;
  environment: Env['NODE_ENV'];
  startedAt: Date;
}

export const RUNTIME = Symbol('RUNTIME');
