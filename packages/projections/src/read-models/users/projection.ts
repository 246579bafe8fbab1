import { defineProjection } from '../../projection.js';

/** Users and the roles they hold now (who may do what, for administrators). */
export const usersProjection = defineProjection({
  name: 'users',
  version: 3,
  handles: ['UserInvited', 'RoleGranted', 'RoleRevoked', 'PersonalDataErased'],
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

  apply(event, { execute, schema }) {
    if (event.type === 'UserInvited') {
      const invited = event.data;
      execute(
        `INSERT INTO ${schema}.users (user_id, email, display_name, invited_at) VALUES ($1, $2, $3, $4)`,
        [invited.userId, invited.email, invited.displayName, event.metadata.recordedAt],
      );
      return;
    }
    if (event.type === 'PersonalDataErased') {
      // The sealed name and email could no longer be opened anyway: the read model keeps nothing of them.
      execute(`UPDATE ${schema}.users SET email = '', display_name = '' WHERE user_id = $1`, [
        event.data.userId,
      ]);
      return;
    }
    const grant = event.data;
    const { contractId, actionId, departments } = grant.scope;
    // An ARS grant is told from another by its departments (sorted, as the domain grants them).
    const key = [grant.userId, grant.role, contractId ?? '', actionId ?? '', [...(departments ?? [])].sort()];
    if (event.type === 'RoleGranted') {
      execute(
        `INSERT INTO ${schema}.grants (user_id, role, contract_id, action_id, departments, granted_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [...key, event.metadata.recordedAt],
      );
    } else {
      execute(
        `DELETE FROM ${schema}.grants
          WHERE user_id = $1 AND role = $2 AND contract_id = $3 AND action_id = $4 AND departments = $5`,
        key,
      );
    }
  },
});
