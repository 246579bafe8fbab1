import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'cls_session';
const MAX_AGE_SECONDS = 12 * 60 * 60;

/** A cookie sent by the browser, if any. */
export function readCookie(request: Request, cookie: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookie) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The session token sent by the browser, if any. */
export const readSessionCookie = (request: Request) => readCookie(request, SESSION_COOKIE);

/** HttpOnly (no script reads it), SameSite=Lax (not sent by cross-site POSTs), Secure over HTTPS. */
export function writeSessionCookie(request: Request, response: Response, token: string | undefined): void {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', ...(request.secure ? ['Secure'] : [])];
  response.append(
    'Set-Cookie',
    token === undefined
      ? [`${SESSION_COOKIE}=`, 'Max-Age=0', ...attributes].join('; ')
      : [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, `Max-Age=${MAX_AGE_SECONDS}`, ...attributes].join(
          '; ',
        ),
  );
}

/**
 * The OpenID Connect identity waiting for the password login that links it
 * (see AccountsService.loginWithOidc): for the login call only, 10 minutes.
 */
export const OIDC_LINK_COOKIE = 'cls_oidc_link';

export function writeOidcLinkCookie(request: Request, response: Response, token: string | undefined): void {
  const attributes = ['Path=/trpc', 'HttpOnly', 'SameSite=Lax', ...(request.secure ? ['Secure'] : [])];
  response.append(
    'Set-Cookie',
    [
      `${OIDC_LINK_COOKIE}=${token === undefined ? '' : encodeURIComponent(token)}`,
      `Max-Age=${token === undefined ? 0 : 600}`,
      ...attributes,
    ].join('; '),
  );
}

/**
 * Refuses state-changing requests sent by another site: the browser says where a
 * request comes from (Origin, or Sec-Fetch-Site), and it must be this host.
 * With the SameSite cookie, this closes cross-site request forgery.
 */
export function isCrossSite(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}
