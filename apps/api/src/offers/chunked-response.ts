import { csvLine } from '@cls/csv';
import type { Response } from 'express';
import { PUBLIC_CACHE } from './query-parameters.js';

/**
 * Writes `parts` in chunks of about 256 kB, waiting for the client to take each: a national
 * directory (hundreds of thousands of practitioners' sites) is never held as one string.
 * Stops when the client goes away.
 */
export async function sendChunks(response: Response, parts: Iterable<string>, type: string): Promise<void> {
  response.status(200).setHeader('Cache-Control', PUBLIC_CACHE).type(type);
  let chunk = '';
  const flush = async () => {
    if (response.destroyed) return;
    if (!response.write(chunk))
      await new Promise<void>((resolve) => {
        const done = () => {
          response.off('drain', done).off('close', done);
          resolve();
        };
        response.on('drain', done).on('close', done);
      });
    chunk = '';
  };
  for (const part of parts) {
    chunk += part;
    if (chunk.length >= 256 * 1024) await flush();
    if (response.destroyed) return;
  }
  response.end(chunk);
}

function* jsonArray<Offer>(offers: readonly Offer[], record: (offer: Offer) => unknown): Generator<string> {
  yield '[';
  for (const [index, offer] of offers.entries())
    yield `${index === 0 ? '' : ','}${JSON.stringify(record(offer))}`;
  yield ']';
}

export const sendJsonArray = <Offer>(
  response: Response,
  offers: readonly Offer[],
  record: (offer: Offer) => unknown,
) => sendChunks(response, jsonArray(offers, record), 'application/json; charset=utf-8');

function* featureCollection<Offer>(
  offers: readonly Offer[],
  feature: (offer: Offer) => unknown,
): Generator<string> {
  yield '{"type":"FeatureCollection","features":[';
  for (const [index, offer] of offers.entries())
    yield `${index === 0 ? '' : ','}${JSON.stringify(feature(offer))}`;
  yield ']}';
}

/** A GeoJSON FeatureCollection (RFC 7946), one Feature per offer, written as it is serialised. */
export const sendFeatureCollection = <Offer>(
  response: Response,
  offers: readonly Offer[],
  feature: (offer: Offer) => unknown,
) => sendChunks(response, featureCollection(offers, feature), 'application/geo+json; charset=utf-8');

function* csvLines<Offer>(
  header: readonly string[],
  offers: readonly Offer[],
  row: (offer: Offer) => string[],
): Generator<string> {
  yield csvLine(header, ',');
  for (const offer of offers) yield csvLine(row(offer), ',');
}

export const sendCsv = <Offer>(
  response: Response,
  header: readonly string[],
  offers: readonly Offer[],
  row: (offer: Offer) => string[],
) => sendChunks(response, csvLines(header, offers, row), 'text/csv; charset=utf-8');
