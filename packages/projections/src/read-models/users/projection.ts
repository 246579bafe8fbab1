import { PageRows } from '../../page-rows.js';
import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';

const HANDLES = ['UserInvited', 'RoleGranted', 'RoleRevoked', 'PersonalDataErased'] as const;

/** Users and the roles they hold now (who may do what, for administrators). */
export const usersProjection = defineProjection({
  name: 'users',
  version: 3,
  handles: HANDLES,
  schemaSql: `
    CREATE TABLE {schema}.users (
      user_id text PRIMARY KEY, email text NOT NULL, display_name text NOT NULL, invited_at timestamptz NOT NULL
    );
    CREATE TABLE {schema}.grants (
      user_id text NOT NULL, role text NOT NULL, contract_id text NOT NULL DEFAULT '', action_id text NOT NULL DEFAULT '',
      departments text[] NOT NULL DEFAULT '{}',
      granted_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, role, contract_id, action_id, departments)
    );
  `,

  apply: (event, tx) => applyUserEvents([event], tx),
  applyPage: applyUserEvents,
});

/**
 * A page's users (PageRows) and grants, written together at its end: a grant revoked in the
 * page it was granted in is never written; one of an earlier page is deleted at once.
 */
function applyUserEvents(events: ProjectedEvent<typeof HANDLES>[], tx: ProjectionTransaction): void {
  const { execute, schema } = tx;
  const users = new PageRows(`${schema}.users`, 'user_id');
  /** The page's grants still held, by their key. */
  const granted = new Map<string, Record<string, unknown>>();
  for (const event of events) {
    if (event.type === 'UserInvited') {
      const invited = event.data;
      users.create({
        user_id: invited.userId,
        email: invited.email,
        display_name: invited.displayName,
        invited_at: event.metadata.recordedAt,
      });
      continue;
    }
    if (event.type === 'PersonalDataErased') {
      // The sealed name and email could no longer be opened anyway: the read model keeps nothing of them.
      users.change(event.data.userId, { set: { email: '', display_name: '' } });
      continue;
    }
    const grant = event.data;
    const { contractId, actionId, departments } = grant.scope;
    // An ARS grant is told from another by its departments (sorted, as the domain grants them).
    const key = [grant.userId, grant.role, contractId ?? '', actionId ?? '', [...(departments ?? [])].sort()];
    const id = JSON.stringify(key);
    if (event.type === 'RoleGranted') {
      const [user_id, role, contract_id, action_id, sorted] = key;
      granted.set(id, {
        user_id,
        role,
        contract_id,
        action_id,
        departments: sorted,
        granted_at: event.metadata.recordedAt,
      });
    } else if (!granted.delete(id)) {
      execute(
        `DELETE FROM ${schema}.grants
          WHERE user_id = $1 AND role = $2 AND contract_id = $3 AND action_id = $4 AND departments = $5`,
        key,
      );
    }
  }
  users.flush(tx, ['user_id', 'email', 'display_name', 'invited_at']);
  if (granted.size > 0)
    execute(
      `INSERT INTO ${schema}.grants (user_id, role, contract_id, action_id, departments, granted_at)
       SELECT v.user_id, v.role, v.contract_id, v.action_id, v.departments, v.granted_at FROM $1 AS v`,
      [tx.rows(`${schema}.grants`, [...granted.values()])],
    );
}
