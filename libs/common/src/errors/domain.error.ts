import { ErrorCode } from './error-code';

export interface FieldError {
  /** Dotted path of the offending field in the request body or query, e.g. "scopes" or "endUser.id". */
  field: string;
  code: string;
  message: string;
  /** Offending value and the allowed ones, where that helps a person fix the request. */
  value?: unknown;
  allowed?: readonly string[];
}

/**
 * What a DomainError carries besides its code and message. Everything but `headers` goes into the problem body;
 * `retryAfterSeconds` is also the Retry-After header.
 */
export interface DomainErrorExtras {
  errors?: FieldError[];
  retryAfterSeconds?: number;
  /** Response headers only an HTTP guard knows (WWW-Authenticate); never Retry-After, which comes from retryAfterSeconds. */
  headers?: Record<string, string>;
  [key: string]: unknown;
}

/** An expected failure with a stable code. The problem writer turns it into the HTTP answer. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extras: DomainErrorExtras = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError('NOT_FOUND', `${what} was not found`);
  }

  static invalidField(field: string, code: string, message: string, more: Partial<FieldError> = {}): DomainError {
    return new DomainError('VALIDATION_FAILED', message, { errors: [{ field, code, message, ...more }] });
  }
}
