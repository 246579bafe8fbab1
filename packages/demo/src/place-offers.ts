import type { OfferKind } from '@cls/domain';
import { sourceDateOf } from './offers.js';
import { type PlannedCommand, plan } from './plan.js';
import type { SeedPlace, Seeds } from './seeds.js';

/** The seeds' kinds of place that are clearly one kind of offer; the others (ESP, CLSM, DAC, projects…) are not offers. */
const OFFER_KIND_OF_PLACE: Readonly<Record<string, OfferKind>> = {
  MSP: 'msp',
  'centre de santé': 'centre_sante',
  'CMP enfants-adolescents': 'cmp',
  PMI: 'pmi',
  CAMSP: 'camsp',
  CAARUD: 'caarud',
  CSAPA: 'csapa',
  'centre de santé sexuelle': 'planification',
  'planning familial': 'planification',
  'centre hospitalier': 'hopital',
  CHU: 'hopital',
  'centre hospitalier (santé mentale)': 'psychiatrie',
  'clinique privée': 'clinique',
};

/** A commune of the open data, as the planner needs it. */
export interface PlaceCommune {
  insee: string;
  name: string;
  lon: number;
  lat: number;
}

/** An offer FINESS lists, as the planner compares a place with it. */
export interface ListedOffer {
  kind: OfferKind;
  name: string;
  communeInsee: string;
}

export interface PlaceOffersPlan {
  commands: PlannedCommand[];
  /** The places registered, by id. */
  registered: string[];
  /** The places left out, each with why (in French). */
  skipped: Array<{ id: string; name: string; reason: string }>;
}

/** Words that say the kind or are grammar, not which place it is. */
const GENERIC_WORDS = new Set(
  'msp maison sante pluriprofessionnelle pluridisciplinaire centre centres hospitalier hospitaliere ch chu hopital caarud csapa camsp cmp cmpea pmi planification planning familial clinique de du des d la le les l et'.split(
    ' ',
  ),
);

/** The words of a name, lower case, without accents. */
const wordsOf = (text: string): string[] =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** The words that tell a place from others of its kind in its commune (`CAARUD Béziers (Groupe SOS)` → groupe, sos). */
function distinctiveWords(name: string, commune: string): string[] {
  const communeWords = new Set(wordsOf(commune));
  return wordsOf(name).filter((word) => !GENERIC_WORDS.has(word) && !communeWords.has(word));
}

/**
 * Whether two names of the same kind in the same commune are the same place: one says nothing
 * more than its kind and commune (`MSP Lodève`), or they share a word, the first five letters
 * sufficing (`Lodève` / `LODEVOIS`).
 */
function similarNames(a: string, b: string, commune: string): boolean {
  const left = distinctiveWords(a, commune);
  const right = distinctiveWords(b, commune);
  if (left.length === 0 || right.length === 0) return true;
  const stem = (word: string) => word.slice(0, 5);
  return left.some((word) => right.some((other) => stem(word) === stem(other)));
}

/**
 * The seeds' named places (`places.json`) registered as offers where their kind is clearly
 * an offer kind and their commune is known: positioned at the commune's centre (their street
 * is not in the sources), verified on the date of their latest source, with nothing else (no
 * phone, no hours: none is given). Left out, with why: other kinds, projects and closed
 * places, places without a commune or a dated source, and those FINESS lists already (same
 * kind, same commune, a similar name).
 */
export function planPlaceOffers(
  seeds: Seeds,
  communesNamed: (name: string) => PlaceCommune[],
  listed: ListedOffer[],
): PlaceOffersPlan {
  const result: PlaceOffersPlan = { commands: [], registered: [], skipped: [] };
  const skip = (place: SeedPlace, reason: string) =>
    result.skipped.push({ id: place.id, name: place.name, reason });
  for (const place of seeds.places) {
    const kind = OFFER_KIND_OF_PLACE[place.kind];
    if (place.kind === 'CPTS') {
      // The demo's CPTS is declared over its territory (planDemoOffers), not at a point.
      skip(place, 'une CPTS couvre un territoire : déclarée avec ses communes, pas ici');
      continue;
    }
    if (!kind) {
      skip(place, `« ${place.kind} » n’est pas un type d’offre`);
      continue;
    }
    if (place.status) {
      skip(place, `statut « ${place.status} » : pas une offre ouverte`);
      continue;
    }
    if (!place.commune) {
      skip(place, 'commune non renseignée dans les sources');
      continue;
    }
    const communes = communesNamed(place.commune);
    const commune = communes[0];
    if (!commune || communes.length > 1) {
      skip(
        place,
        communes.length > 1
          ? `plusieurs communes s’appellent « ${place.commune} »`
          : `commune « ${place.commune} » absente des données ouvertes`,
      );
      continue;
    }
    const same = listed.find(
      (offer) =>
        offer.kind === kind &&
        offer.communeInsee === commune.insee &&
        similarNames(place.name, offer.name, commune.name),
    );
    if (same) {
      skip(place, `FINESS la recense déjà : « ${same.name} » à ${commune.name}`);
      continue;
    }
    const verifiedOn = sourceDateOf(seeds, place);
    if (!verifiedOn) {
      skip(place, 'aucune de ses sources n’est datée');
      continue;
    }
    const offerId = `lieu-${place.id}`;
    result.commands.push(
      plan(`offer:${offerId}`, 'RegisterOffer', {
        offerId,
        source: 'manual',
        kind,
        name: place.name,
        // No street in the sources: the commune only, and its centre as the point, said so.
        address: { line: '', communeInsee: commune.insee, communeName: commune.name },
        position: { lon: commune.lon, lat: commune.lat },
        positionPrecision: 'commune',
        verifiedOn,
      }),
    );
    result.registered.push(place.id);
  }
  return result;
}
