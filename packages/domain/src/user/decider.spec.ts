import { describe, expect, it } from 'vitest';
import { fold } from '../decider.js';
import { DeciderSpecification } from '../decider-specification.js';
import { GrantRoleSchema, InviteUserSchema, RevokeRoleSchema } from './commands.js';
import { grantsOf, ROLE_LABELS, userDecider } from './decider.js';
import type { UserEvent } from './events.js';

const spec = DeciderSpecification.for(userDecider);
const userId = 'claire-martin';
const contractId = 'cls-coeur-herault-2024';
const actionId = 'cls-coeur-herault-2024-1.1';

const invited: UserEvent = {
  type: 'UserInvited',
  data: { userId, email: 'claire.martin@example.org', displayName: 'Claire Martin' },
};
const coordinator: UserEvent = {
  type: 'RoleGranted',
  data: { userId, role: 'coordinator', scope: { contractId } },
};
const pilot: UserEvent = { type: 'RoleGranted', data: { userId, role: 'pilot', scope: { actionId } } };
const admin: UserEvent = { type: 'RoleGranted', data: { userId, role: 'admin', scope: {} } };

describe('User decider', () => {
  describe('ErasePersonalData', () => {
    const erase = { type: 'ErasePersonalData' as const, userId, erasedOn: '2026-11-25' };
    const erased: UserEvent = {
      type: 'PersonalDataErased',
      data: { userId, erasedOn: '2026-11-25' },
      occurredAt: '2026-11-25T00:00:00.000Z',
    };
    it('erases the personal data of an invited person, once', () => {
      spec.given([invited]).when(erase).thenEmits([erased]);
      spec.given([invited, erased]).when(erase).thenRefuses('already_done');
      spec.given([]).when(erase).thenRefuses('not_found');
    });
    it('erases a person named without being a user (person-…), once; refuses to invite one', () => {
      const person = 'person-5e1c';
      const personErased: UserEvent = {
        type: 'PersonalDataErased',
        data: { userId: person, erasedOn: '2026-11-25' },
        occurredAt: '2026-11-25T00:00:00.000Z',
      };
      spec
        .given([])
        .when({ ...erase, userId: person })
        .thenEmits([personErased]);
      spec
        .given([personErased])
        .when({ ...erase, userId: person })
        .thenRefuses('already_done');
      spec
        .given([])
        .when({ type: 'InviteUser', userId: person, email: 'p@exemple.fr', displayName: 'P' })
        .thenRefuses('invalid_value', /personnes nommées/);
    });
    it('forgets the name and the email in the state', () => {
      const state = [invited, erased].reduce(userDecider.evolve, userDecider.initialState());
      expect(state).toMatchObject({ email: '', displayName: '', erased: true });
    });
  });

  describe('InviteUser', () => {
    const command = { type: 'InviteUser' as const, ...invited.data };
    it('invites a user', () => spec.given([]).when(command).thenEmits([invited]));
    it('records the email in lower case', () =>
      spec
        .given([])
        .when({ ...command, email: ' Claire.Martin@Example.ORG ' })
        .thenEmits([invited]));
    it('refuses to invite twice', () =>
      spec
        .given([invited])
        .when(command)
        .thenRefuses('already_exists', /existe déjà/));
  });

  describe('GrantRole', () => {
    const grant = { type: 'GrantRole' as const, userId };
    it('grants a coordinator role on a contract', () =>
      spec
        .given([invited])
        .when({ ...grant, role: 'coordinator', contractId })
        .thenEmits([coordinator]));
    it('grants a pilot role on an action', () =>
      spec
        .given([invited])
        .when({ ...grant, role: 'pilot', actionId })
        .thenEmits([pilot]));
    it('grants the admin role without scope', () =>
      spec
        .given([invited])
        .when({ ...grant, role: 'admin' })
        .thenEmits([admin]));
    it('grants the auditor role without scope', () =>
      spec
        .given([invited])
        .when({ ...grant, role: 'auditor' })
        .thenEmits([{ type: 'RoleGranted', data: { userId, role: 'auditor', scope: {} } }]));
    it('grants coordination of a second contract', () =>
      spec
        .given([invited, coordinator])
        .when({ ...grant, role: 'coordinator', contractId: 'cls-lodevois-2019' })
        .thenEmits([
          {
            type: 'RoleGranted',
            data: { userId, role: 'coordinator', scope: { contractId: 'cls-lodevois-2019' } },
          },
        ]));
    it('refuses a user who was not invited', () =>
      spec
        .given([])
        .when({ ...grant, role: 'admin' })
        .thenRefuses('not_found', /introuvable/));
    it('grants a coordinator without contract yet (who may draft one), once', () => {
      const unscoped: UserEvent = { type: 'RoleGranted', data: { userId, role: 'coordinator', scope: {} } };
      spec
        .given([invited])
        .when({ ...grant, role: 'coordinator' })
        .thenEmits([unscoped]);
      spec
        .given([invited, unscoped])
        .when({ ...grant, role: 'coordinator' })
        .thenRefuses('already_done');
      // Coordinating a contract later is another grant.
      spec
        .given([invited, unscoped])
        .when({ ...grant, role: 'coordinator', contractId })
        .thenEmits([coordinator]);
    });
    it('refuses a coordinator scoped to an action', () =>
      spec
        .given([invited])
        .when({ ...grant, role: 'coordinator', contractId, actionId })
        .thenRefuses('invalid_value', /pas à une action/));
    it('refuses a pilot without action', () =>
      spec
        .given([invited])
        .when({ ...grant, role: 'pilot' })
        .thenRefuses('invalid_value', /rattaché·e à une action/));
    it('refuses a pilot scoped to a contract', () =>
      spec
        .given([invited])
        .when({ ...grant, role: 'pilot', actionId, contractId })
        .thenRefuses('invalid_value', /pas à un contrat/));
    it('refuses an admin scoped to a contract', () =>
      spec
        .given([invited])
        .when({ ...grant, role: 'admin', contractId })
        .thenRefuses('invalid_value', /pas à un contrat/));
    it('refuses an auditor scoped to an action', () =>
      spec
        .given([invited])
        .when({ ...grant, role: 'auditor', actionId })
        .thenRefuses('invalid_value', /pas à une action/));
    it('grants the ARS role over departments, sorted and once each', () =>
      spec
        .given([invited])
        .when({ ...grant, role: 'ars', departments: ['34', '11'] })
        .thenEmits([
          { type: 'RoleGranted', data: { userId, role: 'ars', scope: { departments: ['11', '34'] } } },
        ]));
    it('refuses the ARS without department, or scoped to a contract', () => {
      spec
        .given([invited])
        .when({ ...grant, role: 'ars' })
        .thenRefuses('invalid_value', /département au moins/);
      spec
        .given([invited])
        .when({ ...grant, role: 'ars', departments: ['34'], contractId })
        .thenRefuses('invalid_value', /pas à un contrat/);
    });
    it('refuses departments for any other role', () =>
      spec
        .given([invited])
        .when({ ...grant, role: 'coordinator', contractId, departments: ['34'] })
        .thenRefuses('invalid_value', /pas à des départements/));
    it('tells an ARS grant over other departments from the one held', () => {
      const ars34: UserEvent = {
        type: 'RoleGranted',
        data: { userId, role: 'ars', scope: { departments: ['34'] } },
      };
      spec
        .given([invited, ars34])
        .when({ ...grant, role: 'ars', departments: ['34'] })
        .thenRefuses('already_done');
      spec
        .given([invited, ars34])
        .when({ ...grant, role: 'ars', departments: ['11'] })
        .thenEmits([{ type: 'RoleGranted', data: { userId, role: 'ars', scope: { departments: ['11'] } } }]);
    });
    it('grants an elected official their contract, and refuses one without', () => {
      spec
        .given([invited])
        .when({ ...grant, role: 'elected', contractId })
        .thenEmits([{ type: 'RoleGranted', data: { userId, role: 'elected', scope: { contractId } } }]);
      spec
        .given([invited])
        .when({ ...grant, role: 'elected' })
        .thenRefuses('invalid_value', /élu·e est rattaché·e à un contrat/);
    });
    it('refuses the same grant twice', () =>
      spec
        .given([invited, coordinator])
        .when({ ...grant, role: 'coordinator', contractId })
        .thenRefuses('already_done', /déjà attribué/));
  });

  describe('RevokeRole', () => {
    const revoke = { type: 'RevokeRole' as const, userId };
    it('revokes a grant', () =>
      spec
        .given([invited, coordinator, pilot])
        .when({ ...revoke, role: 'coordinator', contractId })
        .thenEmits([{ type: 'RoleRevoked', data: { userId, role: 'coordinator', scope: { contractId } } }]));
    it('revokes the admin role', () =>
      spec
        .given([invited, admin])
        .when({ ...revoke, role: 'admin' })
        .thenEmits([{ type: 'RoleRevoked', data: { userId, role: 'admin', scope: {} } }]));
    it('refuses a user who was not invited', () =>
      spec
        .given([])
        .when({ ...revoke, role: 'admin' })
        .thenRefuses('not_found'));
    it('refuses a grant the user does not hold', () =>
      spec
        .given([invited, coordinator])
        .when({ ...revoke, role: 'coordinator', contractId: 'cls-lodevois-2019' })
        .thenRefuses('invalid_value', /n’est pas attribué/));
    it('refuses a grant revoked already', () =>
      spec
        .given([invited, admin, { type: 'RoleRevoked', data: { userId, role: 'admin', scope: {} } }])
        .when({ ...revoke, role: 'admin' })
        .thenRefuses('invalid_value', /n’est pas attribué/));
    it('refuses a pilot without action', () =>
      spec
        .given([invited, pilot])
        .when({ ...revoke, role: 'pilot' })
        .thenRefuses('invalid_value', /rattaché·e à une action/));
  });

  describe('grantsOf', () => {
    it('lists the current grants', () =>
      expect(
        grantsOf(
          fold(userDecider, [
            invited,
            coordinator,
            pilot,
            admin,
            { type: 'RoleRevoked', data: { userId, role: 'pilot', scope: { actionId } } },
          ]),
        ),
      ).toEqual([
        { role: 'coordinator', scope: { contractId } },
        { role: 'admin', scope: {} },
      ]));
    it('lists none for a user just invited', () =>
      expect(grantsOf(fold(userDecider, [invited]))).toEqual([]));
    it('has a French label per role', () =>
      expect(ROLE_LABELS).toEqual({
        admin: 'Administrateur·rice',
        coordinator: 'Coordinateur·rice',
        pilot: 'Pilote',
        auditor: 'Auditeur·rice',
        evaluator: 'Évaluateur·rice',
        ars: 'ARS',
        elected: 'Élu·e',
      }));
  });

  describe('schemas', () => {
    it('lower-cases and trims the email', () =>
      expect(
        InviteUserSchema.parse({ userId, email: ' Claire.Martin@Example.ORG ', displayName: 'Claire Martin' })
          .email,
      ).toBe('claire.martin@example.org'));
    it('refuses an invalid email', () =>
      expect(
        InviteUserSchema.safeParse({ userId, email: 'claire.martin', displayName: 'Claire Martin' }).success,
      ).toBe(false));
    it('accepts a grant with the scope its role needs', () => {
      expect(GrantRoleSchema.safeParse({ userId, role: 'coordinator', contractId }).success).toBe(true);
      expect(GrantRoleSchema.safeParse({ userId, role: 'pilot', actionId }).success).toBe(true);
      expect(GrantRoleSchema.safeParse({ userId, role: 'auditor' }).success).toBe(true);
      expect(GrantRoleSchema.safeParse({ userId, role: 'evaluator', contractId }).success).toBe(true);
      // A coordinator invited before their contract exists (they may draft it).
      expect(GrantRoleSchema.safeParse({ userId, role: 'coordinator' }).success).toBe(true);
    });
    it.each([
      [{ role: 'coordinator', contractId, actionId }, 'actionId'],
      [{ role: 'pilot' }, 'actionId'],
      [{ role: 'pilot', actionId, contractId }, 'contractId'],
      [{ role: 'admin', contractId }, 'contractId'],
      [{ role: 'auditor', actionId }, 'actionId'],
      // An evaluator evaluates one contract: never without it, never an action.
      [{ role: 'evaluator' }, 'contractId'],
      [{ role: 'evaluator', contractId, actionId }, 'actionId'],
    ])('refuses the grant %o on the field %s', (grant, field) => {
      const result = GrantRoleSchema.safeParse({ userId, ...grant });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path)).toEqual([[field]]);
    });
    it('says an evaluator needs their contract, in French', () =>
      expect(GrantRoleSchema.safeParse({ userId, role: 'evaluator' }).error?.issues[0]?.message).toBe(
        'Un·e évaluateur·rice est rattaché·e à un contrat',
      ));
    it('checks the scope of a revocation too', () =>
      expect(RevokeRoleSchema.safeParse({ userId, role: 'pilot' }).success).toBe(false));
    it('refuses an unknown role', () =>
      expect(GrantRoleSchema.safeParse({ userId, role: 'superuser' }).success).toBe(false));
  });
});
