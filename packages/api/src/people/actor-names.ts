import { ERASED_PERSONAL_DATA } from '@cls/domain';

/** What a history shows for a person whose data was erased (their name's key destroyed). */
export const ERASED_PERSON = 'personne effacée';

/**
 * Actors that are not accounts: the platform itself (demo, provisioning), the FINESS import,
 * and the avenant reactor applying a signed avenant's changes of actions (AMENDMENT_ACTOR of @cls/commands).
 */
export const PLATFORM_ACTOR_NAMES: Readonly<Record<string, string>> = {
  system: 'Plateforme (initialisation)',
  'import-finess': 'Import FINESS',
  'system:avenants': 'Plateforme (avenant signé)',
  public: 'Public, via le portail',
};

/**
 * Who did it, as histories show it (the action's timeline, the audit's): the
 * log keeps account ids only, so each is named from the accounts (their names
 * opened by the host) — « personne effacée » once erased, the platform's own
 * actors by what they are, never an id.
 */
export function actorNames(
  accounts: ReadonlyArray<{ userId: string; displayName: string }>,
): (actorId: string) => string {
  const names = new Map(
    accounts.map((account) => [
      account.userId,
      !account.displayName || account.displayName === ERASED_PERSONAL_DATA
        ? ERASED_PERSON
        : account.displayName,
    ]),
  );
  return (actorId) => PLATFORM_ACTOR_NAMES[actorId] ?? names.get(actorId) ?? 'compte inconnu';
}
