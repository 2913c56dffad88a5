/** One field problem of an RFC 9457 answer; `field` is a dotted path such as "clientSecret" or "catalog.displayName". */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** Every failed API call: the problem+json answer, or a stand-in when the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    /** Seconds, from a Retry-After header. */
    readonly retryAfter: number | null = null,
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }

  static network(): ApiError {
    return new ApiError(0, 'NETWORK_ERROR', 'No answer', 'The Latchkey API could not be reached. Check your connection and try again.');
  }

  /** The message a person should read. */
  get summary(): string {
    return this.detail || this.title;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
