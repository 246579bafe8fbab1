import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

export interface WebApp {
  /** URL prefix: '/' for the portal, '/admin' for the admin app. */
  mount: string;
  /** The app's Vite build (index.html + assets/). */
  dist: string;
}

const API_PREFIXES = ['/trpc', '/api', '/healthz'];
const isApiPath = (request: Request) => API_PREFIXES.some((prefix) => request.originalUrl.startsWith(prefix));

/**
 * Serves built single-page apps: hashed assets cached for a year, index.html
 * never cached, and any other GET under the mount answered with index.html so
 * that client-side routes survive a reload. Returns the apps that were found.
 */
export function serveWebApps(app: INestApplication, webApps: WebApp[]): WebApp[] {
  const found = webApps.filter((webApp) => existsSync(join(webApp.dist, 'index.html')));
  // Longest mount first, so /admin is not swallowed by the portal at /.
  for (const webApp of [...found].sort((a, b) => b.mount.length - a.mount.length)) {
    const index = join(webApp.dist, 'index.html');
    const files = express.static(webApp.dist, {
      index: false,
      setHeaders: (response, filePath) => {
        const hashed = filePath.includes(`${join(webApp.dist, 'assets')}`);
        response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // The API's paths are no files of the apps: not looked up on disk (a stat per API request under load).
    app.use(webApp.mount, (request: Request, response: Response, next: NextFunction) =>
      isApiPath(request) ? next() : files(request, response, next),
    );
    app.use(webApp.mount, (request: Request, response: Response, next: NextFunction) => {
      const isPage = request.method === 'GET' && request.accepts(['html', 'json']) === 'html';
      if (!isPage || isApiPath(request)) return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
    });
  }
  return found;
}
