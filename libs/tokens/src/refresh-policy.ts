import type { ConnectionEntity } from '@app/database';
import { explain, MicrosoftTokenError, refreshFailureClass } from '@app/microsoft';

/**
 * The refresh's rules as pure functions (no Nest, no I/O): when a refresh is needed, when to try again, what a
 * Microsoft answer means for a connection, and the texts the customer reads.
 */

/** Decides, from a freshly read connection, whether a refresh is still needed. */
export type NeedsRefresh = (connection: ConnectionEntity, now: number) => boolean;

/** The token endpoint's rule: the token must stay valid for `seconds` more. */
export const needsMinValidity =
  (seconds: number): NeedsRefresh =>
  (c, now) =>
    !c.expiresAt || c.expiresAt.getTime() - now < seconds * 1000;

/** The worker's rule: refresh once the scheduled time has come (with the worker's 1 s slack). */
export const isDue: NeedsRefresh = (c, now) => !c.nextRefreshAt || c.nextRefreshAt.getTime() <= now + 1000;

/**
 * After a transient failure, next_refresh_at is the backoff (at least what Retry-After asked): nobody calls Microsoft
 * again before it, whoever asks and however many. Null when not backing off (with the worker's 1 s slack).
 */
export function backoff(c: Pick<ConnectionEntity, 'refreshFailures' | 'nextRefreshAt'>, now: number): { retryAt: Date } | null {
  return c.refreshFailures > 0 && c.nextRefreshAt && c.nextRefreshAt.getTime() > now + 1000 ? { retryAt: c.nextRefreshAt } : null;
}

/**
 * When to try again after a transient failure: exponential backoff with full jitter (1 s doubling, capped at
 * 5 minutes), at least what Retry-After asks, and while the stored token is still valid, early enough to retry
 * before it expires.
 */
export function retryAt(failures: number, retryAfterSeconds: number | null, expiresAt: Date | null, now = Date.now()): Date {
  const ceiling = Math.min(300_000, 1000 * 2 ** Math.min(failures, 20));
  let delay = Math.max(1000, Math.floor(Math.random() * ceiling));
  if (expiresAt && expiresAt.getTime() > now) {
    const remaining = expiresAt.getTime() - now;
    delay = Math.min(delay, Math.max(1000, Math.floor(remaining / 3)));
  }
  if (retryAfterSeconds !== null) delay = Math.max(delay, Math.ceil(retryAfterSeconds * 1000));
  return new Date(now + delay);
}

/** How long a caller waits for another process's refresh before answering "busy", and when it may ask again. */
export const WAIT_FOR_OTHER_MS = 20_000;
export const BUSY_RETRY_MS = 2000;

/** Whole seconds until `at`, at least 1 (what a caller is told to wait). */
export const secondsUntil = (at: Date, now: number): number => Math.max(1, Math.ceil((at.getTime() - now) / 1000));

/** What a refresh failure means for this connection. */
export type FailureVerdict =
  /** Retry with backoff. */
  | 'transient'
  /** The app's credentials: the connector stops, once a second connection confirms it. */
  | 'connector_misconfigured'
  /** The end user's organisation refuses the app: this connection stops. */
  | 'tenant_blocked'
  /** The end user must connect again (also a flow to restart or an administrator's consent to get). */
  | 'needs_reauth';

/** `authority`: the tenant path the refresh went to (a 700016 from the app's home tenant is about the app). */
export function failureVerdict(error: MicrosoftTokenError, authority: string | null | undefined): FailureVerdict {
  const kind = refreshFailureClass(error, authority);
  if (kind === 'transient' || kind === 'connector_misconfigured' || kind === 'tenant_blocked') return kind;
  return 'needs_reauth';
}

/** The failure as stored and answered: the code (first AADSTS code, else the OAuth error) and the customer's text. */
export function failureText(error: MicrosoftTokenError): { code: string; text: string } {
  return { code: error.aadsts ?? error.error, text: explain(error.error, error.errorCodes).customer };
}

export const TEXTS = {
  needsReauth: 'The end user must reconnect this account.',
  tenantBlocked: "The end user's organisation blocks the app.",
  connectorRemoved: 'The connector was removed; the end user must connect again once it is configured.',
  appRefused: "Microsoft refused the connector's app.",
  noCredentials: 'The connector has no usable app credentials.',
  busy: 'A refresh of this connection is taking too long. Try again shortly.',
  /** `microsoftError` null: still backing off after an earlier failure. */
  unavailable: (microsoftError: string | null, seconds: number) =>
    `Microsoft did not refresh the token${microsoftError === null ? '' : ` (${microsoftError})`}; retrying in ${seconds} s.`,
  misconfigured: (reason: string) => `${reason} Fix the Outlook Email connector; refreshes resume once it is saved.`,
  appChanged: (connectorClientId: string, connectionClientId: string) =>
    `The connector now uses the Azure app ${connectorClientId}; this connection was made with ${connectionClientId}. Revert the connector's client ID, or have the end user connect again.`,
} as const;
