import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, TokenHasher } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ApiKeysService } from './api-keys.service';
import { ConsoleSessionsService, SessionMember } from './console-sessions.service';
import { CustomerContext } from './customer-context';

export type RequestWithCustomer = Request & { customer?: CustomerContext; consoleSession?: SessionMember & { token: string } };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/**
 * Refuses a browser request sent from another site. Browsers send Origin on every cross-origin request and on
 * same-origin POST/PUT/DELETE; Sec-Fetch-Site covers the rest.
 */
export function assertSameOrigin(req: Request, publicOrigin: string): void {
  const origin = req.headers.origin;
  const fetchSite = req.headers['sec-fetch-site'];
  if ((typeof origin === 'string' && origin !== publicOrigin) || fetchSite === 'cross-site' || fetchSite === 'same-site') {
    throw new DomainError('CROSS_ORIGIN_REQUEST', `The console API only answers pages served from ${publicOrigin}.`);
  }
}

/**
 * Resolves the platform customer, from `Authorization: Bearer lk_sk_...` (backends) or from the admin console's
 * session cookie (people). A session's state-changing requests also need the `X-CSRF-Token` header and a same-origin page.
 */
@Injectable()
export class CustomerAuthGuard implements CanActivate {
  private readonly publicOrigin: string;

  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: ConsoleSessionsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.publicOrigin = new URL(config.publicUrl).origin;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithCustomer>();
    const token = bearerToken(req);
    if (token) {
      const customer = await this.apiKeys.authenticate(token);
      if (!customer) {
        throw new DomainError('INVALID_API_KEY', 'The API key is unknown or has been revoked.', {
          headers: { 'WWW-Authenticate': 'Bearer realm="latchkey", error="invalid_token"' },
        });
      }
      req.customer = customer;
      return true;
    }
    const sessionToken = this.sessions.tokenFromCookies(req.headers.cookie);
    if (!sessionToken) {
      throw new DomainError('UNAUTHENTICATED', 'Send your secret API key as "Authorization: Bearer lk_sk_...", or sign in to the console.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="latchkey"' },
      });
    }
    const session = await this.sessions.authenticate(sessionToken);
    if (!session) throw new DomainError('SESSION_EXPIRED', 'Your console session has ended. Sign in again.');
    if (!SAFE_METHODS.has(req.method)) {
      assertSameOrigin(req, this.publicOrigin);
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !TokenHasher.safeEqual(sent, this.sessions.csrfToken(sessionToken))) {
        throw new DomainError('CSRF_TOKEN_INVALID', 'Send the csrfToken from GET /v1/console/session in the X-CSRF-Token header. Reload the page if the session changed.');
      }
    }
    req.customer = session.customer;
    req.consoleSession = { ...session, token: sessionToken };
    return true;
  }
}
