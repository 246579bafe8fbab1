import { Controller, Get, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { readCookie, writeSessionCookie } from '../trpc/session-cookie.js';
import { OidcService } from './oidc.service.js';

const STATE_COOKIE = 'cls_oidc_state';

/** `/auth/oidc/login` sends the browser to the provider; `/auth/oidc/callback` brings it back signed in. */
@Controller('auth/oidc')
export class OidcController {
  constructor(@Inject(OidcService) private readonly oidc: OidcService) {}

  @Get('login')
  async login(@Res() response: Response): Promise<void> {
    if (!this.oidc.settings) throw new NotFoundException('Connexion OpenID Connect non configurée');
    const { url, state } = await this.oidc.startLogin();
    response.append(
      'Set-Cookie',
      `${STATE_COOKIE}=${state}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=600${
        url.protocol === 'https:' ? '; Secure' : ''
      }`,
    );
    response.redirect(url.toString());
  }

  @Get('callback')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const settings = this.oidc.settings;
    if (!settings) throw new NotFoundException('Connexion OpenID Connect non configurée');
    response.append('Set-Cookie', `${STATE_COOKIE}=; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0`);
    try {
      // The URL the provider redirected to: the registered redirect URI with its query.
      const callbackUrl = new URL(request.originalUrl, settings.redirectUri);
      const { token } = await this.oidc.completeLogin(callbackUrl, readCookie(request, STATE_COOKIE));
      writeSessionCookie(request, response, token);
      response.redirect('/admin/');
    } catch (error) {
      const message = error instanceof Error ? error.message : 'connexion refusée';
      response.redirect(`/admin/?erreur=${encodeURIComponent(message)}`);
    }
  }
}
