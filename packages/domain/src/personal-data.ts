import { z } from 'zod';
import { isEventOf } from './event-catalogue.js';
import { IdSchema, NameSchema } from './values.js';

/**
 * Personal data in the log: every person's name or email an event carries is
 * sealed with a key of its subject's (a user, or a person named without being
 * one) before it is appended; destroying the key erases it, while the events
 * and their hash chains stay as they were. This file is the one place that
 * says which fields of which event are personal, and whose.
 */

/** Subjects that are not users: `person-<uuid>`, given by the command side. */
export const PERSON_SUBJECT_PREFIX = 'person-';
export const isPersonSubject = (subject: string) => subject.startsWith(PERSON_SUBJECT_PREFIX);

/**
 * Whose key seals a name in a command: a user's id (a coordinator named as an
 * attendee), or a person's (`person-…`) to name the same person again; when
 * absent, the command side gives the person a new subject.
 */
export const SubjectIdSchema = IdSchema;

/** A person named in a command (a pilot who is a person rather than an organisation…). */
export const NamedPersonSchema = z.object({ name: NameSchema, personId: SubjectIdSchema.optional() });
export interface NamedPerson {
  name: string;
  /** Absent only in what a decider returns: the command side gives one before the event is appended. */
  personId?: string;
}

/** Where personal values sit in an event's data, and the field naming their subject. */
export interface PersonalFields {
  /**
   * The list of the data whose items hold them (`attendees`), or the object of the data that
   * holds them (an offer's `practitioner`); the data itself when absent.
   */
  each?: string;
  /** Field of the same object naming the subject whose key seals them. */
  subject: string;
  fields: readonly string[];
}

/** The personal data of each event type (those absent carry none). */
export const PERSONAL_DATA_OF_EVENT: Readonly<Record<string, readonly PersonalFields[]>> = {
  UserInvited: [{ subject: 'userId', fields: ['email', 'displayName'] }],
  ContractDrafted: [{ each: 'parties', subject: 'signerId', fields: ['signer'] }],
  ContractDraftUpdated: [{ each: 'parties', subject: 'signerId', fields: ['signer'] }],
  ContractSigned: [{ each: 'signatories', subject: 'signerId', fields: ['signer'] }],
  FicheActionDefined: [{ each: 'pilotPersons', subject: 'personId', fields: ['name'] }],
  FicheActionUpdated: [{ each: 'pilotPersons', subject: 'personId', fields: ['name'] }],
  ActionPlanned: [{ each: 'pilotPersons', subject: 'personId', fields: ['name'] }],
  ActionUpdated: [{ each: 'pilotPersons', subject: 'personId', fields: ['name'] }],
  AmendmentPartySigned: [{ subject: 'signerId', fields: ['signer'] }],
  ConventionSigned: [{ subject: 'signerId', fields: ['signer'] }],
  // How to reach a resident who reported an error on an offer, if they gave it.
  OfferErrorReported: [{ subject: 'contactPersonId', fields: ['contact'] }],
  // A practitioner's name at the sites of their practice (subject `person-rpps-<Identifiant PP>`).
  OfferRegistered: [{ each: 'practitioner', subject: 'personId', fields: ['name'] }],
  OfferUpdated: [{ each: 'practitioner', subject: 'personId', fields: ['name'] }],
  MeetingHeld: [
    { each: 'attendees', subject: 'personId', fields: ['name'] },
    { each: 'decisions', subject: 'ownerPersonId', fields: ['ownerPerson'] },
  ],
};

/** The event that erases a subject's personal data, and the field naming the subject. */
export const ERASURE_EVENT = 'PersonalDataErased';

/** What a sealed value reads once its subject's key was destroyed. */
export const ERASED_PERSONAL_DATA = '[donnée effacée]';
export const erasedSubjectOf = (event: { type: string; data: unknown }): string | undefined =>
  isEventOf(event, [ERASURE_EVENT]) ? event.data.userId : undefined;

type Transform = (subject: string, value: string) => Promise<string>;

async function mapObject(
  object: Record<string, unknown>,
  personal: PersonalFields,
  transform: Transform,
  newSubject: (() => string) | undefined,
): Promise<Record<string, unknown>> {
  const named = personal.fields.filter((field) => typeof object[field] === 'string');
  if (named.length === 0) return object;
  let subject = object[personal.subject];
  if (typeof subject !== 'string' || subject === '') {
    // Nobody to seal it for: a reader leaves the value as it is (written before sealing existed).
    if (!newSubject) return object;
    subject = newSubject();
  }
  const mapped: Record<string, unknown> = { ...object, [personal.subject]: subject };
  for (const field of named) mapped[field] = await transform(subject as string, object[field] as string);
  return mapped;
}

/**
 * The event's data with each personal value replaced by `transform(subject,
 * value)`: sealed before an append, opened for a reader. An object naming a
 * person without a subject gets `newSubject()` (the command side passes one;
 * readers do not). Nothing else changes; the data given is not modified.
 */
export async function mapPersonalData(
  type: string,
  data: unknown,
  transform: Transform,
  newSubject?: () => string,
): Promise<unknown> {
  const personal = PERSONAL_DATA_OF_EVENT[type];
  if (!personal || !data || typeof data !== 'object') return data;
  let mapped = data as Record<string, unknown>;
  for (const where of personal) {
    if (where.each === undefined) {
      mapped = await mapObject(mapped, where, transform, newSubject);
      continue;
    }
    const items = mapped[where.each];
    if (items && typeof items === 'object' && !Array.isArray(items)) {
      mapped = {
        ...mapped,
        [where.each]: await mapObject(items as Record<string, unknown>, where, transform, newSubject),
      };
      continue;
    }
    if (!Array.isArray(items)) continue;
    mapped = {
      ...mapped,
      [where.each]: await Promise.all(
        items.map((item: unknown) =>
          item && typeof item === 'object'
            ? mapObject(item as Record<string, unknown>, where, transform, newSubject)
            : item,
        ),
      ),
    };
  }
  return mapped;
}
