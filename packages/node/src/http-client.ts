import { errorFromResponse, LatchkeyError, retryAfterSeconds } from './latchkey-error.js';

export interface HttpClientOptions {
  apiKey: string;
  baseUrl: string;
  /** Retries of an idempotent call after a 503 with Retry-After or a network error (default 2). */
  maxRetries?: number;
  /** A 503 asking to wait longer than this (seconds) is thrown at once rather than waited for (default 10). */
  maxRetryWaitSeconds?: number;
  /** Per attempt, connect to last byte (default 30 000). */
  timeoutMs?: number;
  /** For tests and custom agents; the global fetch of Node 20+ by default. */
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to send twice: GET, PUT and DELETE are, POST is not unless said so. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

const USER_AGENT = 'latchkey-node/0.1.0';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One place that calls the API: authentication, JSON, typed errors and bounded retries. */
export class HttpClient {
  private readonly baseUrl: string;
  private readonly maxRetries: number;
  private readonly maxRetryWaitSeconds: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpClientOptions) {
    if (!options.apiKey) throw new TypeError('Latchkey: apiKey is required');
    this.baseUrl = new URL(options.baseUrl).toString().replace(/\/+$/, '');
    this.maxRetries = options.maxRetries ?? 2;
    this.maxRetryWaitSeconds = options.maxRetryWaitSeconds ?? 10;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  url(path: string, query?: Query): string {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  /** The parsed JSON answer (undefined for 204), or a LatchkeyError. */
  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, options);
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch (cause) {
      throw new LatchkeyError({ code: 'UNEXPECTED_RESPONSE', status: res.status, detail: `${method} ${path} answered a body that is not JSON`, requestId: res.headers.get('x-request-id') ?? undefined, cause });
    }
  }

  /**
   * One attempt, any status, the body sent as given (a stream included): the Graph passthrough, where Latchkey
   * already retried Microsoft and Graph's own errors belong to the caller.
   */
  raw(method: string, path: string, init: { headers?: Record<string, string>; body?: RequestInit['body']; signal?: AbortSignal; timeoutMs?: number } = {}): Promise<Response> {
    const timeout = AbortSignal.timeout(init.timeoutMs ?? this.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const headers = { 'User-Agent': USER_AGENT, ...init.headers, Authorization: `Bearer ${this.options.apiKey}` };
    const request: RequestInit & { duplex?: 'half' } = { method, headers, body: init.body, signal, redirect: 'manual' };
    // A streamed request body (a web stream, a Node stream, any async iterable) needs half duplex in Node's fetch.
    if (init.body instanceof ReadableStream || (typeof init.body === 'object' && init.body !== null && Symbol.asyncIterator in init.body)) request.duplex = 'half';
    return this.fetchImpl(this.url(path), request);
  }

  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const idempotent = options.idempotent ?? method !== 'POST';
    const headers: Record<string, string> = { Authorization: `Bearer ${this.options.apiKey}`, 'User-Agent': USER_AGENT, Accept: 'application/json', ...options.headers };
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    for (let attempt = 0; ; attempt++) {
      const retriesLeft = idempotent && attempt < this.maxRetries;
      let res: Response;
      try {
        const timeout = AbortSignal.timeout(this.timeoutMs);
        const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
        res = await this.fetchImpl(this.url(path, options.query), { method, headers, body, signal, redirect: 'manual' });
      } catch (cause) {
        if (options.signal?.aborted) throw cause;
        if (retriesLeft) {
          await sleep(Math.min(2000, 200 * 2 ** attempt));
          continue;
        }
        const detail = `${method} ${path} did not get an answer: ${cause instanceof Error ? cause.message : String(cause)}`;
        throw new LatchkeyError({ code: 'NETWORK_ERROR', status: 0, detail, cause });
      }
      if (res.status === 503 && retriesLeft) {
        const wait = retryAfterSeconds(res.headers.get('retry-after'));
        if (wait !== undefined && wait <= this.maxRetryWaitSeconds) {
          await res.body?.cancel();
          await sleep(wait * 1000);
          continue;
        }
      }
      if (res.ok) return res;
      throw await errorFromResponse(res);
    }
  }
}
