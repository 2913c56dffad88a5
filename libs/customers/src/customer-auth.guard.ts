import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { bearerToken, DomainError, TokenHasher } from '@app/common';
import { ApiKeysService } from './api-keys.service';
import { ConsoleSessionsService, SessionMember } from './console-sessions.service';
import { CustomerContext } from './customer-context';

export type RequestWithCustomer = Request & { customer?: CustomerContext; consoleSession?: SessionMember & { token: string } };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);


/**
 * Resolves the platform customer, from `Authorization: Bearer lk_sk_...` (backends) or from the admin console's
 * session cookie (people). A session's state-changing requests also need the `X-CSRF-Token` header and a same-origin page.
 */
@Injectable()
export class CustomerAuthGuard implements CanActivate {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: ConsoleSessionsService,
  ) {}

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
      this.sessions.assertSameOrigin(req);
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
