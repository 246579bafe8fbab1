import {
  OFFER_KIND_LABELS,
  type OfferDetails,
  type OfferKind,
  type OfferPractice,
  PhoneSchema,
} from '@cls/domain';
import type { CommuneCentres, FrenchCommunes } from './french-communes.js';
import {
  detached,
  type PractitionerActivity,
  practitionerOfferId,
  type RppsProfession,
} from './practitioner-site.js';

/**
 * The savoir-faire that make a médecin a généraliste (nomenclature TRE_R38 « Spécialité
 * ordinale » of the ANS): SM26 « Qualifié en Médecine Générale », SM53 « Spécialiste en Médecine
 * Générale », SM54 « Médecine Générale » — the file writes one or the other depending on how the
 * qualification was obtained (a public reader of the file merges the three: search corpus
 * « code », string « Qualifié en Médecine Générale »).
 */
export const GENERAL_MEDICINE_SAVOIR_FAIRE: ReadonlySet<string> = new Set(['SM26', 'SM53', 'SM54']);

/** The kind of the other professions' liberal sites (médecins: by their savoir-faire). */
const KIND_OF_PROFESSION: Readonly<Record<Exclude<RppsProfession, '10'>, OfferKind>> = {
  '40': 'chirurgien_dentiste',
  '50': 'sage_femme',
  '60': 'infirmier',
  '70': 'masseur_kinesitherapeute',
};

/** A practitioner's offer at one site, ready to register (or compare with the one known). */
export interface PractitionerOffer {
  offerId: string;
  rpps: string;
  /** The person (sealed in the log), not the offer's name. */
  practitioner: { name: string };
  details: OfferDetails;
  /** INSEE department of the site: the import closes only offers of the departments it read. */
  departement: string;
  /** The file's lines this offer was read from (several savoir-faire: several lines). */
  lines: number[];
  /** The site's address as the file splits it: what a BAN address file is searched with. */
  street: { number?: string; repetition?: string; streetType?: string; streetName?: string };
}

export type SiteOutcome =
  | { offer: PractitionerOffer }
  /** A médecin whose savoir-faire at the site is not general medicine. */
  | { ignored: 'savoir-faire' }
  | { rejected: { line: number; reason: string } };

/** Where communes are and what they are called, for the whole of France. */
export interface CommunePlaces {
  communes: FrenchCommunes;
  centres: CommuneCentres;
}

/** The street line as the file splits it: `13 B Boulevard PASTEUR, BP 70`. */
function streetLine(activity: PractitionerActivity): string {
  const { number, repetition, streetType, streetName, distribution } = activity.site.address;
  const street = [[number, repetition].filter(Boolean).join(' '), streetType, streetName]
    .filter(Boolean)
    .join(' ');
  return [street, distribution].filter(Boolean).join(', ');
}

/**
 * The activities of one practitioner grouped by site, the lines of one site merged (the file has
 * a line per savoir-faire): the practitioner's offers, one per liberal site.
 */
export function groupBySite(activities: readonly PractitionerActivity[]): PractitionerActivity[][] {
  const sites = new Map<string, PractitionerActivity[]>();
  for (const activity of activities) {
    const id = practitionerOfferId(activity.rpps, activity.site.key);
    sites.set(id, [...(sites.get(id) ?? []), activity]);
  }
  return [...sites.values()];
}

/**
 * A practitioner's offer at a site from its lines: the kind from the profession (a médecin's from
 * a general-medicine savoir-faire), placed at the centre of the site's commune and flagged
 * « position approximative (commune) ». The offer's name is the profession, never the person's
 * name: that one is the practitioner's, sealed. A commune that cannot be told, or whose centre is
 * unknown, rejects the site with its first line — never guessed.
 */
export function offerOfSite(lines: readonly PractitionerActivity[], places: CommunePlaces): SiteOutcome {
  const first = lines[0];
  if (!first) throw new Error('offerOfSite : aucune ligne');
  const line = first.line;
  let kind: OfferKind;
  let savoirFaire: OfferPractice['savoirFaire'];
  if (first.profession.code === '10') {
    const general = lines.find(
      (activity) => activity.savoirFaire && GENERAL_MEDICINE_SAVOIR_FAIRE.has(activity.savoirFaire.code),
    );
    if (!general?.savoirFaire) return { ignored: 'savoir-faire' };
    kind = 'medecin_generaliste';
    savoirFaire = { code: general.savoirFaire.code, label: general.savoirFaire.label };
  } else {
    kind = KIND_OF_PROFESSION[first.profession.code];
  }

  const { address } = first.site;
  const found = places.communes.resolve(address);
  if ('problem' in found) return { rejected: { line, reason: detached(found.problem) } };
  const { commune } = found;
  const position = places.centres.of(commune);
  if (!position) {
    return {
      rejected: {
        line,
        reason: `centre de la commune ${commune.name} (${commune.insee}) inconnu : donnez le fichier national des centres (--communes)`,
      },
    };
  }
  const postcode = [address.postcode, /^(\d{5})\b/.exec(address.cedex ?? '')?.[1]].find(
    (candidate) => candidate !== undefined && /^\d{5}$/.test(candidate),
  );
  const phone = first.site.phone ? PhoneSchema.safeParse(first.site.phone) : undefined;
  const details: OfferDetails = {
    kind,
    name: OFFER_KIND_LABELS[kind].long,
    address: {
      line: streetLine(first),
      ...(postcode ? { postcode } : {}),
      communeInsee: commune.insee,
      communeName: commune.name,
    },
    position,
    positionPrecision: 'commune',
    ...(phone?.success ? { phone: phone.data } : {}),
    practice: {
      profession: { code: first.profession.code, label: first.profession.label },
      mode: 'liberal',
      ...(savoirFaire ? { savoirFaire } : {}),
    },
  };
  const { number, repetition, streetType, streetName } = address;
  return {
    offer: {
      offerId: practitionerOfferId(first.rpps, first.site.key),
      rpps: first.rpps,
      practitioner: { name: first.name },
      details,
      departement: commune.departement,
      lines: lines.map((activity) => activity.line),
      street: {
        ...(number ? { number } : {}),
        ...(repetition ? { repetition } : {}),
        ...(streetType ? { streetType } : {}),
        ...(streetName ? { streetName } : {}),
      },
    },
  };
}
