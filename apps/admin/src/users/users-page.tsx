import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../router.js';
import { ROLE_LABELS } from '../shared/labels.js';

/** Accounts and what each may do (administrators only). */
export function UsersPage() {
  const trpc = useTRPC();
  const users = useQuery(trpc.board.users.queryOptions());
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link>
      </p>
      <h1>Utilisateurs et rôles</h1>
      {users.isError ? <p role="alert">{users.error.message}</p> : null}
      <table className="table table--stacked">
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
                {user.displayName}
              </th>
              <td data-label="Adresse">{user.email}</td>
              <td data-label="Rôles">
                {user.grants
                  .map((grant) =>
                    [ROLE_LABELS[grant.role], grant.contractId || grant.actionId].filter(Boolean).join(' — '),
                  )
                  .join(' ; ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
