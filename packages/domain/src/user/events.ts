import type { DomainEvent } from '../decider.js';
import type { RoleScope, UserRole } from './commands.js';

/** No password nor any credential: they are not events. */
export type UserInvited = DomainEvent<'UserInvited', { userId: string; email: string; displayName: string }>;
export type RoleGranted = DomainEvent<'RoleGranted', { userId: string; role: UserRole; scope: RoleScope }>;
export type RoleRevoked = DomainEvent<'RoleRevoked', { userId: string; role: UserRole; scope: RoleScope }>;

/** Its personal data were erased: the key that sealed them is destroyed (crypto-shredding). */
export type PersonalDataErased = DomainEvent<'PersonalDataErased', { userId: string; erasedOn: string }>;

export type UserEvent = UserInvited | RoleGranted | RoleRevoked | PersonalDataErased;

/**
 * The personal data events carry, by event type: sealed with a key of their
 * subject's before they are appended, so that destroying the key erases them
 * while the events, and their hash chains, stay as they were.
 */
export const PERSONAL_DATA_OF_EVENT: Readonly<
  Record<string, { subject: string; fields: readonly string[] }>
> = {
  UserInvited: { subject: 'userId', fields: ['email', 'displayName'] },
};
