import type { AddressInfo } from 'node:net';
import type { EventStore } from '@cls/event-store';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../app.js';
import { parseEnv } from '../config/env.js';

/**
 * The HTTP application of the integration tests: built as main.ts builds it, on
 * the given database, listening on loopback (`port` 0: any free port).
 */
export async function startTestApp(
  databaseUrl: string,
  variables: Record<string, string> = {},
  port = 0,
  /** A store of the test's own (one that cannot search, as KurrentDB's). */
  options: { openStore?: () => EventStore } = {},
): Promise<{ app: INestApplication; base: string }> {
  const parsed = parseEnv({ NODE_ENV: 'test', ...variables });
  if (!parsed.ok) throw new Error(parsed.message);
  const { app } = await createApp({
    env: parsed.env,
    databaseUrl,
    version: '9.9.9',
    quiet: true,
    ...options,
  });
  await app.listen(port, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}
