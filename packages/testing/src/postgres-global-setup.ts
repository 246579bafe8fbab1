import type { TestProject } from 'vitest/node';
import { startTestPostgresServer } from './postgres-server.js';
import './provided-context.js';

/** Vitest global setup: one real PostgreSQL server for the whole run of a package. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgresServer();
  project.provide('postgresServerUrl', server.url);
  return () => server.stop();
}
