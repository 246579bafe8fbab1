import type { OidcRefusal } from '@cls/api';
import { Controller, Get, Inject, Logger, NotFoundException, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { readCookie, writeOidcLinkCookie, writeSessionCookie } from '../trpc/session-cookie.js';
import { LoginRefused } from './accounts.service.js';
import { OidcService } from './oidc.service.js';

const STATE_COOKIE = 'cls_oidc_state';

/** `/auth/oidc/login` sends the browser to the provider; `/auth/oidc/callback` brings it back signed in. */
@Controller('auth/oidc')
export class OidcController {
  private readonly logger = new Logger('OIDC');

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
      // The login page shows the fixed message of a code (OIDC_REFUSALS): nothing of the error's text.
      let code: OidcRefusal = 'failed';
      if (error instanceof LoginRefused && error.reason !== 'invalid' && error.reason !== 'throttled') {
        code = error.reason;
        if (error.linkToken) writeOidcLinkCookie(request, response, error.linkToken);
      } else if (!(error instanceof LoginRefused)) {
        // The provider unreachable, a token refused…: for the server's logs.
        this.logger.warn(
          `connexion OpenID Connect échouée : ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      response.redirect(`/admin/?erreur=${code}`);
    }
  }
}
