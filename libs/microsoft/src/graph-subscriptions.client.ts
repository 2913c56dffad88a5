import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { parseRetryAfter } from './microsoft-errors';

/** A create waits for Graph's validation handshake to Latchkey (up to 10 s at Graph): leave room for it. */
const TIMEOUT_MS = 30_000;

export interface GraphSubscription {
  id: string;
  expirationDateTime: string;
}

export interface NewGraphSubscription {
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  resource: string;
  expirationDateTime: string;
  clientState: string;
}

/**
 * What Graph answered when it was not a success: the HTTP status (0 for no answer: a network error or timeout), Graph's
 * error code, and Retry-After in seconds when it sent one. `request-id` is kept for support.
 */
export class GraphError extends Error {
  override name = 'GraphError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
  }

  /** Worth trying again later: throttled, Graph down, no answer, or a token Graph no longer takes (a new one may do). */
  get transient(): boolean {
    return this.status === 0 || this.status === 401 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** Graph's /subscriptions API with a user's delegated token (https://learn.microsoft.com/graph/api/resources/subscription). */
@Injectable()
export class GraphSubscriptionsClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async create(accessToken: string, body: NewGraphSubscription): Promise<GraphSubscription> {
    return this.readSubscription(await this.call('POST', '/v1.0/subscriptions', accessToken, body));
  }

  async renew(accessToken: string, id: string, expirationDateTime: string): Promise<GraphSubscription> {
    return this.readSubscription(await this.call('PATCH', `/v1.0/subscriptions/${encodeURIComponent(id)}`, accessToken, { expirationDateTime }));
  }

  async reauthorize(accessToken: string, id: string): Promise<void> {
    await this.call('POST', `/v1.0/subscriptions/${encodeURIComponent(id)}/reauthorize`, accessToken);
  }

  async delete(accessToken: string, id: string): Promise<void> {
    await this.call('DELETE', `/v1.0/subscriptions/${encodeURIComponent(id)}`, accessToken);
  }

  private async call(method: string, path: string, accessToken: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.config.microsoft.graphUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      throw new GraphError(0, 'network_error', `No answer from Graph: ${(error as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    const json = parseJson(text);
    if (res.ok) return json;
    const err = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof err?.code === 'string' ? err.code.slice(0, 100) : `http_${res.status}`;
    const message = typeof err?.message === 'string' ? err.message.slice(0, 500) : `Graph answered ${res.status}`;
    throw new GraphError(res.status, code, message, parseRetryAfter(res.headers.get('retry-after')), res.headers.get('request-id'));
  }

  private readSubscription(json: unknown): GraphSubscription {
    const s = json as Partial<GraphSubscription> | null;
    if (typeof s?.id !== 'string' || typeof s.expirationDateTime !== 'string' || Number.isNaN(Date.parse(s.expirationDateTime))) {
      throw new GraphError(502, 'malformed_response', 'Graph answered a subscription without an id or expirationDateTime');
    }
    return { id: s.id, expirationDateTime: s.expirationDateTime };
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
