import type { Token } from './types.js';

interface Cached {
  token: Token;
  /** Local clock: the request's start plus expiresIn, so a skewed server clock does not matter. */
  expiresAtMs: number;
}

/** The API's default minValidity, used when a call does not say. */
const DEFAULT_MIN_VALIDITY = 300;

/**
 * Tokens by connection (or end user), reused while they stay valid for the asked minValidity, with at most one
 * request in flight per key: a backend asking per Graph call reaches Latchkey about once per token lifetime.
 */
export class TokenCache {
  private readonly tokens = new Map<string, Cached>();
  private readonly inflight = new Map<string, Promise<Cached>>();

  constructor(
    /** Tokens kept at most; past it, expired ones go first, then the least recently fetched. */
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, minValidity: number | undefined, fetchToken: () => Promise<Token>): Promise<Token> {
    const needMs = (minValidity ?? DEFAULT_MIN_VALIDITY) * 1000;
    const fresh = (c: Cached | undefined) => c !== undefined && c.expiresAtMs - this.now() >= needMs;
    const cached = this.tokens.get(key);
    if (fresh(cached)) return cached!.token;
    const pending = this.inflight.get(key);
    if (pending) {
      // Someone else is already asking: share their answer (or their error) if it is good enough for this caller.
      const shared = await pending;
      if (fresh(shared)) return shared.token;
    }
    return (await this.load(key, fetchToken)).token;
  }

  /** Forgets a key's token (after a delete, or an error that says the token is useless). */
  drop(key: string): void {
    this.tokens.delete(key);
  }

  private evict(): void {
    if (this.tokens.size <= this.maxEntries) return;
    const now = this.now();
    for (const [key, c] of this.tokens) if (c.expiresAtMs <= now) this.tokens.delete(key);
    // Map order is insertion order: the first keys are the least recently fetched.
    for (const key of this.tokens.keys()) {
      if (this.tokens.size <= this.maxEntries) break;
      this.tokens.delete(key);
    }
  }

  private load(key: string, fetchToken: () => Promise<Token>): Promise<Cached> {
    const existing = this.inflight.get(key);
    if (existing) return existing;
    const startedAt = this.now();
    const request = fetchToken()
      .then((token) => {
        const cached = { token, expiresAtMs: startedAt + token.expiresIn * 1000 };
        this.tokens.delete(key);
        this.tokens.set(key, cached);
        this.evict();
        return cached;
      })
      .catch((error: unknown) => {
        this.tokens.delete(key);
        throw error;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, request);
    return request;
  }
}
