import { Injectable } from '@nestjs/common';
import { assertUnreachable, DomainError, SecretBox, SecretKeyUnavailableError, tokenAad } from '@app/common';
import { ConnectionEntity } from '@app/database';
import { ConnectionTokensRepository } from './connection-tokens.repository';
import { ReadTracker } from './read-tracker.service';
import { backoff, needsMinValidity, NeedsRefresh, secondsUntil, TEXTS } from './refresh-policy';
import type { RefreshOutcome } from './refresh-outcome';
import { TokenRefresher } from './token-refresher.service';

export const DEFAULT_MIN_VALIDITY_SECONDS = 300;
/**
 * What the token endpoint reads per request: the answer and the freshness check, not the refresh token (a refresh
 * re-reads the whole row under its lock).
 */
const TOKEN_COLUMNS =
  'id, customer_id, end_user_id, status, expires_at, scopes, access_token_encrypted, ms_label, ms_tenant_id, ms_object_id, refresh_failures, next_refresh_at';
/** Below this, a stored token is not handed out even when Microsoft is down. */
const DEGRADED_FLOOR_MS = 10_000;
const usable = (c: ConnectionEntity, now: number) => c.status === 'active' && !!c.expiresAt && c.expiresAt.getTime() - now >= DEGRADED_FLOOR_MS;

export interface TokenAnswer {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: string;
  expiresIn: number;
  scopes: string[];
  connectionId: string;
  endUserId: string;
  account: { label: string | null; tenantId: string; objectId: string };
}

type Failure = Exclude<RefreshOutcome, { kind: 'fresh' }>;

/** The token endpoint: a token valid for at least `minValidity` seconds, refreshed on the spot only if needed. */
@Injectable()
export class TokenService {
  constructor(
    private readonly connections: ConnectionTokensRepository,
    private readonly refresher: TokenRefresher,
    private readonly reads: ReadTracker,
    private readonly secrets: SecretBox,
  ) {}

  async forConnection(customerId: string, connectionId: string, minValiditySeconds = DEFAULT_MIN_VALIDITY_SECONDS): Promise<TokenAnswer> {
    const stored = await this.connections.read(customerId, connectionId, TOKEN_COLUMNS);
    if (!stored) throw DomainError.notFound('Connection');
    return this.fresh(stored, minValiditySeconds);
  }

  async forEndUser(customerId: string, endUserId: string, minValiditySeconds = DEFAULT_MIN_VALIDITY_SECONDS): Promise<TokenAnswer> {
    const rows = await this.connections.forEndUser(customerId, endUserId);
    if (rows.length === 0) throw DomainError.notFound('Outlook Email connection for this end user');
    if (rows.length > 1) {
      throw new DomainError('AMBIGUOUS_CONNECTION', `This end user has ${rows.length} Outlook Email connections; ask for one by id with GET /v1/connections/{id}/token.`, {
        connectionIds: rows.map((r) => r.id),
      });
    }
    return this.fresh(rows[0], minValiditySeconds);
  }

  private async fresh(stored: ConnectionEntity, minValiditySeconds: number): Promise<TokenAnswer> {
    const needs = needsMinValidity(minValiditySeconds);
    let connection = stored;
    const now = Date.now();
    if (stored.status !== 'active' || needs(stored, now)) {
      // Backing off after a failure: not even a lease or a re-read, just the stored token while it is usable.
      const backingOff = stored.status === 'active' ? backoff(stored, now) : null;
      if (backingOff && !usable(stored, now)) throw refreshError({ kind: 'backing_off', retryAt: backingOff.retryAt }, now);
      if (!backingOff) connection = await this.refreshed(stored, needs);
    }
    this.reads.record(connection.id);
    const expiresAt = connection.expiresAt!;
    return {
      accessToken: this.secrets.decrypt(connection.accessTokenEncrypted!, tokenAad(connection.customerId, connection.id, 'access_token')),
      tokenType: 'Bearer',
      expiresAt: expiresAt.toISOString(),
      expiresIn: Math.floor((expiresAt.getTime() - Date.now()) / 1000),
      scopes: connection.scopes,
      connectionId: connection.id,
      endUserId: connection.endUserId,
      account: { label: connection.msLabel, tenantId: connection.msTenantId, objectId: connection.msObjectId },
    };
  }

  /** A refresh on the spot; when it cannot happen for now, the stored token while it is still usable. */
  private async refreshed(stored: ConnectionEntity, needs: NeedsRefresh): Promise<ConnectionEntity> {
    const outcome = await this.refresher.refresh(stored.customerId, stored.id, needs);
    if (outcome.kind === 'fresh') return outcome.connection;
    const latest = servesStoredToken(outcome) ? await this.connections.read(stored.customerId, stored.id) : null;
    if (!latest || !usable(latest, Date.now())) throw refreshError(outcome, Date.now());
    return latest;
  }
}

/**
 * Failures that leave the stored access token good to hand out: Microsoft down, the connector's app refused, a
 * refresh token under a missing encryption key. Not a connection that is stopped or gone.
 */
function servesStoredToken(outcome: Failure): boolean {
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
function refreshError(outcome: Failure, now: number): DomainError {
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
