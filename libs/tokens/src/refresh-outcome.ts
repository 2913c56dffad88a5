import type { ConnectionEntity } from '@app/database';

/** Why a connector's app cannot refresh this connection. */
type MisconfiguredReason =
  /** The connector was already flagged by an earlier failure (not yet saved again). */
  | 'flagged'
  /** Microsoft refused the app's credentials just now, confirmed (the connector is now flagged). */
  | 'credentials'
  /** The connector has no usable client id or secret. */
  | 'no_credentials'
  /** The connector names another Azure app than the one that issued this connection's tokens. */
  | 'app_changed';

/** A connection that stays stopped until the end user connects again. */
interface Stopped {
  connectionId: string;
  /** What the end user or the customer should know (the stored status reason). */
  reason: string | null;
  microsoftError: string | null;
  message: string;
}

/**
 * What one refresh came to, for the token endpoint and the worker to act on (neither speaks the other's language:
 * no HTTP here). Unexpected errors (Postgres down, a bug) are thrown, not returned.
 */
export type RefreshOutcome =
  /** Tokens that satisfy the caller: refreshed now, by someone else meanwhile, or already fresh enough. */
  | { kind: 'fresh'; connection: ConnectionEntity }
  /** Microsoft failed for now (or a credential failure is not confirmed yet): the backoff is stored; try at `retryAt`. */
  | { kind: 'transient'; retryAt: Date; microsoftError: string }
  /** Still backing off after an earlier failure: nobody calls Microsoft before `retryAt`. */
  | { kind: 'backing_off'; retryAt: Date }
  /** Another process held the refresh too long: try again at `retryAt`. */
  | { kind: 'busy'; retryAt: Date }
  | ({ kind: 'needs_reauth' } & Stopped)
  | ({ kind: 'tenant_blocked' } & Stopped)
  | { kind: 'connector_misconfigured'; reason: MisconfiguredReason; connectionId: string; microsoftError: string | null; message: string }
  /** A stored secret is sealed by an encryption key that is not configured. */
  | { kind: 'key_unavailable'; keyId: string }
  | { kind: 'not_found' };
