import type { HttpClient } from '../http-client.js';
import type { TokenCache } from '../token-cache.js';
import type { Token, TokenOptions } from '../types.js';

export class EndUsers {
  constructor(
    private readonly http: HttpClient,
    private readonly cache: TokenCache | null,
  ) {}

  /** The token of the end user's Outlook Email connection (409 AMBIGUOUS_CONNECTION when they have several). */
  token(endUserId: string, options: TokenOptions = {}): Promise<Token> {
    const url = `/v1/end-users/${encodeURIComponent(endUserId)}/connections/outlook-email/token`;
    const load = () => this.http.json<Token>('GET', url, { query: { minValidity: options.minValidity } });
    return this.cache ? this.cache.get(`end-user:${endUserId}`, options.minValidity, load) : load();
  }
}
