import type { UserRole } from '@cls/domain';
import type { Pool } from '@cls/postgres';
import { LiveTables } from '../../live-tables.js';
import { usersProjection } from './projection.js';

/** `email` and `displayName` are sealed with the user's key: the host opens them for readers. */
export interface UserRow {
  userId: string;
  email: string;
  displayName: string;
  /** `departments`: an ARS grant's (empty for the other roles). */
  grants: Array<{ role: UserRole; contractId: string; actionId: string; departments: string[] }>;
}

export class UsersQueries {
  private readonly tables: LiveTables;

  constructor(pool: Pool) {
    this.tables = new LiveTables(pool, usersProjection.name);
  }

  /** Users and their current roles. */
  users(): Promise<UserRow[]> {
    return this.tables.query<UserRow>(
      (schema) =>
        `SELECT u.user_id AS "userId", u.email, u.display_name AS "displayName",
                coalesce(json_agg(json_build_object('role', g.role, 'contractId', g.contract_id, 'actionId', g.action_id,
                                            'departments', g.departments)
                  ORDER BY g.role, g.contract_id, g.action_id, g.departments) FILTER (WHERE g.role IS NOT NULL), '[]') AS grants
           FROM ${schema}.users u LEFT JOIN ${schema}.grants g USING (user_id)
          GROUP BY u.user_id ORDER BY u.display_name`,
    );
  }
}
