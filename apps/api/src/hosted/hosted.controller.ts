import { Controller, Get, Header, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { parseCookie } from 'cookie';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@app/config';
import { bindingCookieName, CatalogService, ConnectFlowService, ConnectSessionsService, PAGE_ERRORS, SESSION_BINDING_COOKIE, SessionCookie } from '@app/connect';
import { HOSTED_CSS, HOSTED_JS } from './hosted-assets';
import { HostedPageFilter } from './hosted-page.filter';
import { catalogPage, resultPage } from './hosted-pages';
import { formField } from './read-form';
import { hostedCsp } from './html';
import { sendPage } from './send-page';

const FLASH: Record<string, string> = { disconnected: 'The account was disconnected.' };

function setCookie(res: Response, cookie: SessionCookie): void {
  res.cookie(cookie.name, cookie.value, { httpOnly: true, sameSite: 'lax', secure: cookie.secure, path: cookie.path, maxAge: cookie.maxAgeMs });
}

/** The end user's side: the hosted catalog, the start of the OAuth flow, and Microsoft's callback. */
@ApiExcludeController()
@UseFilters(HostedPageFilter)
@Controller()
export class HostedController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly flow: ConnectFlowService,
    private readonly sessions: ConnectSessionsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.catalogCsp = hostedCsp([new URL(config.microsoft.loginUrl).origin]);
  }

  /** The catalog's Connect form redirects to Microsoft's sign-in. */
  private readonly catalogCsp: string;

  @Get('assets/hosted.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  css(): string {
    return HOSTED_CSS;
  }

  @Get('assets/hosted.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  js(): string {
    return HOSTED_JS;
  }

  @Get('connect/:token')
  async page(@Param('token') token: string, @Query('flash') flash: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const model = await this.catalog.model(token, parseCookie(req.headers.cookie ?? '')[SESSION_BINDING_COOKIE]);
    if (model.setCookie) setCookie(res, model.setCookie);
    sendPage(res, 200, catalogPage(model, token, typeof flash === 'string' ? (FLASH[flash] ?? null) : null), this.catalogCsp);
  }

  /** A link straight to the start (forwarded or old) no longer starts anything: the catalog's Connect button does. */
  @Get('connect/:token/outlook-email/start')
  async startByLink(@Param('token') token: string, @Res() res: Response): Promise<void> {
    await this.sessions.resolve(token);
    res.setHeader('Allow', 'POST');
    throw PAGE_ERRORS.useCatalog();
  }

  @Post('connect/:token/outlook-email/start')
  async start(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const sessionCookie = parseCookie(req.headers.cookie ?? '')[SESSION_BINDING_COOKIE];
    const csrf = await formField(req, 'csrf');
    const { authorizeUrl, cookie } = await this.flow.start(token, sessionCookie, csrf);
    setCookie(res, cookie);
    res.setHeader('Cache-Control', 'no-store');
    // Chrome applies COOP on redirect hops too: a same-origin policy here would cut a popup off from its opener.
    res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
    res.redirect(303, authorizeUrl);
  }

  @Post('connect/:token/connections/:id/disconnect')
  async disconnect(@Param('token') token: string, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const sessionCookie = parseCookie(req.headers.cookie ?? '')[SESSION_BINDING_COOKIE];
    await this.catalog.disconnect(token, id, sessionCookie, await formField(req, 'csrf'));
    res.redirect(303, `/connect/${encodeURIComponent(token)}?flash=disconnected`);
  }

  @Get('oauth/callback')
  defaultAppCallback(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.finish(null, req, res);
  }

  @Get('oauth/callback/:slug')
  customerCallback(@Param('slug') slug: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.finish(slug, req, res);
  }

  private async finish(slug: string | null, req: Request, res: Response): Promise<void> {
    const cookies = parseCookie(req.headers.cookie ?? '');
    // Only this flow's cookie: another tab's flow in the same browser must still be able to finish.
    const state = req.query.state;
    if (typeof state === 'string' && state.length > 0) res.clearCookie(bindingCookieName(state), { path: '/oauth/callback' });
    const result = await this.flow.complete(slug, req.query as Record<string, unknown>, cookies);
    res.setHeader('X-Latchkey-Result', result.kind === 'connected' ? 'connected' : result.status);
    sendPage(res, 200, resultPage(result, result.customer.allowedReturnOrigins));
  }
}
