/**
 * What a failure from Microsoft's token endpoint means for Latchkey. Classified by `error`, `suberror` and
 * `error_codes`, never by description text (see shared/microsoft-identity.md).
 */
export type FailureClass =
  /** The end user must connect again (refresh token expired/revoked, consent removed, MFA step-up). */
  | 'user_reauth'
  /** The customer's Azure app or its settings are wrong (secret, client id, redirect URI). */
  | 'connector_misconfigured'
  /** This connect flow cannot finish (code reused, PKCE mismatch): start again. */
  | 'restart_flow'
  /** The user's organisation requires an administrator to consent. */
  | 'admin_consent'
  /** Try again later (5xx, 429, temporarily_unavailable, timeouts, malformed answers). */
  | 'transient';

export interface MicrosoftErrorBody {
  error?: string;
  error_description?: string;
  error_codes?: number[];
  suberror?: string;
  trace_id?: string;
  correlation_id?: string;
}

export class MicrosoftTokenError extends Error {
  readonly kind: FailureClass;

  constructor(
    readonly httpStatus: number | null,
    readonly error: string,
    readonly errorCodes: number[],
    readonly suberror: string | null,
    readonly description: string | null,
    /** Seconds, from Retry-After (may be fractional), when Microsoft sent one. */
    readonly retryAfterSeconds: number | null = null,
    readonly traceId: string | null = null,
  ) {
    super(`Microsoft token endpoint: ${error}${errorCodes.length ? ` (AADSTS${errorCodes.join(', AADSTS')})` : ''}`);
    this.name = 'MicrosoftTokenError';
    this.kind = classifyTokenFailure(httpStatus, error, errorCodes, suberror);
  }

  /** The first AADSTS code as a string, e.g. "AADSTS7000215", or null. */
  get aadsts(): string | null {
    return this.errorCodes.length ? `AADSTS${this.errorCodes[0]}` : null;
  }

  static network(message: string): MicrosoftTokenError {
    return new MicrosoftTokenError(null, 'network_error', [], null, message);
  }
}

const USER_REAUTH_CODES = new Set([70008, 700082, 50173, 70000, 9002313, 65001, 50076, 50079, 50078, 700084, 50089, 50133, 50144]);
const CONNECTOR_CODES = new Set([7000215, 7000222, 7000218, 700016, 700025, 50011, 700005, 90002, 65005, 7000112, 50020]);
const RESTART_CODES = new Set([54005, 501481, 50148]);
const ADMIN_CONSENT_CODES = new Set([90094, 90095, 65002]);
const THROTTLE_CODES = new Set([50196, 90055]);

export function classifyTokenFailure(
  httpStatus: number | null,
  error: string,
  codes: number[],
  suberror: string | null,
): FailureClass {
  if (httpStatus === null || httpStatus === 429 || httpStatus >= 500) return 'transient';
  if (error === 'temporarily_unavailable' || error === 'server_error') return 'transient';
  if (codes.some((c) => THROTTLE_CODES.has(c))) return 'transient';
  if (codes.some((c) => ADMIN_CONSENT_CODES.has(c))) return 'admin_consent';
  if (error === 'invalid_client' || error === 'unauthorized_client') return 'connector_misconfigured';
  if (codes.some((c) => CONNECTOR_CODES.has(c))) return 'connector_misconfigured';
  if (codes.some((c) => RESTART_CODES.has(c))) return 'restart_flow';
  if (codes.some((c) => USER_REAUTH_CODES.has(c))) return 'user_reauth';
  if (error === 'interaction_required' || error === 'consent_required' || error === 'login_required') return 'user_reauth';
  if (suberror && ['bad_token', 'token_expired', 'consent_required', 'basic_action', 'additional_action', 'message_only', 'user_password_expired'].includes(suberror)) {
    return 'user_reauth';
  }
  if (error === 'invalid_grant') return 'user_reauth';
  return 'connector_misconfigured';
}

/** Parses Retry-After: delta seconds (possibly fractional) or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (!Number.isNaN(date)) return Math.max(0, (date - now) / 1000);
  return null;
}
