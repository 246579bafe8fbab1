import { SetPasswordSchema } from '@cls/api/schemas';
import { GrantRoleSchema, InviteUserSchema, ROLE_SCOPE, USER_ROLES, type UserRole } from '@cls/domain';
import { useTRPC } from '@cls/web';
import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { Link } from '../router.js';
import { CommandForm, type CustomInput } from '../shared/command-form.js';
import { ROLE_LABELS, slugOf } from '../shared/labels.js';

/** The roles an invitation may come with: a coordinator without a contract yet creates theirs. */
const INVITE_ROLES: Array<[string, string]> = [
  ['coordinator', 'Coordinateur·rice (créera son contrat ou en recevra un)'],
  ['auditor', ROLE_LABELS.auditor],
  ['admin', ROLE_LABELS.admin],
];

const InviteSchema = InviteUserSchema.extend({
  role: z.enum(['coordinator', 'auditor', 'admin'], { error: 'rôle inconnu' }).optional(),
  password: SetPasswordSchema.shape.password.optional(),
  currentPassword: SetPasswordSchema.shape.currentPassword,
});

/** An action by its code and title (a pilot's grant names it). */
function ActionName({ actionId }: { actionId: string }) {
  const trpc = useTRPC();
  const action = useQuery(trpc.board.action.queryOptions({ actionId }));
  return <>{action.data ? `action ${action.data.code} « ${action.data.title} »` : 'action (introuvable)'}</>;
}

/** The actions of the contract picked in the same form, for a pilot's grant. */
function ActionSelect({ input }: { input: CustomInput }) {
  const trpc = useTRPC();
  const contractId = input.values.contractForAction;
  const actions = useQuery(trpc.board.actions.queryOptions(contractId ? { contractId } : skipToken));
  return (
    <select
      id={input.id}
      value={input.value}
      aria-invalid={input.invalid || undefined}
      aria-describedby={input.describedBy}
      onChange={(event) => input.onChange(event.target.value)}
    >
      <option value="">{contractId ? '— choisir —' : '— choisissez d’abord le contrat —'}</option>
      {actions.data?.map((action) => (
        <option key={action.actionId} value={action.actionId}>
          {action.code} {action.title}
        </option>
      ))}
    </select>
  );
}

