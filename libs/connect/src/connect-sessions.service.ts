import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, TokenHasher } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CustomersRepository } from '@app/customers';
import type { ConnectSessionEntity, CustomerEntity } from '@app/database';
import { PAGE_ERRORS } from './connect-page.error';
import type { ConnectSessionInput } from './connect-session.input';
import { ConnectSessionCreatedView, toConnectSessionCreatedView } from './connect-session.view';
import { originOfReturnUrl } from './origins';
import { ConnectSessionsRepository } from './repositories/connect-sessions.repository';

const CONNECT_SESSION_PREFIX = 'lk_cs_';
const CONNECT_SESSION_TTL_MS = 30 * 60_000;
/** The cookie that binds a connect session to the first browser that opened its catalog. */
export const SESSION_BINDING_COOKIE = 'lk_cs';
/** How many connect attempts one session may start: enough for mistakes, not for abuse of a leaked link. */
const MAX_ATTEMPTS_PER_SESSION = 20;

export interface SessionCookie {
  name: string;
  value: string;
  path: string;
  secure: boolean;
  maxAgeMs: number;
}

export interface ResolvedSession {
  session: ConnectSessionEntity;
  customer: CustomerEntity;
}

@Injectable()
export class ConnectSessionsService {
  constructor(
    private readonly sessions: ConnectSessionsRepository,
    private readonly customers: CustomersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hasher: TokenHasher,
  ) {}

  catalogUrl(token: string): string {
    return `${this.config.publicUrl}/connect/${token}`;
  }

  async create(customerId: string, input: ConnectSessionInput): Promise<ConnectSessionCreatedView> {
    const customer = await this.customers.getById(customerId);
    const returnUrl = input.returnUrl === undefined ? null : allowedReturnUrl(customer, input.returnUrl);
    const token = TokenHasher.generate(CONNECT_SESSION_PREFIX, 32);
    const session = {
      id: randomUUID(),
      tokenHash: this.hasher.hash(token),
      endUserId: input.endUser.id,
      endUserEmail: input.endUser.email ?? null,
      endUserDisplayName: input.endUser.displayName ?? null,
      returnUrl,
      expiresAt: new Date(Date.now() + CONNECT_SESSION_TTL_MS),
    };
    await this.sessions.insert(customerId, session);
    return toConnectSessionCreatedView(session, token, this.catalogUrl(token));
  }

  /** The session behind a catalog token; a page error when it is unknown or expired. */
  async resolve(token: string): Promise<ResolvedSession> {
    if (!token.startsWith(CONNECT_SESSION_PREFIX) || token.length > 100) throw PAGE_ERRORS.sessionUnknown();
    const session = await this.sessions.findByTokenHash(this.hasher.hash(token));
    if (!session) throw PAGE_ERRORS.sessionUnknown();
    const customer = await this.customers.getById(session.customerId);
    if (session.expiresAt.getTime() <= Date.now()) throw PAGE_ERRORS.sessionExpired(customer.name);
    return { session, customer };
  }

  /**
   * Binds the session to this browser the first time its catalog is opened (one atomic claim, so two browsers
   * racing cannot both win). Answers the cookie to set when it was just bound, null when it already is this
   * browser's; another browser gets a page error.
   */
  async bindBrowser({ session, customer }: ResolvedSession, cookieValue: string | undefined, token: string): Promise<SessionCookie | null> {
    if (this.isBoundTo(session, cookieValue)) return null;
    if (session.browserBindingHash === null) {
      const value = randomBytes(32).toString('base64url');
      const hash = this.bindingHash(value);
      if (await this.sessions.claimBrowser(customer.id, session.id, hash)) {
        session.browserBindingHash = hash;
        return {
          name: SESSION_BINDING_COOKIE,
          value,
          path: `/connect/${token}`,
          secure: this.config.publicUrl.startsWith('https://'),
          maxAgeMs: Math.max(0, session.expiresAt.getTime() - Date.now()),
        };
      }
    }
    throw PAGE_ERRORS.sessionForeign(customer.name);
  }

  /** The CSRF token for the catalog's forms: derived from the binding cookie, so only its browser can know it. */
  csrfToken(session: ConnectSessionEntity, cookieValue: string): string {
    return this.hasher.hash(`connect_session_csrf:${session.id}:${cookieValue}`);
  }

  /** A state-changing request from the catalog: this session's browser, with the token of its page. */
  assertFromOwnPage({ session, customer }: ResolvedSession, cookieValue: string | undefined, csrf: unknown): void {
    if (!this.isBoundTo(session, cookieValue)) throw PAGE_ERRORS.sessionForeign(customer.name);
    if (typeof csrf !== 'string' || !TokenHasher.safeEqual(csrf, this.csrfToken(session, cookieValue!))) throw PAGE_ERRORS.csrfInvalid();
  }

  /** Counts one more connect attempt, refused past MAX_ATTEMPTS_PER_SESSION (atomic: parallel clicks cannot overshoot). */
  async countAttempt({ session, customer }: ResolvedSession): Promise<void> {
    if (!(await this.sessions.countAttempt(customer.id, session.id, MAX_ATTEMPTS_PER_SESSION))) throw PAGE_ERRORS.tooManyAttempts(customer.name);
  }

  private isBoundTo(session: ConnectSessionEntity, cookieValue: string | undefined): boolean {
    return Boolean(cookieValue && session.browserBindingHash && TokenHasher.safeEqual(this.bindingHash(cookieValue), session.browserBindingHash));
  }

  private bindingHash(cookieValue: string): string {
    return this.hasher.hash(`connect_session_binding:${cookieValue}`);
  }
}

/** The return URL as stored, when its origin is one the customer allowed; a domain error naming the origin otherwise. */
function allowedReturnUrl(customer: CustomerEntity, returnUrl: string): string {
  const origin = originOfReturnUrl(returnUrl);
  if (!origin || !customer.allowedReturnOrigins.includes(origin)) {
    throw new DomainError(
      'RETURN_URL_NOT_ALLOWED',
      origin
        ? `returnUrl's origin ${origin} is not in your allowed return origins. Add it with PUT /v1/settings (allowedReturnOrigins) first.`
        : 'returnUrl must be an absolute https URL (http only for localhost).',
      { errors: [{ field: 'returnUrl', code: 'origin_not_allowed', value: returnUrl, allowed: customer.allowedReturnOrigins, message: 'origin not allowed' }] },
    );
  }
  return new URL(returnUrl).toString();
}
