import type { NextFunction, Request, Response } from 'express';

/** The public endpoints: REST for reusers and the portal's tRPC queries. */
const isPublic = (path: string) => path.startsWith('/api/') || /^\/trpc\/portal\./.test(path);

/**
 * At most `perMinute` requests per client address and minute on the public
 * endpoints (fixed one-minute windows), 429 with Retry-After beyond. Per
 * process: behind several replicas, the edge cache and proxy carry the rest.
 */
export function publicRateLimit(perMinute: number, now: () => number = Date.now) {
  let window = Math.floor(now() / 60_000);
  let counts = new Map<string, number>();
  return (request: Request, response: Response, next: NextFunction) => {
    if (!isPublic(request.path)) return next();
    const current = Math.floor(now() / 60_000);
    if (current !== window) {
      window = current;
      counts = new Map();
    }
    const client = request.ip ?? request.socket.remoteAddress ?? '';
    const count = (counts.get(client) ?? 0) + 1;
    counts.set(client, count);
    if (count <= perMinute) return next();
    response.setHeader('Retry-After', String(Math.ceil(((current + 1) * 60_000 - now()) / 1000)));
    response.status(429).json({
      statusCode: 429,
      error: 'Trop de requêtes',
      message: `Au plus ${perMinute} requêtes par minute : réessayez plus tard`,
    });
  };
}
