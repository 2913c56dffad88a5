/**
 * What a failure from Microsoft's token endpoint means for Latchkey. Classified by `error`, `suberror` and
 * `error_codes`, never by description text (see shared/microsoft-identity.md).
 */
export type FailureClass =
  /** The end user must connect again (refresh token expired/revoked, consent removed, MFA step-up). */
  | 'user_reauth'
  /** The app's own credentials are wrong (secret invalid/expired/missing, public vs confidential, unknown app): every connection fails. */
  | 'connector_misconfigured'
  /** One user's organisation refuses the app (disabled or not provisioned there, tenant gone): that connection alone stops. */
  | 'tenant_blocked'
  /** This connect flow cannot finish (code reused, PKCE mismatch): start again. */
  | 'restart_flow'
  /** The user's organisation requires an administrator to consent. */
  | 'admin_consent'
  /** Try again later (5xx, 429, temporarily_unavailable, timeouts, malformed or unrecognised answers). */
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

const USER_REAUTH_CODES = new Set([70008, 700082, 50173, 70000, 9002313, 65001, 50076, 50079, 50078, 700084, 50089, 50133, 50144, 50020]);
/** About the app's credentials themselves: the same for every end user, so the connector is flagged (once confirmed). */
const CREDENTIAL_CODES = new Set([7000215, 7000222, 7000218, 700025, 50011]);
/** About the app in one user's tenant: 700016 is here too unless the refresh went to the app's home tenant. */
const TENANT_CODES = new Set([7000112, 700016, 90002, 65005]);
const RESTART_CODES = new Set([54005, 501481, 50148, 700005]);
const ADMIN_CONSENT_CODES = new Set([90094, 90095, 65002]);
const THROTTLE_CODES = new Set([50196, 90055]);
/** Microsoft's multi-tenant paths: a 700016 there means "not in the user's tenant", not "no such app". */
const SHARED_AUTHORITIES = new Set(['common', 'organizations', 'consumers']);

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
  if (codes.some((c) => CREDENTIAL_CODES.has(c))) return 'connector_misconfigured';
  if (codes.some((c) => TENANT_CODES.has(c))) return 'tenant_blocked';
  // invalid_client is client authentication failing; unauthorized_client is the app refused for this request/tenant.
  if (error === 'invalid_client') return 'connector_misconfigured';
  if (error === 'unauthorized_client') return 'tenant_blocked';
  if (codes.some((c) => RESTART_CODES.has(c))) return 'restart_flow';
  if (codes.some((c) => USER_REAUTH_CODES.has(c))) return 'user_reauth';
  if (error === 'interaction_required' || error === 'consent_required' || error === 'login_required') return 'user_reauth';
  if (suberror && ['bad_token', 'token_expired', 'consent_required', 'basic_action', 'additional_action', 'message_only', 'user_password_expired'].includes(suberror)) {
    return 'user_reauth';
  }
  if (error === 'invalid_grant') return 'user_reauth';
  // Unrecognised: never stop a whole connector on a guess; retry this connection with backoff.
  return 'transient';
}

/** True when `tenant` names one directory (GUID or domain), i.e. the app's home tenant for a single-tenant connector. */
export function isHomeTenant(tenant: string | null | undefined): boolean {
  return !!tenant && !SHARED_AUTHORITIES.has(tenant.toLowerCase());
}

/**
 * The class of a refresh failure given the authority the refresh went to: AADSTS700016 from the app's own tenant
 * means the app itself does not exist (credentials), from common/organizations/consumers only that one user's
 * tenant does not know it.
 */
export function refreshFailureClass(error: MicrosoftTokenError, authority: string | null | undefined): FailureClass {
  if (error.kind === 'tenant_blocked' && error.errorCodes.includes(700016) && isHomeTenant(authority)) return 'connector_misconfigured';
  return error.kind;
}

/** RFC 9110 HTTP-date: IMF-fixdate or the obsolete RFC 850 form (both GMT); asctime below. */
const HTTP_DATE = /^[A-Za-z]{3,9}, \d{2}[ -][A-Za-z]{3}[ -]\d{2}(\d{2})? \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * Seconds a Retry-After header asks for: delta-seconds (Microsoft's form, fractions tolerated) or an HTTP date; null
 * when absent or unreadable. Only an HTTP date's own forms are read as dates: Date.parse alone reads garbage such as
 * `-1` or `abc 5` as dates in 2001, which would mean "retry at once".
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const v = header.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  let at = NaN;
  if (HTTP_DATE.test(v)) at = Date.parse(v);
  else if (ASCTIME_DATE.test(v)) at = Date.parse(`${v} GMT`);
  if (Number.isNaN(at)) return null;
  return Math.max(0, (at - now) / 1000);
}