/** Accounts and what each may do (administrators only): invite, grant and revoke roles. */
export function UsersPage() {
  const trpc = useTRPC();
  const users = useQuery(trpc.board.users.queryOptions());
  const contracts = useQuery(trpc.board.contracts.queryOptions());
  const invite = useMutation(trpc.user.invite.mutationOptions());
  const grant = useMutation(trpc.user.grantRole.mutationOptions());
  const revoke = useMutation(trpc.user.revokeRole.mutationOptions());
  const setPassword = useMutation(trpc.user.setPassword.mutationOptions());
  const [revokeError, setRevokeError] = useState<string | undefined>();
  const contractName = (contractId: string) =>
    contracts.data?.find((contract) => contract.contractId === contractId)?.name ?? 'contrat (introuvable)';
  const contractOptions: Array<[string, string]> = (contracts.data ?? []).map((contract) => [
    contract.contractId,
    contract.name,
  ]);
  const userOptions: Array<[string, string]> = (users.data ?? []).map((user) => [
    user.userId,
    `${user.displayName || 'données effacées'} (${user.email || '—'})`,
  ]);

  /** Invites, then grants the role chosen and sets the first password, as one submission. */
  const inviteWithRole = {
    isPending: invite.isPending || grant.isPending || setPassword.isPending,
    async mutateAsync(input: z.output<typeof InviteSchema> & { commandId: string }) {
      const { role, password, currentPassword, commandId, ...invited } = input;
      await invite.mutateAsync({ ...invited, commandId });
      if (role) await grant.mutateAsync({ userId: invited.userId, role, commandId: crypto.randomUUID() });
      if (password)
        await setPassword.mutateAsync({
          userId: invited.userId,
          password,
          ...(currentPassword ? { currentPassword } : {}),
        });
    },
  };

  const grantLabel = (role: UserRole, contractId: string, actionId: string, departments: string[]) => (
    <>
      {ROLE_LABELS[role]}
      {departments.length > 0
        ? ` — ${departments.length > 1 ? 'départements' : 'département'} ${departments.join(', ')}`
        : null}
      {contractId ? ` — ${contractName(contractId)}` : null}
      {actionId ? (
        <>
          {' — '}
          <ActionName actionId={actionId} />
        </>
      ) : null}
      {role === 'coordinator' && !contractId ? ' (sans contrat : peut créer le sien)' : null}
    </>
  );

  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link>
      </p>
      <h1>Utilisateurs et rôles</h1>
      {users.isError ? <p role="alert">{users.error.message}</p> : null}
      {revokeError ? <p role="alert">{revokeError}</p> : null}
      <table className="table table--stacked" data-testid="users">
        <caption className="visually-hidden">Utilisateurs et rôles</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Adresse</th>
            <th scope="col">Rôles</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((user) => (
            <tr key={user.userId}>
              <th scope="row" data-label="Nom">
                {user.displayName || <span className="muted">données effacées</span>}
              </th>
              <td data-label="Adresse">{user.email || '—'}</td>
              <td data-label="Rôles">
                {user.grants.length === 0 ? (
                  <span className="muted">aucun rôle</span>
                ) : (
                  <ul className="plain-list">
                    {user.grants.map((held) => (
                      <li
                        key={`${held.role}:${held.contractId}:${held.actionId}:${held.departments.join(',')}`}
                      >
                        {grantLabel(held.role, held.contractId, held.actionId, held.departments)}{' '}
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={`Retirer le rôle ${ROLE_LABELS[held.role]} à ${user.displayName}`}
                          disabled={revoke.isPending}
                          onClick={async () => {
                            setRevokeError(undefined);
                            try {
                              await revoke.mutateAsync({
                                userId: user.userId,
                                role: held.role,
                                ...(held.contractId ? { contractId: held.contractId } : {}),
                                ...(held.actionId ? { actionId: held.actionId } : {}),
                                ...(held.departments.length > 0 ? { departments: held.departments } : {}),
                                commandId: crypto.randomUUID(),
                              });
                              await users.refetch();
                            } catch (error) {
                              setRevokeError(error instanceof Error ? error.message : String(error));
                            }
                          }}
                        >
                          Retirer
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <CommandForm
        title="Inviter une personne"
        schema={InviteSchema}
        fields={[
          { name: 'displayName', label: 'Nom et prénom' },
          {
            name: 'email',
            label: 'Adresse électronique',
            type: 'email',
            hint: 'son identifiant de connexion',
          },
          {
            name: 'role',
            label: 'Rôle (facultatif)',
            type: 'select',
            options: INVITE_ROLES,
            hint: 'un rôle sur un contrat ou une action s’attribue ensuite, ci-dessous',
          },
          {
            name: 'password',
            label: 'Mot de passe provisoire (facultatif)',
            type: 'password',
            hint: '12 caractères au moins, à lui transmettre ; sans mot de passe, connexion par ProConnect si elle est configurée',
          },
          {
            name: 'currentPassword',
            label: 'Votre mot de passe',
            type: 'password',
            hint: 'seulement si vous vous êtes connecté·e il y a plus de 5 minutes',
            visible: (values) => Boolean(values.password),
          },
        ]}
        fixed={{}}
        transform={(input) => ({
          ...input,
          userId: `${slugOf(typeof input.displayName === 'string' ? input.displayName : '') || 'personne'}-${crypto.randomUUID().slice(0, 6)}`,
        })}
        mutation={inviteWithRole}
        submitLabel="Inviter"
      />

      <CommandForm
        title="Attribuer un rôle"
        schema={GrantRoleSchema}
        fields={[
          { name: 'userId', label: 'Personne', type: 'select', options: userOptions },
          {
            name: 'role',
            label: 'Rôle',
            type: 'select',
            options: USER_ROLES.map((role) => [role, ROLE_LABELS[role]]),
          },
          {
            name: 'contractId',
            // Required for an evaluator (the domain says so), optional for a coordinator.
            label:
              'Contrat (facultatif pour un·e coordinateur·rice : sans contrat, la personne pourra créer le sien)',
            type: 'select',
            options: contractOptions,
            hint: 'un·e évaluateur·rice évalue son contrat, un·e élu·e le consulte',
            visible: (values) => ROLE_SCOPE[values.role as UserRole] === 'contract',
          },
          {
            name: 'departments',
            label: 'Départements',
            hint: 'codes INSEE séparés par des virgules (ex. 34, 11, 2A) : l’ARS consulte les contrats dont le territoire s’y trouve',
            parse: (text) =>
              text
                .split(/[\s,;]+/)
                .map((code) => code.trim())
                .filter(Boolean),
            visible: (values) => ROLE_SCOPE[values.role as UserRole] === 'departments',
          },
          {
            name: 'contractForAction',
            label: 'Contrat de l’action',
            type: 'select',
            options: contractOptions,
            visible: (values) => values.role === 'pilot',
          },
          {
            name: 'actionId',
            label: 'Action pilotée',
            visible: (values) => values.role === 'pilot',
            render: (input) => <ActionSelect input={input} />,
          },
        ]}
        fixed={{}}
        transform={({ contractForAction: _, ...input }) => input}
        mutation={grant}
        submitLabel="Attribuer"
      />
    </>
  );
}
