import { posix } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** Why a call was refused: the 429's message, and when the client's budget comes back. */
export interface RateRefusal {
  message: string;
  retryAfterSeconds: number;
}

/**
 * A path as the routers may resolve it: percent-decoded, lower case (Express matches
 * routes and mounts case-insensitively), without repeated slashes nor `.`/`..`
 * segments. A path that cannot be decoded is kept as it came.
 */
export function routedPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Malformed escapes: the routers do not decode them either.
  }
  return posix.normalize(decoded.toLowerCase());
}

/** The REST endpoints for reusers (`/api/*`), however the path is written. */
export const isPublicRest = (path: string) => routedPath(path).startsWith('/api/');

/**
 * At most `perMinute` calls per client address and minute on the public endpoints
 * (fixed one-minute windows), 429 with Retry-After beyond. A call is what the
 * routers execute: one REST request under `/api/`, or one tRPC procedure (the tRPC
 * context spends a unit per procedure, each of a batch on its own; see @cls/api's
 * publicProcedure for which ones). Per process: behind several replicas, each has
 * its budget and the edge cache and proxy carry the rest.
 */
export class PublicRateLimit {
  #window: number;
  #counts = new Map<string, number>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#window = Math.floor(now() / 60_000);
  }

  /** Counts one call of `client`: undefined within its budget, the refusal beyond. */
  spend(client: string): RateRefusal | undefined {
    const now = this.now();
    const current = Math.floor(now / 60_000);
    if (current !== this.#window) {
      this.#window = current;
      this.#counts = new Map();
    }
    const count = (this.#counts.get(client) ?? 0) + 1;
    this.#counts.set(client, count);
    if (count <= this.perMinute) return undefined;
    return {
      message: `Au plus ${this.perMinute} requêtes par minute : réessayez plus tard`,
      retryAfterSeconds: Math.ceil(((current + 1) * 60_000 - now) / 1000),
    };
  }

  /** The REST side: one call per request under `/api/`, 429 with Retry-After beyond. */
  readonly rest = (request: Request, response: Response, next: NextFunction): void => {
    const refusal = isPublicRest(request.path) ? this.spend(clientOf(request)) : undefined;
    if (!refusal) {
      next();
      return;
    }
    response.setHeader('Retry-After', String(refusal.retryAfterSeconds));
    response.status(429).json({ statusCode: 429, error: 'Trop de requêtes', message: refusal.message });
  };
}

/** The client's address (from the trusted hop behind a proxy, see TRUST_PROXY). */
export const clientOf = (request: Request) => request.ip ?? request.socket.remoteAddress ?? '';
