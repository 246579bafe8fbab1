import type { OfferSummary } from '@cls/api';
import { PointSchema } from '@cls/api/schemas';
import { OfferKindSchema } from '@cls/domain';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { OfferIndexCache } from './offer-index-cache.js';
import { commaList, PUBLIC_CACHE, parameters } from './query-parameters.js';

/** The path of the reusers' nearest-offers query, as every client writes it. */
export const NEAREST_PATH = '/api/offers/nearest';

const NearestQuery = PointSchema.extend({
  kind: z.preprocess(commaList, z.array(OfferKindSchema).optional()),
  limit: z.coerce
    .number()
    .int()
    .min(1, { error: 'limit : entre 1 et 100' })
    .max(100, { error: 'limit : entre 1 et 100' })
    .default(10),
  radiusKm: z.coerce.number().positive().max(500).optional(),
});

/**
 * An offer's entry in the answer, serialised once per offer of an index: the JSON before its
 * distance and the JSON after it. Keyed by the summary object itself, which the index cache
 * makes anew whenever the read model moves (or the day changes): a changed offer is another key.
 */
const fragments = new WeakMap<OfferSummary, { head: string; tail: string }>();

function fragmentsOf(offer: OfferSummary): { head: string; tail: string } {
  let cached = fragments.get(offer);
  if (!cached) {
    const { id, finess, name, kind, address, commune, phone, lon, lat } = offer;
    const head = JSON.stringify({ id, finess, name, kind });
    const tail = JSON.stringify({ address, commune, phone, lon, lat });
    cached = { head: `${head.slice(0, -1)},"distanceKm":`, tail: `,${tail.slice(1)}` };
    fragments.set(offer, cached);
  }
  return cached;
}

/**
 * `GET /api/offers/nearest`'s answer, as JSON text: the `limit` nearest open offers (of the
 * kinds asked, within `radiusKm`), each with its distance in km to three decimals — the text
 * `JSON.stringify` gives of `{ results: [{ id, finess, name, kind, distanceKm, address, commune,
 * phone, lon, lat }] }`. Bad parameters: a 400 (HttpException).
 */
export async function nearestOffersJson(
  currentOffers: Pick<OfferIndexCache, 'current'>,
  query: unknown,
): Promise<string> {
  const { lon, lat, kind, limit, radiusKm } = parameters(NearestQuery, query);
  const { index } = await currentOffers.current();
  const nearest = index.nearest({
    lon,
    lat,
    limit,
    ...(kind && kind.length > 0 ? { kinds: kind } : {}),
    ...(radiusKm ? { maxDistanceKm: radiusKm } : {}),
  });
  let json = '{"results":[';
  for (let i = 0; i < nearest.length; i++) {
    const { item, distanceKm } = nearest[i] as (typeof nearest)[number];
    const { head, tail } = fragmentsOf(item);
    json += `${i > 0 ? ',' : ''}${head}${JSON.stringify(Number(distanceKm.toFixed(3)))}${tail}`;
  }
  return `${json}]}`;
}

/** How the nearest offers' answer goes out: JSON, publicly cacheable (Express adds its ETag, answers 304). */
export function sendNearestOffers(response: Response, json: string): void {
  response
    .setHeader('Cache-Control', PUBLIC_CACHE)
    .setHeader('Content-Type', 'application/json; charset=utf-8')
    .send(json);
}

/**
 * The portal's most frequent request answered before Nest's router: a GET of exactly
 * NEAREST_PATH, once the security headers, the NUL check and the public rate limit have run
 * (it is mounted after them). It skips the web apps' mounts, the body parsers and the matching
 * of every Nest route, the heaviest part of this small answer under load. Anything but a
 * success — bad parameters, an unreachable database — goes on to OffersController's route,
 * which answers it as every REST error is answered; that route serves the other spellings of
 * the path too (`/API/offers/nearest`, a trailing slash) and HEAD, with the same text.
 */
export function nearestOffersRoute(currentOffers: Pick<OfferIndexCache, 'current'>) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' || request.path !== NEAREST_PATH) {
      next();
      return;
    }
    nearestOffersJson(currentOffers, request.query)
      .then(
        (json) => sendNearestOffers(response, json),
        () => next(),
      )
      .catch(next);
  };
}
