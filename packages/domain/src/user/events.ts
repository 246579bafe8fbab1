import { type DomainEvent, everyTypeOf } from '../decider.js';
import type { RoleScope, UserRole } from './commands.js';

/** No password nor any credential: they are not events. */
export type UserInvited = DomainEvent<'UserInvited', { userId: string; email: string; displayName: string }>;
export type RoleGranted = DomainEvent<'RoleGranted', { userId: string; role: UserRole; scope: RoleScope }>;
export type RoleRevoked = DomainEvent<'RoleRevoked', { userId: string; role: UserRole; scope: RoleScope }>;

/**
 * Its personal data were erased: the key that sealed them is destroyed (crypto-shredding).
 * `userId` names the subject: a user, or a person named without being one (`person-…`).
 */
export type PersonalDataErased = DomainEvent<'PersonalDataErased', { userId: string; erasedOn: string }>;

export type UserEvent = UserInvited | RoleGranted | RoleRevoked | PersonalDataErased;

export const USER_EVENT_TYPES = everyTypeOf<UserEvent>()([
  'UserInvited',
  'RoleGranted',
  'RoleRevoked',
  'PersonalDataErased',
]);
