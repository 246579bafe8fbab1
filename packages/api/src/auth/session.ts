import { IdSchema, USER_ROLES } from '@cls/domain';
import { z } from 'zod';

/** The domain's roles, one list: a role granted is a role a session may hold. */
export const RoleSchema = z.enum(USER_ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const GrantSchema = z.object({
  role: RoleSchema,
  scope: z.object({
    contractId: z.string().optional(),
    actionId: z.string().optional(),
    /** An ARS grant's departments (INSEE codes). */
    departments: z.array(z.string()).optional(),
  }),
});
export type Grant = z.infer<typeof GrantSchema>;

/** The signed-in user, as the API sees it on each request. */
export const SessionSchema = z.object({
  userId: z.string(),
  email: z.string(),
  displayName: z.string(),
  grants: z.array(GrantSchema),
});
export type Session = z.infer<typeof SessionSchema>;

/**
 * A new password for a user. No email: the login email is the user's own, from
 * their stream. `currentPassword`: the caller's own, unless they logged in less
 * than 5 minutes ago.
 */
export const SetPasswordSchema = z.object({
  userId: IdSchema,
  password: z.string().min(12, { error: 'mot de passe : 12 caractères au moins' }).max(1000),
  currentPassword: z.string().min(1, { error: 'mot de passe actuel requis' }).max(1000).optional(),
});

export const LoginSchema = z.object({
  email: z.email({ error: 'adresse électronique invalide' }).max(320),
  password: z.string().min(1, { error: 'mot de passe requis' }).max(1000),
});
