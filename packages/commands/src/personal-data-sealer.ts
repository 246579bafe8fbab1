import { DomainError, type DomainEvent, erasedSubjectOf, isPersonSubject } from '@cls/domain';

/**
 * What the command side needs of personal data (see PERSONAL_DATA_OF_EVENT in
 * the domain): the host implements it with its vault of per-person keys.
 */
export interface PersonalDataSealer {
  /** The event's data with its personal values sealed; a person named without a subject gets one. */
  sealEvent(type: string, data: unknown): Promise<unknown>;
  /** Whether anything was ever sealed for this subject. */
  knows(subject: string): Promise<boolean>;
  /** Destroys the subject's key (again: idempotent); what it sealed can no longer be read. */
  erase(subject: string): Promise<void>;
}

/**
 * Erasure, first step: each erased subject's key is destroyed before the event
 * that says so is appended. Should the process die in between, the erasure is
 * done and can be sent again; after the event, a reactor destroys any key left
 * (the host's, on PersonalDataErased).
 */
export async function destroyErasedKeys(sealer: PersonalDataSealer, decision: DomainEvent[]): Promise<void> {
  for (const subject of decision.flatMap((event) => erasedSubjectOf(event) ?? [])) {
    // A person is known by what was sealed for them: nothing, nobody to erase.
    if (isPersonSubject(subject) && !(await sealer.knows(subject)))
      throw new DomainError(
        'not_found',
        `Personne ${subject} introuvable : rien n’a été enregistré à son nom`,
      );
    await sealer.erase(subject);
  }
}
