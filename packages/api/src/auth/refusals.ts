/**
 * Why a sign-in through the OpenID Connect provider (ProConnect) was refused:
 * the callback sends the browser back to the login page with one of these
 * codes (`/admin/?erreur=<code>`), and the page shows its fixed message, never
 * text taken from the URL.
 */
export const OIDC_REFUSALS = {
  unknown_identity:
    'Aucun compte de la plateforme ne correspond à cette identité : demandez à un administrateur de vous inviter',
  unverified_email:
    'Le fournisseur d’identité ne garantit pas votre adresse électronique : connectez-vous avec votre mot de passe',
  link_required:
    'Un compte à mot de passe existe pour cette adresse : connectez-vous une fois ci-dessous avec votre mot de passe, votre identité y sera liée',
  failed: 'La connexion par le fournisseur d’identité a échoué : réessayez',
} as const;

export type OidcRefusal = keyof typeof OIDC_REFUSALS;

/** The message of a code in the login page's URL; null without code, the generic one for an unknown code. */
export function oidcRefusalMessage(code: string | null): string | null {
  if (code === null) return null;
  return Object.hasOwn(OIDC_REFUSALS, code) ? OIDC_REFUSALS[code as OidcRefusal] : OIDC_REFUSALS.failed;
}

/**
 * Calls sent alone, never in a tRPC batch: those that check a password or open
 * a session (one password guess per request), and `auth.me`/`auth.session` with
 * them. The web apps' client sends them unbatched; the API refuses such batches.
 */
export const isUnbatchable = (path: string): boolean =>
  path.startsWith('auth.') || path === 'user.setPassword';

/** At most this many calls in one batch (the API refuses more; the client splits them). */
export const MAX_BATCH_SIZE = 20;
