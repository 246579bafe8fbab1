import { createHash } from 'node:crypto';
import { OfferKindSchema } from '@cls/domain';
import {
  dataInclusionRow,
  SERVICE_COLUMNS,
  STRUCTURE_COLUMNS,
  serviceOfOffer,
  structureOfOffer,
} from '@cls/offers';
import { Controller, Get, HttpException, Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { sendCsv, sendJsonArray } from './chunked-response.js';
import { CURSOR_PATTERN, CursorBeyondLog, OfferChangeFeed } from './offer-changes.js';
import { OfferIndexCache } from './offer-index-cache.js';
import { commaList, parameters } from './query-parameters.js';

/** `departement=34,2A,974`: the offers of these departements (see departementOf). */
export const DepartementsParameter = z.preprocess(
  commaList,
  z
    .array(z.string().regex(/^(\d{2}|2[AB]|97\d)$/, { error: 'département invalide (ex. 34, 2A, 974)' }))
    .max(110, { error: '110 départements au plus' })
    .optional(),
);

export const DataInclusionQuery = z.object({
  kind: z.preprocess(commaList, z.array(OfferKindSchema).max(40, { error: '40 types au plus' }).optional()),
  departement: DepartementsParameter,
});

export const ChangesQuery = z.object({
  since: z
    .string({ error: 'curseur attendu' })
    .regex(CURSOR_PATTERN, {
      error: 'curseur invalide : le « cursor » ou le « next » d’une réponse précédente (0 pour tout)',
    })
    .default('0'),
  limit: z.coerce
    .number({ error: 'limit : nombre attendu' })
    .int({ error: 'limit : nombre entier' })
    .min(1, { error: 'limit : entre 1 et 1000' })
    .max(1000, { error: 'limit : entre 1 et 1000' })
    .default(200),
});

/** The department of an offer's commune (`34`, `2A`, `974`), from its INSEE code, else its postcode. */
export function departementOf(offer: {
  communeInsee: string | null;
  postcode: string | null;
}): string | null {
  const code = offer.communeInsee ?? offer.postcode;
  if (!code) return null;
  if (code.startsWith('97')) return code.slice(0, 3);
  // A Corsican postcode (20…) does not say which of 2A and 2B.
  if (!offer.communeInsee && code.startsWith('20')) return null;
  return code.slice(0, 2);
}

/** A full page of the feed never changes but for a name erased since: an hour in caches at most. */
const COMPLETE_PAGE_CACHE = 'public, max-age=3600';
/** The last page grows as offers change. */
const LAST_PAGE_CACHE = 'public, max-age=10';

/**
 * Open data for those who sync the directory: the open offers in the data·inclusion schema
 * (structures and services, JSON and CSV), and the change feed read from the log.
 * Public, read-only, counted against the public rate limit like every `/api/` path.
 */
@Controller('api')
export class OpenDataController {
  constructor(
    @Inject(OfferIndexCache) private readonly currentOffers: OfferIndexCache,
    @Inject(OfferChangeFeed) private readonly feed: OfferChangeFeed,
  ) {}

  @Get('data-inclusion/structures.json')
  async structuresJson(@Query() query: unknown, @Res() response: Response) {
    const offers = await this.published(query);
    await sendJsonArray(response, offers, structureOfOffer);
  }

  @Get('data-inclusion/services.json')
  async servicesJson(@Query() query: unknown, @Res() response: Response) {
    const offers = await this.published(query);
    await sendJsonArray(response, offers, serviceOfOffer);
  }

  @Get('data-inclusion/structures.csv')
  async structuresCsv(@Query() query: unknown, @Res() response: Response) {
    const offers = await this.published(query);
    response.attachment('structures.csv');
    await sendCsv(response, STRUCTURE_COLUMNS, offers, (offer) =>
      dataInclusionRow(structureOfOffer(offer), STRUCTURE_COLUMNS),
    );
  }

  @Get('data-inclusion/services.csv')
  async servicesCsv(@Query() query: unknown, @Res() response: Response) {
    const offers = await this.published(query);
    response.attachment('services.csv');
    await sendCsv(response, SERVICE_COLUMNS, offers, (offer) =>
      dataInclusionRow(serviceOfOffer(offer), SERVICE_COLUMNS),
    );
  }

  /** The open offers (closed ones are in the change feed), with their website, in a stable order. */
  private async published(query: unknown) {
    const { kind, departement } = parameters(DataInclusionQuery, query);
    const kinds = kind && kind.length > 0 ? new Set(kind) : undefined;
    const departements = departement && departement.length > 0 ? new Set(departement) : undefined;
    const { byId } = await this.currentOffers.current();
    return [...byId.values()]
      .filter(({ row, summary }) => {
        if (row.closedOn) return false;
        if (kinds && !kinds.has(summary.kind)) return false;
        const of = departementOf(summary);
        return !departements || (of !== null && departements.has(of));
      })
      .map(({ row, summary }) => ({ ...summary, website: row.website }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * The offers' changes after `since`, oldest first, `limit` at most: created, updated, closed.
   * A full page is cacheable (its ETag never changes); the last one only briefly.
   */
  @Get('offers/changes')
  async changes(@Query() query: unknown, @Req() request: Request, @Res() response: Response) {
    const { since, limit } = parameters(ChangesQuery, query);
    const page = await this.feed.page(Number(since), limit).catch((error: unknown) => {
      if (error instanceof CursorBeyondLog)
        throw new HttpException(
          { statusCode: 400, error: 'Paramètres invalides', message: error.message },
          400,
        );
      throw error;
    });
    const body = JSON.stringify(page);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    response
      .setHeader('Cache-Control', page.complete ? COMPLETE_PAGE_CACHE : LAST_PAGE_CACHE)
      .setHeader('ETag', etag);
    const known = request.headers['if-none-match'];
    if (known?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      response.status(304).end();
      return;
    }
    response.type('application/json; charset=utf-8').send(body);
  }
}
