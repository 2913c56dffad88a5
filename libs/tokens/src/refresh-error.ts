import { assertUnreachable, DomainError, SecretKeyUnavailableError } from '@app/common';
import type { RefreshOutcome } from './refresh-outcome';
import { secondsUntil, TEXTS } from './refresh-policy';

/** A refresh that gave no token. */
export type RefreshFailure = Exclude<RefreshOutcome, { kind: 'fresh' }>;

/**
 * Failures that leave the stored access token good to hand out: Microsoft down, the connector's app refused, a
 * refresh token under a missing encryption key. Not a connection that is stopped or gone.
 */
export function servesStoredToken(outcome: RefreshFailure): boolean {
  switch (outcome.kind) {
    case 'transient':
    case 'backing_off':
    case 'busy':
    case 'connector_misconfigured':
    case 'key_unavailable':
      return true;
    case 'needs_reauth':
    case 'tenant_blocked':
    case 'not_found':
      return false;
    default:
      return assertUnreachable(outcome);
  }
}

/** The problem the token endpoint answers for a refresh that gave no token (the writer sets Retry-After from retryAfterSeconds). */
export function refreshError(outcome: RefreshFailure, now: number): DomainError {
  switch (outcome.kind) {
    case 'transient': {
      const retryAfterSeconds = secondsUntil(outcome.retryAt, now);
      return new DomainError('MICROSOFT_UNAVAILABLE', TEXTS.unavailable(outcome.microsoftError, retryAfterSeconds), { retryAfterSeconds, microsoftError: outcome.microsoftError });
    }
    case 'backing_off': {
      const retryAfterSeconds = secondsUntil(outcome.retryAt, now);
      return new DomainError('MICROSOFT_UNAVAILABLE', TEXTS.unavailable(null, retryAfterSeconds), { retryAfterSeconds });
    }
    case 'busy':
      return new DomainError('MICROSOFT_UNAVAILABLE', TEXTS.busy, { retryAfterSeconds: secondsUntil(outcome.retryAt, now) });
    case 'needs_reauth':
    case 'tenant_blocked':
      return new DomainError(outcome.kind === 'needs_reauth' ? 'CONNECTION_NEEDS_REAUTH' : 'CONNECTION_TENANT_BLOCKED', outcome.message, {
        connectionId: outcome.connectionId,
        reason: outcome.reason,
        microsoftError: outcome.microsoftError,
      });
    case 'connector_misconfigured':
      return outcome.reason === 'app_changed'
        ? new DomainError('CONNECTOR_MISCONFIGURED', outcome.message, { connectionId: outcome.connectionId, reason: 'app_changed' })
        : new DomainError('CONNECTOR_MISCONFIGURED', outcome.message, { microsoftError: outcome.microsoftError });
    case 'key_unavailable':
      return new SecretKeyUnavailableError(outcome.keyId);
    case 'not_found':
      return DomainError.notFound('Connection');
    default:
      return assertUnreachable(outcome);
  }
}
