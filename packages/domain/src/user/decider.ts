import { type Decider, event, refuse } from '../decider.js';
import { isPersonSubject, PERSON_SUBJECT_PREFIX } from '../personal-data.js';
import { startOfDay } from '../values.js';
import { type RoleScope, roleScopeProblem, type UserCommand, type UserRole } from './commands.js';
import type { UserEvent } from './events.js';

export const ROLE_LABELS: Record<UserRole, string> = {
  admin: 'Administrateur·rice',
  coordinator: 'Coordinateur·rice',
  pilot: 'Pilote',
  auditor: 'Auditeur·rice',
  evaluator: 'Évaluateur·rice',
  ars: 'ARS',
  elected: 'Élu·e',
};

/** A role held by a user, with what it is scoped to. */
export interface RoleGrant {
  role: UserRole;
  scope: RoleScope;
}

export interface UserState {
  exists: boolean;
  email: string;
  displayName: string;
  /** Current grants, in the order they were granted. */
  grants: RoleGrant[];
  /** Its personal data were erased. */
  erased?: boolean;
}

/** The user's current grants. */
export const grantsOf = (state: UserState): RoleGrant[] => [...state.grants];

const departmentsKey = (scope: RoleScope) => [...(scope.departments ?? [])].sort().join(',');

const sameGrant = (a: RoleGrant, b: RoleGrant) =>
  a.role === b.role &&
  a.scope.contractId === b.scope.contractId &&
  a.scope.actionId === b.scope.actionId &&
  departmentsKey(a.scope) === departmentsKey(b.scope);

/** The scope of a grant from the ids of a command already checked with `roleScopeProblem`. */
function scopeOf(command: {
  contractId?: string | undefined;
  actionId?: string | undefined;
  departments?: string[] | undefined;
}): RoleScope {
  if (command.contractId !== undefined) return { contractId: command.contractId };
  if (command.actionId !== undefined) return { actionId: command.actionId };
  if (command.departments !== undefined) return { departments: [...command.departments].sort() };
  return {};
}

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState: () => ({ exists: false, email: '', displayName: '', grants: [] }),

  evolve(state, e) {
    switch (e.type) {
      case 'UserInvited':
        return { ...state, exists: true, email: e.data.email, displayName: e.data.displayName };
      case 'RoleGranted':
        return { ...state, grants: [...state.grants, { role: e.data.role, scope: e.data.scope }] };
      case 'RoleRevoked': {
        const revoked = { role: e.data.role, scope: e.data.scope };
        return { ...state, grants: state.grants.filter((grant) => !sameGrant(grant, revoked)) };
      }
      case 'PersonalDataErased':
        return { ...state, email: '', displayName: '', erased: true };
    }
  },

  decide(command, state) {
    if (command.type === 'InviteUser') {
      if (state.exists) return refuse('already_exists', `L’utilisateur·rice ${command.userId} existe déjà`);
      if (isPersonSubject(command.userId)) {
        return refuse(
          'invalid_value',
          `Les identifiants ${PERSON_SUBJECT_PREFIX}… désignent des personnes nommées, pas des comptes`,
          'userId',
        );
      }
      const { userId, email, displayName } = command;
      return [event('UserInvited', { userId, email: email.trim().toLowerCase(), displayName })];
    }
    if (command.type === 'ErasePersonalData') {
      if (state.erased) return refuse('already_done', 'Les données personnelles sont déjà effacées');
      // A person named without being a user has no stream before their erasure.
      if (!state.exists && !isPersonSubject(command.userId)) {
        return refuse('not_found', `Utilisateur·rice ${command.userId} introuvable`);
      }
      const { type: _, ...data } = command;
      return [event('PersonalDataErased', data, startOfDay(command.erasedOn))];
    }
    if (!state.exists) return refuse('not_found', `Utilisateur·rice ${command.userId} introuvable`);

    const problem = roleScopeProblem(command);
    if (problem) return refuse('invalid_value', problem.message, problem.field);
    const grant: RoleGrant = { role: command.role, scope: scopeOf(command) };
    const held = state.grants.some((existing) => sameGrant(existing, grant));

    switch (command.type) {
      case 'GrantRole':
        if (held) return refuse('already_done', `Ce rôle (${ROLE_LABELS[command.role]}) est déjà attribué`);
        return [event('RoleGranted', { userId: command.userId, ...grant })];
      case 'RevokeRole':
        if (!held) {
          return refuse(
            'invalid_value',
            `Ce rôle (${ROLE_LABELS[command.role]}) n’est pas attribué : il ne peut être retiré`,
            'role',
          );
        }
        return [event('RoleRevoked', { userId: command.userId, ...grant })];
    }
  },
};
