import {
  changedOfferDetails,
  DateSchema,
  type OfferDetails,
  type RegisterOffer,
  type RemovableOfferField,
} from '@cls/domain';
import { departementOfFiness } from './finess/departements.js';
import type { FinessOffer } from './finess/to-offer.js';

/** An offer already known that came from FINESS. */
export interface ImportedOffer {
  offerId: string;
  finess: string;
  details: OfferDetails;
  closed: boolean;
}

/** An offer read from the file being imported (see offerOfEstablishment). */
export type IncomingOffer = FinessOffer;

export interface OfferImportOptions {
  /** The extract's date: when the offers were last checked. */
  verifiedOn: string;
  /**
   * Departments the file covers (`34`, `2A`, `974`): only their offers missing from the file are
   * closed. By default, the departments of the incoming offers.
   */
  scopeDepartements?: readonly string[];
}

export type RegisterOfferPayload = Omit<RegisterOffer, 'type'>;

export interface OfferImportPlan {
  register: RegisterOfferPayload[];
  /** Only the fields that changed. */
  /** Only the fields that changed, and those the file no longer gives (a phone removed). */
  update: Array<{
    offerId: string;
    changes: Partial<OfferDetails>;
    remove: RemovableOfferField[];
    verifiedOn: string;
  }>;
  close: Array<{ offerId: string; closedOn: string; reason: string }>;
  /** Closed offers that are in the file again: a person decides, nothing is registered. */
  reopened: Array<{ offerId: string; finess: string }>;
  /** Offers in the file exactly as already known. */
  unchanged: number;
}

/** Details FINESS gives when it has them: one missing from the file is gone (website and emergency never come from it). */
const FIELDS_FINESS_GIVES: RemovableOfferField[] = ['phone', 'openedOn', 'category'];

const byFiness = (a: { finess: string }, b: { finess: string }) => a.finess.localeCompare(b.finess);

/**
 * What importing a FINESS file changes in the known offers: offers to register, to update
 * (changed fields only), to close (gone from the file, in a department the file covers), and
 * closed offers that reappear. Importing the same file twice plans nothing the second time.
 * A detail that FINESS gives and that disappears from the file (a phone number) is removed.
 */
export function planOfferImport(
  current: readonly ImportedOffer[],
  incoming: readonly IncomingOffer[],
  options: OfferImportOptions,
): OfferImportPlan {
  // The domain's date reads « 23/11/2026 » too: the events get the day it means, written AAAA-MM-JJ.
  const parsed = DateSchema.safeParse(options.verifiedOn);
  if (!parsed.success) {
    throw new Error(
      `Import FINESS : date de vérification invalide « ${options.verifiedOn} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ)`,
    );
  }
  const verifiedOn = parsed.data;
  const incomingByFiness = new Map<string, IncomingOffer>();
  for (const offer of incoming) {
    if (incomingByFiness.has(offer.finess)) {
      throw new Error(`Import FINESS : le numéro ${offer.finess} figure deux fois dans le fichier`);
    }
    incomingByFiness.set(offer.finess, offer);
  }
  const currentByFiness = new Map(current.map((offer) => [offer.finess, offer]));
  const scope = new Set(
    options.scopeDepartements ?? [...incomingByFiness.keys()].map((finess) => departementOfFiness(finess)),
  );

  const plan: OfferImportPlan = { register: [], update: [], close: [], reopened: [], unchanged: 0 };
  for (const offer of [...incomingByFiness.values()].sort(byFiness)) {
    const known = currentByFiness.get(offer.finess);
    if (!known) {
      plan.register.push({ ...offer, verifiedOn });
      continue;
    }
    if (known.closed) {
      plan.reopened.push({ offerId: known.offerId, finess: offer.finess });
      continue;
    }
    const { offerId: _id, finess: _finess, source: _source, ...details } = offer;
    const { publics, ...compared } = details;
    const changes = changedOfferDetails(known.details, compared);
    // The public FINESS's name tells fills an offer that has none: a coordinator's choice stands.
    if (publics && !known.details.publics) changes.publics = publics;
    const remove = FIELDS_FINESS_GIVES.filter(
      (field) => known.details[field] !== undefined && details[field] === undefined,
    );
    if (Object.keys(changes).length === 0 && remove.length === 0) plan.unchanged += 1;
    else plan.update.push({ offerId: known.offerId, changes, remove, verifiedOn });
  }
  for (const known of [...current].sort(byFiness)) {
    if (known.closed || incomingByFiness.has(known.finess)) continue;
    if (!scope.has(departementOfFiness(known.finess))) continue;
    plan.close.push({
      offerId: known.offerId,
      closedOn: verifiedOn,
      reason: `Absente du fichier FINESS du ${verifiedOn}`,
    });
  }
  return plan;
}
