import { ApiError, FieldProblem } from './api-error';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** false for calls that answer 401 as part of their job (sign-in, the session probe): no redirect to sign-in. */
  redirectOn401?: boolean;
}

interface Hooks {
  /** A 401 outside sign-in: the session is gone; the app goes to the sign-in page. */
  onUnauthenticated: () => void;
  /** A 403 CSRF_TOKEN_INVALID: the session changed under the page; answers the new token (null if signed out). */
  onCsrfRejected: () => Promise<string | null>;
}

let csrfToken: string | null = null;
let hooks: Hooks = { onUnauthenticated: () => undefined, onCsrfRejected: async () => null };

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function configureApi(next: Hooks): void {
  hooks = next;
}

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  const retryAfterHeader = res.headers.get('Retry-After');
  const retryAfter = retryAfterHeader !== null && retryAfterHeader.trim() !== '' && !Number.isNaN(Number(retryAfterHeader)) ? Number(retryAfterHeader) : null;
  let body: Record<string, unknown>;
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    body = {};
  }
  const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  const errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]).filter((e) => e && typeof e.message === 'string') : [];
  return new ApiError(res.status, str(body.code, `HTTP_${res.status}`), str(body.title, res.statusText || 'Request failed'), str(body.detail, ''), errors, retryAfter);
}

/**
 * The one way pages talk to the API: same-origin, with the session cookie. State-changing calls carry the
 * X-CSRF-Token header; failures become ApiError (problem+json); a lost session sends the person to sign in.
 */
async function request<T>(method: Method, path: string, opts: RequestOptions = {}, retried = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: opts.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw ApiError.network();
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const error = await toError(res);
  if (error.status === 401 && opts.redirectOn401 !== false) hooks.onUnauthenticated();
  if (error.code === 'CSRF_TOKEN_INVALID' && !retried) {
    const token = await hooks.onCsrfRejected();
    if (token) {
      csrfToken = token;
      return request<T>(method, path, opts, true);
    }
  }
  throw error;
}

export const api = {
  get: <T>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T = void>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};
