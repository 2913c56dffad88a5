import type { TokenService } from '@app/tokens';

type TokenAnswer = Awaited<ReturnType<TokenService['forConnection']>>;

/** How long a token read for one call serves the next calls of the same connection. */
const FRESH_MS = 1000;
/** A cached token is used only while it stays valid this much longer (the token endpoint's default minValidity). */
const MIN_VALIDITY_MS = 300_000;
const MAX_ENTRIES = 10_000;

/**
 * The token of each busy connection for a second, so a burst of proxied calls costs one Postgres read, not one each.
 * What a second of staleness allows: a connection disconnected, or stopped by a refresh on another instance, is proxied
 * for up to a second more (a token the token endpoint handed out lives up to an hour anyway); a 401 from Graph replaces
 * the entry at once.
 */
export class TokenCache {
  private readonly entries = new Map<string, { customerId: string; answer: TokenAnswer; until: number; expiresAt: number }>();

  get(customerId: string, connectionId: string, now = Date.now()): TokenAnswer | null {
    const entry = this.entries.get(connectionId);
    if (!entry || entry.customerId !== customerId || now >= entry.until || entry.expiresAt - now < MIN_VALIDITY_MS) return null;
    return entry.answer;
  }

  set(customerId: string, connectionId: string, answer: TokenAnswer, now = Date.now()): void {
    this.entries.delete(connectionId);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(connectionId, { customerId, answer, until: now + FRESH_MS, expiresAt: Date.parse(answer.expiresAt) });
  }
}
