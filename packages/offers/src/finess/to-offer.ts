import type { OfferDetails, OfferKind, OfferPublic } from '@cls/domain';
import { cmpPublicOf } from './cmp-public.js';
import type { FinessEstablishment } from './establishment.js';
import { streetTypeInFull } from './street-types.js';

/** An offer read from FINESS: what RegisterOffer needs, but the date it was checked on. */
export interface FinessOffer extends OfferDetails {
  offerId: string;
  finess: string;
  source: 'finess';
}

/** The street line of an establishment: `52 B AVENUE ACHILLE MIR, CS 40001`. */
export function addressLine(
  establishment: Pick<
    FinessEstablishment,
    'streetNumber' | 'streetComplement' | 'streetType' | 'street' | 'locality'
  >,
): string {
  const street = [
    establishment.streetNumber,
    establishment.streetComplement,
    establishment.streetType ? streetTypeInFull(establishment.streetType) : '',
    establishment.street,
  ]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');
  return [street, establishment.locality.trim()].filter(Boolean).join(', ');
}

/** Kinds whose public (children and adolescents, or adults) FINESS names tell. */
const KINDS_BY_PUBLIC = new Set<OfferKind>(['cmp', 'cattp', 'cmpp']);

/**
 * Whom a CMP, CATTP or CMPP receives, from its name and category (cmpPublicOf); undefined for
 * other kinds and for the ambiguous ones, which the import report lists instead of guessing.
 */
export function publicsOfEstablishment(
  establishment: Pick<FinessEstablishment, 'categoryCode' | 'name'>,
  kind: OfferKind,
): OfferPublic[] | undefined {
  if (!KINDS_BY_PUBLIC.has(kind)) return undefined;
  const found = cmpPublicOf(establishment).public;
  if (found === 'enfants_adolescents') return ['enfants', 'adolescents'];
  if (found === 'adultes') return ['adultes'];
  return undefined;
}

/** `MONTPELLIER CEDEX 5` → `MONTPELLIER`: a CEDEX is a delivery office, not a commune. */
const withoutCedex = (city: string): string => city.replace(/\s+CEDEX(\s+\d+)?\s*$/i, '').trim();

/**
 * The offer an establishment of FINESS is, with the given kind. `communeName` gives the
 * official (COG) name of a commune; without it, or for a code it does not know, the city of
 * the postal address stands in. Whether a hospital has an emergency department is not in
 * FINESS (it is in its separate authorisations data), so `emergency` is left unknown.
 */
export function offerOfEstablishment(
  establishment: FinessEstablishment,
  kind: OfferKind,
  communeName?: (insee: string) => string | undefined,
): FinessOffer {
  const e = establishment;
  const officialName = e.communeInsee ? communeName?.(e.communeInsee) : undefined;
  const offer: FinessOffer = {
    offerId: `finess-${e.finess}`,
    finess: e.finess,
    source: 'finess',
    kind,
    name: e.longName || e.name,
    address: {
      line: addressLine(e),
      ...(/^\d{5}$/.test(e.postcode) ? { postcode: e.postcode } : {}),
      ...(e.communeInsee ? { communeInsee: e.communeInsee } : {}),
      communeName: officialName || withoutCedex(e.city) || e.city || e.communeInsee,
    },
    position: { lon: e.lon, lat: e.lat },
  };
  // The domain keeps a French number as 0 + 9 digits.
  if (/^0\d{9}$/.test(e.phone)) offer.phone = e.phone;
  if (e.categoryCode) offer.category = { code: e.categoryCode, label: e.categoryLabel };
  if (e.openedOn) offer.openedOn = e.openedOn;
  const publics = publicsOfEstablishment(e, kind);
  if (publics) offer.publics = publics;
  return offer;
}
