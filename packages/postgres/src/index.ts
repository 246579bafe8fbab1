// Pools, the health probe and migrations. The embedded server (npm start, the
// tests) is at `@cls/postgres/embedded`, so a production process that is given
// DATABASE_URL does not load it.
export {
  createPool,
  type DatabaseProbe,
  type Pool,
  type PoolClient,
  probeDatabase,
  withDatabase,
} from './connection.js';
export { AdvisoryLease, inTransaction } from './lease.js';
export { type Migration, migrate, migrateOnFirstUse } from './migrations.js';
