export {
  createPool,
  type DatabaseProbe,
  type Pool,
  type PoolClient,
  probeDatabase,
  withDatabase,
} from './connection.js';
export { type EmbeddedPostgresOptions, type RunningPostgres, startEmbeddedPostgres } from './embedded.js';
export { type Migration, migrate } from './migrations.js';
