import type { HttpClient } from './http-client.js';
import { errorFromResponse } from './latchkey-error.js';

export interface GraphRequestInit {
  headers?: Record<string, string>;
  /** A plain object or array is sent as JSON; a string, buffer or stream as is. */
  body?: unknown;
  /** How long Latchkey may spend retrying a throttled or unavailable Graph before answering (X-Latchkey-Max-Wait). */
  maxWaitSeconds?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const GRAPH_PATH = /^\/(v1\.0|beta)\//;
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Whether new URL() would send `path` somewhere else than `/graph{path}`: it resolves dot segments (`..`, `%2e%2e`),
 * reads a backslash as a slash, strips tabs and newlines and cuts at `#`. The proxy refuses such paths too.
 */
function leavesGraphRoute(path: string): boolean {
  if ([...path].some((c) => c === '\\' || c === '#' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return true;
  return path.split('?')[0].split('/').some((segment) => DOT_SEGMENT.test(segment));
}

/**
 * Microsoft Graph through Latchkey's proxy, `{METHOD} /v1/connections/{id}/graph/{path}`: Latchkey adds the token,
 * refreshes it and retries Graph's throttling. Each call answers Graph's own Response, unread (stream it, or call
 * .json()), Graph's errors included; only Latchkey's own refusals (application/problem+json: the connection needs
 * reconnecting, the key is wrong...) are thrown as a LatchkeyError. `X-Latchkey-Attempts` says how many Graph calls it took.
 */
export class GraphClient {
  constructor(
    private readonly http: HttpClient,
    private readonly connectionId: string,
  ) {}

  get(path: string, init?: GraphRequestInit): Promise<Response> {
    return this.request('GET', path, init);
  }

  post(path: string, body?: unknown, init?: GraphRequestInit): Promise<Response> {
    return this.request('POST', path, { ...init, body });
  }

  patch(path: string, body?: unknown, init?: GraphRequestInit): Promise<Response> {
    return this.request('PATCH', path, { ...init, body });
  }

  put(path: string, body?: unknown, init?: GraphRequestInit): Promise<Response> {
    return this.request('PUT', path, { ...init, body });
  }

  delete(path: string, init?: GraphRequestInit): Promise<Response> {
    return this.request('DELETE', path, init);
  }

  /** Parsed JSON of a successful call; Graph's error answer is thrown as a GraphError. */
  async json<T>(method: string, path: string, init?: GraphRequestInit): Promise<T> {
    const res = await this.request(method, path, init);
    if (!res.ok) throw await GraphError.from(res);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  async request(method: string, path: string, init: GraphRequestInit = {}): Promise<Response> {
    if (!GRAPH_PATH.test(path)) throw new TypeError(`Latchkey: a Graph path starts with /v1.0/ or /beta/, not ${JSON.stringify(path)}`);
    if (leavesGraphRoute(path)) throw new TypeError(`Latchkey: a Graph path has no dot segments, backslashes, control characters or fragment: ${JSON.stringify(path)}`);
    const headers: Record<string, string> = { ...init.headers };
    let body: RequestInit['body'] | undefined;
    if (init.body !== undefined && init.body !== null) {
      const plain = typeof init.body === 'object' && (Array.isArray(init.body) || Object.getPrototypeOf(init.body) === Object.prototype);
      body = plain ? JSON.stringify(init.body) : (init.body as RequestInit['body']);
      if (plain && !hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
    }
    if (init.maxWaitSeconds !== undefined) headers['X-Latchkey-Max-Wait'] = String(init.maxWaitSeconds);
    const res = await this.http.raw(method, `/v1/connections/${encodeURIComponent(this.connectionId)}/graph${path}`, {
      headers,
      body,
      signal: init.signal,
      timeoutMs: init.timeoutMs,
    });
    if (!res.ok && (res.headers.get('content-type') ?? '').startsWith('application/problem+json')) throw await errorFromResponse(res);
    return res;
  }
}

/** Graph answered an error (its body's `error.code` and `error.message`). */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly attempts: number | undefined,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }

  static async from(res: Response): Promise<GraphError> {
    const body: unknown = await res.json().catch(() => undefined);
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' ? error.code : `HTTP_${res.status}`;
    const message = typeof error?.message === 'string' ? error.message : `Graph answered ${res.status}`;
    const attempts = res.headers.get('x-latchkey-attempts');
    return new GraphError(res.status, code, attempts ? Number(attempts) : undefined, body, message);
  }
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
