import { z } from 'zod';
import { DepartmentCodeSchema } from '../departments.js';
import { atMost, DateSchema, IdSchema, NameSchema } from '../values.js';

export const USER_ROLES = [
  'admin',
  'coordinator',
  'pilot',
  'auditor',
  'evaluator',
  'ars',
  'elected',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const UserRoleSchema = z.enum(USER_ROLES, {
  error:
    'rôle inconnu : administrateur·rice, coordinateur·rice, pilote, auditeur·rice, évaluateur·rice, ARS ou élu·e attendu',
});

/**
 * What a role is scoped to: a coordinator to one contract, a pilot to one action,
 * an evaluator to one contract (they answer and score its annual evaluations, nothing
 * else); an admin (everything) and an auditor (reads everything, commands nothing) to nothing;
 * the ARS (reads, commands nothing) to departments, the contracts whose territory lies
 * in them; an elected official (reads, commands nothing) to their contract.
 */
export const ROLE_SCOPE: Record<UserRole, 'contract' | 'action' | 'departments' | null> = {
  admin: null,
  coordinator: 'contract',
  pilot: 'action',
  auditor: null,
  evaluator: 'contract',
  ars: 'departments',
  elected: 'contract',
};

/** Roles that read and command nothing: the API refuses them every command. */
export const READ_ONLY_ROLES = ['auditor', 'ars', 'elected'] as const satisfies readonly UserRole[];
export const isReadOnlyRole = (role: UserRole): boolean =>
  READ_ONLY_ROLES.some((readOnly) => readOnly === role);

export type RoleScope =
  | { contractId: string; actionId?: never; departments?: never }
  | { actionId: string; contractId?: never; departments?: never }
  | { departments: string[]; contractId?: never; actionId?: never }
  | { contractId?: never; actionId?: never; departments?: never };

/** Departments of an ARS grant: one at least, each once, in order (a grant is compared by them). */
export const RoleDepartmentsSchema = z
  .array(DepartmentCodeSchema)
  .min(1, { error: 'au moins un département' })
  .max(110, atMost(110))
  .transform((codes) => [...new Set(codes)].sort());

/**
 * Roles that may be granted before what they are scoped to exists: a coordinator
 * an administrator invites before their contract is drafted may draft one, and
 * then coordinates it (the host's contract-drafter reactor grants it).
 */
export const ROLE_SCOPE_OPTIONAL: Record<UserRole, boolean> = {
  admin: false,
  coordinator: true,
  pilot: false,
  auditor: false,
  evaluator: false,
  ars: false,
  elected: false,
};

/**
 * Who may draft a new contract: administrators, and coordinators (an
 * administrator invited them, with or without a contract yet); the drafter then
 * coordinates the contract drafted.
 */
export const mayDraftContract = (grants: readonly { role: UserRole }[]) =>
  grants.some((grant) => grant.role === 'admin' || grant.role === 'coordinator');

/** Why a role does not go with these ids (the field and a French message), if it does not. */
export function roleScopeProblem(grant: {
  role: UserRole;
  contractId?: string | undefined;
  actionId?: string | undefined;
  departments?: readonly string[] | undefined;
}): { field: 'contractId' | 'actionId' | 'departments'; message: string } | undefined {
  const scope = ROLE_SCOPE[grant.role];
  if (scope === 'contract' && grant.contractId === undefined && !ROLE_SCOPE_OPTIONAL[grant.role]) {
    return {
      field: 'contractId',
      message:
        grant.role === 'evaluator'
          ? 'Un·e évaluateur·rice est rattaché·e à un contrat'
          : grant.role === 'elected'
            ? 'Un·e élu·e est rattaché·e à un contrat'
            : 'Un·e coordinateur·rice est rattaché·e à un contrat',
    };
  }
  if (scope === 'action' && grant.actionId === undefined) {
    return { field: 'actionId', message: 'Un·e pilote est rattaché·e à une action' };
  }
  if (scope === 'departments' && (grant.departments === undefined || grant.departments.length === 0)) {
    return { field: 'departments', message: 'L’ARS est rattachée à un département au moins' };
  }
  if (scope !== 'contract' && grant.contractId !== undefined) {
    return { field: 'contractId', message: 'Ce rôle ne se rattache pas à un contrat' };
  }
  if (scope !== 'action' && grant.actionId !== undefined) {
    return { field: 'actionId', message: 'Ce rôle ne se rattache pas à une action' };
  }
  if (scope !== 'departments' && grant.departments !== undefined) {
    return { field: 'departments', message: 'Ce rôle ne se rattache pas à des départements' };
  }
  return undefined;
}

export const InviteUserSchema = z.object({
  userId: IdSchema,
  email: z
    .string({ error: 'adresse électronique requise' })
    .max(254, { error: 'adresse électronique trop longue' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'adresse électronique invalide' })),
  displayName: NameSchema,
});

const RoleGrantSchema = z
  .object({
    userId: IdSchema,
    role: UserRoleSchema,
    contractId: IdSchema.optional(),
    actionId: IdSchema.optional(),
    /** The ARS's departments (INSEE codes: '34', '2A', '974'). */
    departments: RoleDepartmentsSchema.optional(),
  })
  .superRefine((grant, ctx) => {
    const problem = roleScopeProblem(grant);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

export const GrantRoleSchema = RoleGrantSchema;
export const RevokeRoleSchema = RoleGrantSchema;

export type InviteUser = { type: 'InviteUser' } & z.infer<typeof InviteUserSchema>;
export type GrantRole = { type: 'GrantRole' } & z.infer<typeof GrantRoleSchema>;
export type RevokeRole = { type: 'RevokeRole' } & z.infer<typeof RevokeRoleSchema>;

/**
 * The right to erasure (RGPD art. 17): the person's name and email become unreadable for good.
 * `userId` names the subject: a user, or a person named without being one (`person-…`, as
 * events carry it beside the sealed name of an attendee, a signer or a pilot).
 */
export const ErasePersonalDataSchema = z.object({
  userId: IdSchema,
  erasedOn: DateSchema,
});
export type ErasePersonalData = { type: 'ErasePersonalData' } & z.infer<typeof ErasePersonalDataSchema>;

export type UserCommand = InviteUser | GrantRole | RevokeRole | ErasePersonalData;
