import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Env } from '../config/env.js';
import { AccountsService } from './accounts.service.js';
import { provisionUser } from './provision.js';

/**
 * A platform started without the demo has nobody to sign in: `ADMIN_EMAIL` and
 * `ADMIN_PASSWORD` name its first administrator, invited through the command bus
 * (their stream says who made them: the platform) the first time the address has
 * no account. Later starts leave the account alone — its password may have been
 * changed since — so the variables can stay set. Returns what to print.
 */
export async function ensureFirstAdministrator(
  app: INestApplication,
  env: Pick<Env, 'ADMIN_EMAIL' | 'ADMIN_PASSWORD'>,
): Promise<string | undefined> {
  if (!env.ADMIN_EMAIL) return undefined;
  const accounts = app.get(AccountsService);
  if (await accounts.userOfEmail(env.ADMIN_EMAIL)) return `${env.ADMIN_EMAIL} (déjà créé)`;
  await provisionUser(app, {
    userId: randomUUID(),
    email: env.ADMIN_EMAIL,
    displayName: env.ADMIN_EMAIL.split('@')[0] ?? env.ADMIN_EMAIL,
    ...(env.ADMIN_PASSWORD ? { password: env.ADMIN_PASSWORD } : {}),
    grants: [{ role: 'admin' }],
  });
  return `${env.ADMIN_EMAIL} (créé)`;
}
