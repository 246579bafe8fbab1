import type { OfferDetail } from '@cls/api/schemas';
import {
  changedOfferDetails,
  type OfferDetails,
  PhoneSchema,
  PRACTICAL_OFFER_FIELDS,
  type RemovableOfferField,
} from '@cls/domain';
import { formatPhone } from '@cls/french';

/** An offer's details as the domain has them, from the API's card of it (null there is absent here). */
export function detailsOf(offer: OfferDetail): OfferDetails {
  return {
    kind: offer.kind,
    name: offer.name,
    address: {
      line: offer.address,
      postcode: offer.postcode ?? undefined,
      communeInsee: offer.communeInsee ?? undefined,
      communeName: offer.commune,
    },
    position: { lon: offer.lon, lat: offer.lat },
    positionPrecision: offer.positionPrecision ?? undefined,
    phone: offer.phone ?? undefined,
    website: offer.website ?? undefined,
    emergency: offer.emergency ?? undefined,
    openingHours: offer.openingHours ?? undefined,
    publics: offer.publics.length > 0 ? offer.publics : undefined,
    access: offer.access.length > 0 ? offer.access : undefined,
    services: offer.services.length > 0 ? offer.services : undefined,
    languages: offer.languages.length > 0 ? offer.languages : undefined,
    wheelchair: offer.wheelchair ?? undefined,
    teleconsultation: offer.teleconsultation ?? undefined,
    appointmentUrl: offer.appointmentUrl ?? undefined,
  };
}

const yesNoText = (value: boolean | undefined) => (value === undefined ? '' : String(value));

/** The text of the inputs describing an offer, by their path in its details. */
export function inputsOf(details: OfferDetails): Record<string, string> {
  return {
    kind: details.kind,
    name: details.name,
    'address.line': details.address.line,
    'address.communeName': details.address.communeName,
    'address.communeInsee': details.address.communeInsee ?? '',
    'address.postcode': details.address.postcode ?? '',
    'position.lon': String(details.position.lon),
    'position.lat': String(details.position.lat),
    phone: details.phone ? formatPhone(details.phone) : '',
    website: details.website ?? '',
    emergency: details.emergency ? 'true' : '',
    openingHours: details.openingHours ?? '',
    publics: (details.publics ?? []).join(','),
    access: (details.access ?? []).join(','),
    services: (details.services ?? []).join(','),
    languages: (details.languages ?? []).join(', '),
    wheelchair: yesNoText(details.wheelchair),
    teleconsultation: yesNoText(details.teleconsultation),
    appointmentUrl: details.appointmentUrl ?? '',
  };
}

/**
 * The details of a new offer with its address and position present even when
 * left empty: each missing value is then reported on its own input, and an
 * empty street line (a lieu-dit, a CPTS without a seat) is allowed.
 */
export const withParts = (details: Record<string, unknown>): Record<string, unknown> => ({
  ...details,
  address: { line: '', ...(details.address as object | undefined) },
  position: { ...(details.position as object | undefined) },
});

/**
 * What an edit changes, field by field, as UpdateOffer wants it: the edited
 * details compared with the current ones once written the way the domain keeps
 * them (phone as 10 digits), so an untouched form changes nothing.
 */
export function offerChanges(current: OfferDetails, edited: Record<string, unknown>): Partial<OfferDetails> {
  const phone = typeof edited.phone === 'string' ? PhoneSchema.safeParse(edited.phone) : undefined;
  return changedOfferDetails(
    // An emergency department not known yet and a box left unticked say the same.
    { ...current, emergency: current.emergency ?? false },
    {
      ...edited,
      ...(edited.address ? { address: { line: '', ...(edited.address as object) } } : {}),
      ...(phone?.success ? { phone: phone.data } : {}),
    } as Partial<OfferDetails>,
  );
}

/**
 * The details the offer has and the edit empties (a phone line closed): UpdateOffer's `remove`.
 * A point the coordinator moves is hers, no longer the commune's centre nor a BAN address: its
 * precision goes (absent: « as placed »), and « position approximative (commune) » with it.
 */
export function offerRemovals(current: OfferDetails, edited: Record<string, unknown>): RemovableOfferField[] {
  const emptied = (['phone', 'website', ...PRACTICAL_OFFER_FIELDS] as const).filter(
    (field) => current[field] !== undefined && edited[field] === undefined,
  );
  const position = edited.position as { lon?: unknown; lat?: unknown } | undefined;
  const moved =
    position !== undefined &&
    (Number(position.lon) !== current.position.lon || Number(position.lat) !== current.position.lat);
  return current.positionPrecision !== undefined && moved ? [...emptied, 'positionPrecision'] : emptied;
}
