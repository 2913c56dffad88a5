import { Inject, Injectable, Logger } from '@nestjs/common';
import { parseCookie } from 'cookie';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { DomainError, TokenHasher } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ConsoleSessionsRepository } from './console-sessions.repository';
import { CustomerContext } from './customer-context';

const SESSION_PREFIX = 'lk_console_';
/** A session ends 12 hours after sign-in, or after 2 hours without a request, whichever comes first. */
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 2 * 3600_000;
/** last_seen_at is written at most this often, so authenticating stays one read. */
const SEEN_RESOLUTION_MS = 60_000;

export interface ConsoleCookie {
  name: string;
  secure: boolean;
}

export interface SessionMember {
  customer: CustomerContext;
  member: { id: string; email: string };
}

/** Admin console sessions: an opaque cookie token, stored hashed, and a CSRF token derived from it. */
@Injectable()
export class ConsoleSessionsService {
  private readonly logger = new Logger(ConsoleSessionsService.name);
  readonly cookie: ConsoleCookie;
  private readonly publicOrigin: string;

  constructor(
    private readonly sessions: ConsoleSessionsRepository,
    private readonly hasher: TokenHasher,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const secure = config.publicUrl.startsWith('https://');
    // __Host- pins the cookie to this exact host over HTTPS with Path=/; browsers refuse it on plain http (localhost).
    this.cookie = { name: secure ? '__Host-lk_console' : 'lk_console', secure };
    this.publicOrigin = new URL(config.publicUrl).origin;
  }

  /**
   * Refuses a browser request sent from another site (login CSRF, or a forged state change). Browsers send Origin on
   * every cross-origin request and on same-origin POST/PUT/DELETE; Sec-Fetch-Site covers the rest.
   */
  assertSameOrigin(req: Request): void {
    const origin = req.headers.origin;
    const fetchSite = req.headers['sec-fetch-site'];
    if ((typeof origin === 'string' && origin !== this.publicOrigin) || fetchSite === 'cross-site' || fetchSite === 'same-site') {
      throw new DomainError('CROSS_ORIGIN_REQUEST', `The console API only answers pages served from ${this.publicOrigin}.`);
    }
  }

  async create(member: { id: string; customerId: string }): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = TokenHasher.generate(SESSION_PREFIX, 32);
    const now = Date.now();
    const expiresAt = new Date(now + SESSION_ABSOLUTE_MS);
    await this.sessions.insert(member.customerId, { id: randomUUID(), tokenHash: this.hasher.hash(token), memberId: member.id, lastSeenAt: new Date(now), expiresAt });
    return { token, csrfToken: this.csrfToken(token), expiresAt };
  }

  /** The session's customer and member, or null when the token is unknown, expired or idle too long. One indexed read. */
  async authenticate(token: string): Promise<SessionMember | null> {
    if (!token.startsWith(SESSION_PREFIX) || token.length > 128) return null;
    const session = await this.sessions.findLiveByTokenHash(this.hasher.hash(token), SESSION_IDLE_MS / 1000);
    if (!session) return null;
    if (Date.now() - new Date(session.lastSeenAt).getTime() > SEEN_RESOLUTION_MS) {
      this.sessions
        .touch(session.customer.id, session.sessionId)
        .catch((err: unknown) => this.logger.warn({ err, sessionId: session.sessionId }, 'Could not record console session use'));
    }
    return { customer: { ...session.customer, apiKeyId: null, memberId: session.member.id }, member: session.member };
  }

  /** The session token from a Cookie header, if the console's cookie is there. */
  tokenFromCookies(cookieHeader: string | undefined): string | undefined {
    return cookieHeader ? parseCookie(cookieHeader)[this.cookie.name] : undefined;
  }

  /** Synchronizer token for state-changing requests: derived from the session token, so nothing more is stored. */
  csrfToken(sessionToken: string): string {
    return this.hasher.hash(`csrf:${sessionToken}`);
  }

  async revoke(token: string): Promise<void> {
    await this.sessions.deleteByTokenHash(this.hasher.hash(token));
  }
}
