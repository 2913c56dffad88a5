import { GraphClient } from '../graph-client.js';
import type { HttpClient } from '../http-client.js';
import type { TokenCache } from '../token-cache.js';
import type { Connection, ConnectionEvents, ConnectionListQuery, ConnectionPage, Token, TokenOptions } from '../types.js';

const path = (id: string) => `/v1/connections/${encodeURIComponent(id)}`;

export class Connections {
  constructor(
    private readonly http: HttpClient,
    private readonly cache: TokenCache | null,
  ) {}

  list(query: ConnectionListQuery = {}): Promise<ConnectionPage> {
    return this.http.json('GET', '/v1/connections', { query });
  }

  get(id: string): Promise<Connection> {
    return this.http.json('GET', path(id));
  }

  async delete(id: string): Promise<void> {
    await this.http.json('DELETE', path(id));
    this.cache?.drop(`connection:${id}`);
  }

  /** The connection's status history. */
  events(id: string): Promise<ConnectionEvents> {
    return this.http.json('GET', `${path(id)}/events`);
  }

  /**
   * A Microsoft Graph access token valid for at least minValidity seconds. Reused from the client's cache while it
   * stays valid that long; concurrent calls for one connection share one request.
   */
  token(id: string, options: TokenOptions = {}): Promise<Token> {
    const load = () => this.http.json<Token>('GET', `${path(id)}/token`, { query: { minValidity: options.minValidity } });
    return this.cache ? this.cache.get(`connection:${id}`, options.minValidity, load) : load();
  }

  /** Microsoft Graph as this connection, through Latchkey's proxy (see GraphClient). */
  graph(id: string): GraphClient {
    return new GraphClient(this.http, id);
  }
}
