import type { Role } from '@cls/api';
import { stableCommandId } from '@cls/demo';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainCommand } from '../commands/domain-command.js';
import { AccountsService } from './accounts.service.js';

/** The actor of what the platform does by itself (demo loading, first administrator). */
export const SYSTEM_ACTOR = { id: 'system', role: 'admin' };

export interface UserToProvision {
  userId: string;
  email: string;
  displayName: string;
  /** Absent: an account that signs in through the OpenID Connect provider only. */
  password?: string;
  grants: Array<{ role: Role; contractId?: string; actionId?: string; departments?: string[] }>;
}

/**
 * Invites a user and grants their roles through the command bus (so the user's
 * stream says who they are, as for anyone), then sets their password. Safe to
 * run again: the command ids are derived from the user and the grant.
 */
export async function provisionUser(app: INestApplication, user: UserToProvision): Promise<void> {
  const bus = app.get(CommandBus);
  const run = (key: string, command: { type: string } & Record<string, unknown>) =>
    bus.execute(
      new DomainCommand(command, {
        actor: SYSTEM_ACTOR,
        commandId: stableCommandId(`${user.userId}:${key}`),
      }),
    );
  await run('invite', {
    type: 'InviteUser',
    userId: user.userId,
    email: user.email,
    displayName: user.displayName,
  });
  for (const grant of user.grants) {
    const departments = grant.departments ? `:${grant.departments.join(',')}` : '';
    await run(`grant:${grant.role}:${grant.contractId ?? ''}:${grant.actionId ?? ''}${departments}`, {
      type: 'GrantRole',
      userId: user.userId,
      ...grant,
    });
  }
  if (user.password !== undefined) await app.get(AccountsService).setPassword(user.userId, user.password);
}
