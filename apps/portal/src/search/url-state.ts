import {
  isOfferKind,
  OFFER_ACCESS,
  OFFER_KINDS,
  OFFER_PUBLICS,
  type OfferAccess,
  type OfferKind,
  type OfferPublic,
} from '@cls/domain';

/** The radii offered, in km; the search's default is the second. */
export const RADIUS_OPTIONS = [5, 10, 20, 50] as const;
export const DEFAULT_RADIUS_KM = 10;

/** The place's name when the search is around the browser's position. */
export const MY_POSITION = 'Ma position';

/** The place as a sentence says it: « à 3 km de Lodève », « de votre position ». */
export const placeName = (q: string) => (q === MY_POSITION ? 'votre position' : q);

export interface Point {
  lon: number;
  lat: number;
}

/**
 * What a search is, all of it in the URL so that it can be shared:
 * `?q=Clermont-l'Hérault&commune=34079&lon=3.41&lat=43.63&types=msp,cmp&rayon=20&offre=…`,
 * and the filters `&ouvert=maintenant,samedi&public=enfants&acces=gratuit`.
 */
export interface SearchState {
  /** The place's name as shown in the search box (a commune, or « Ma position »). */
  q: string;
  /** The commune's INSEE code when the place is one: the CPTS covering it are among the results. */
  commune: string | null;
  /** Where distances are measured from; none before a place is chosen. */
  center: Point | null;
  /** The kinds filtered on; none means every kind. */
  kinds: OfferKind[];
  radiusKm: number;
  /** The offer whose card is open. */
  offerId: string | null;
  /** A past day (YYYY-MM-DD): the offers that existed then (the audit's « carte à une date »). */
  date: string | null;
  /** Only offers open now (Europe/Paris). */
  openNow: boolean;
  /** Only offers open on the next Saturday. */
  openSaturday: boolean;
  /** Offers for any of these publics. */
  publics: OfferPublic[];
  /** Offers meeting all of these conditions. */
  access: OfferAccess[];
}

export const EMPTY_SEARCH: SearchState = {
  q: '',
  commune: null,
  center: null,
  kinds: [],
  radiusKm: DEFAULT_RADIUS_KM,
  offerId: null,
  date: null,
  openNow: false,
  openSaturday: false,
  publics: [],
  access: [],
};

/** The values of a comma list among `known`, in their order, once each. */
const listOf = <T extends string>(value: string | null, known: readonly T[]): T[] => {
  const asked = (value ?? '').split(',');
  return known.filter((item) => asked.includes(item));
};

/** `2024-06-30`, a day that exists. */
const isDay = (value: string | null): value is string =>
  value !== null &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  new Date(value).toISOString().startsWith(value);

function coordinate(value: string | null, limit: number): number | null {
  if (value === null || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) && Math.abs(number) <= limit ? number : null;
}

/** Reads a query string; whatever is malformed falls back to its default. */
export function parseSearchState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const lon = coordinate(params.get('lon'), 180);
  const lat = coordinate(params.get('lat'), 90);
  const requestedKinds = (params.get('types') ?? '').split(',').filter(isOfferKind);
  const radius = Number(params.get('rayon'));
  const commune = params.get('commune') ?? '';
  return {
    q: (params.get('q') ?? '').trim(),
    commune: /^(\d{5}|2[AB]\d{3})$/.test(commune) ? commune : null,
    center: lon !== null && lat !== null ? { lon, lat } : null,
    // In the filters' order, once each.
    kinds: OFFER_KINDS.filter((kind) => requestedKinds.includes(kind)),
    radiusKm: (RADIUS_OPTIONS as readonly number[]).includes(radius) ? radius : DEFAULT_RADIUS_KM,
    offerId: params.get('offre') || null,
    date: isDay(params.get('date')) ? params.get('date') : null,
    openNow: listOf(params.get('ouvert'), OPENINGS).includes('maintenant'),
    openSaturday: listOf(params.get('ouvert'), OPENINGS).includes('samedi'),
    publics: listOf(params.get('public'), OFFER_PUBLICS),
    access: listOf(params.get('acces'), OFFER_ACCESS),
  };
}

const OPENINGS = ['maintenant', 'samedi'] as const;

/** 5 decimals: about a metre, enough for a place and short in a shared link. */
const round = (value: number) => String(Math.round(value * 1e5) / 1e5);

/** Writes the query string (with its `?`, or empty); defaults are left out. */
export function serializeSearchState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.commune) params.set('commune', state.commune);
  if (state.center) {
    params.set('lon', round(state.center.lon));
    params.set('lat', round(state.center.lat));
  }
  if (state.kinds.length > 0) params.set('types', state.kinds.join(','));
  if (state.radiusKm !== DEFAULT_RADIUS_KM) params.set('rayon', String(state.radiusKm));
  if (state.offerId) params.set('offre', state.offerId);
  if (state.date) params.set('date', state.date);
  const openings = [...(state.openNow ? ['maintenant'] : []), ...(state.openSaturday ? ['samedi'] : [])];
  if (openings.length > 0) params.set('ouvert', openings.join(','));
  if (state.publics.length > 0) params.set('public', state.publics.join(','));
  if (state.access.length > 0) params.set('acces', state.access.join(','));
  const query = params.toString();
  return query ? `?${query}` : '';
}
