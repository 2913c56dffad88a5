import { Injectable, Logger } from '@nestjs/common';
import { assertUnreachable, Metrics, RefreshResult, SecretKeyUnavailableError } from '@app/common';
import { ConnectorsRepository, ConnectorsService } from '@app/connectors';
import { ConnectionEntity, ConnectorEntity } from '@app/database';
import { MicrosoftTokenError } from '@app/microsoft';
import { ConnectionTokensRepository } from './connection-tokens.repository';
import { CredentialCheckService } from './credential-check.service';
import { backoff, BUSY_RETRY_MS, failureText, failureVerdict, NeedsRefresh, retryAt, TEXTS, WAIT_FOR_OTHER_MS } from './refresh-policy';
import type { RefreshOutcome } from './refresh-outcome';
import { RefreshSteps } from './refresh-steps.service';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a refresh this process ran can come to (backing off is only ever found on a re-read, never the result of a run). */
type RanOutcome = Exclude<RefreshOutcome, { kind: 'backing_off' }>;

/** The refreshes_total label of each outcome. */
export function refreshResult(outcome: RanOutcome): RefreshResult {
  switch (outcome.kind) {
    case 'fresh':
      return 'ok';
    case 'connector_misconfigured':
      return 'connector';
    case 'transient':
    case 'busy':
    case 'needs_reauth':
    case 'tenant_blocked':
    case 'key_unavailable':
    case 'not_found':
      return outcome.kind;
    default:
      return assertUnreachable(outcome);
  }
}

/**
 * The one way a connection's tokens are refreshed, shared by the token endpoint and the worker.
 * Single flight per connection: one promise per connection in this process, a Redis lease across processes,
 * a re-read after taking it (skip if someone else refreshed), no transaction held across the call to Microsoft,
 * and a compare-and-swap on `version` so a stale writer never overwrites a newer refresh token.
 */
@Injectable()
export class TokenRefresher {
  private readonly logger = new Logger(TokenRefresher.name);
  private readonly inFlight = new Map<string, Promise<RefreshOutcome>>();

  constructor(
    private readonly connections: ConnectionTokensRepository,
    private readonly connectorRows: ConnectorsRepository,
    private readonly connectors: ConnectorsService,
    private readonly steps: RefreshSteps,
    private readonly credentialChecks: CredentialCheckService,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Tokens that satisfy `needs`, refreshing at most once across everyone asking at the same time; or why there are
   * none. Throws only what is unexpected (Postgres down, a bug).
   */
  async refresh(customerId: string, connectionId: string, needs: NeedsRefresh): Promise<RefreshOutcome> {
    for (;;) {
      const pending = this.inFlight.get(connectionId);
      if (!pending) break;
      const result = await pending.catch(() => null);
      // A failed run is not shared: this caller re-reads under the lease and gets its own outcome.
      if (result?.kind !== 'fresh') break;
      if (!needs(result.connection, Date.now())) return result;
    }
    const run = this.refreshWithLease(customerId, connectionId, needs).finally(() => this.inFlight.delete(connectionId));
    this.inFlight.set(connectionId, run);
    return run;
  }

  private async refreshWithLease(customerId: string, connectionId: string, needs: NeedsRefresh): Promise<RefreshOutcome> {
    const deadline = Date.now() + WAIT_FOR_OTHER_MS;
    let wait = 25;
    for (;;) {
      const release = await this.steps.lease(customerId, connectionId);
      if (release) {
        try {
          return await this.refreshIfNeeded(customerId, connectionId, needs);
        } catch (error) {
          // A refresh token or client secret sealed by a key that is not configured: no refresh until an operator adds it.
          if (error instanceof SecretKeyUnavailableError) return this.counted({ kind: 'key_unavailable', keyId: error.keyId });
          throw error;
        } finally {
          await release();
        }
      }
      // Another process is refreshing this connection: wait for its result instead of calling Microsoft too.
      await sleep(wait);
      wait = Math.min(wait * 2, 250);
      const current = await this.connections.read(customerId, connectionId);
      const settled = current ? this.withoutRefresh(current, needs) : { kind: 'not_found' as const };
      if (settled) return settled;
      if (Date.now() > deadline) return this.counted({ kind: 'busy', retryAt: new Date(Date.now() + BUSY_RETRY_MS) });
    }
  }

  /** Re-reads under the lease (or without one when Redis is down) and refreshes only if still needed and allowed. */
  private async refreshIfNeeded(customerId: string, connectionId: string, needs: NeedsRefresh): Promise<RefreshOutcome> {
    const found = await this.connections.readWithConnector(customerId, connectionId);
    if (!found) return { kind: 'not_found' };
    return this.withoutRefresh(found.connection, needs) ?? this.counted(await this.refreshNow(found.connection, found.connector));
  }

  /** Counts a refresh this process ran (one whose outcome someone else settled, or that was not due, is not counted). */
  private counted<T extends RanOutcome>(outcome: T): T {
    this.metrics.refreshes[refreshResult(outcome)].inc();
    return outcome;
  }

  /** The outcome when `c` as read needs no call to Microsoft (stopped, fresh enough, backing off); else null. */
  private withoutRefresh(c: ConnectionEntity, needs: NeedsRefresh): RefreshOutcome | null {
    if (c.status === 'needs_reauth' || c.status === 'tenant_blocked') {
      const message = c.statusReason ?? (c.status === 'needs_reauth' ? TEXTS.needsReauth : TEXTS.tenantBlocked);
      return { kind: c.status, connectionId: c.id, reason: c.statusReason, microsoftError: c.statusCode, message };
    }
    const now = Date.now();
    if (!needs(c, now)) return { kind: 'fresh', connection: c };
    const backingOff = backoff(c, now);
    return backingOff && { kind: 'backing_off', retryAt: backingOff.retryAt };
  }

  private async refreshNow(c: ConnectionEntity, connector: ConnectorEntity | null): Promise<RanOutcome> {
    if (!connector) return this.steps.stop(c, 'needs_reauth', 'connector_removed', TEXTS.connectorRemoved);
    if (connector.misconfiguredAt) return misconfigured(c, connector, 'flagged', connector.misconfiguredReason ?? TEXTS.appRefused);
    const credentials = this.connectors.clientCredentials(connector);
    if (!credentials) return misconfigured(c, connector, 'no_credentials', connector.misconfiguredReason ?? TEXTS.noCredentials);
    if (credentials.clientId !== c.clientId) return this.skipSwitchedApp(c, credentials.clientId);
    const result = await this.steps.grant(c, connector, credentials);
    if (result.error) return this.onFailure(c, connector, result.error);
    const stored = await this.steps.store(c, result.tokens, connector);
    return stored ? { kind: 'fresh', connection: stored } : { kind: 'not_found' };
  }

  private async onFailure(c: ConnectionEntity, connector: ConnectorEntity, error: MicrosoftTokenError): Promise<RanOutcome> {
    const verdict = failureVerdict(error, c.authorityTenant ?? connector.tenant);
    if (verdict !== 'connector_misconfigured') return this.steps.settle(c, verdict, error);
    // A credential error not confirmed by a second connection stays this connection's own, retried with backoff.
    if (!(await this.credentialChecks.confirmedByAnother(c, connector))) return this.steps.retryLater(c, error);
    const { code, text } = failureText(error);
    await this.connectorRows.flagMisconfigured(connector.customerId, connector.id, { code, reason: text, connectionId: c.id });
    await this.connections.setLastRefreshError(c.customerId, c.id, `${code}: ${text}`);
    this.logger.warn({ customerId: c.customerId, connectionId: c.id, connectorId: connector.id, error: code }, 'Connector flagged misconfigured');
    return { kind: 'connector_misconfigured', reason: 'credentials', connectionId: c.id, microsoftError: code, message: TEXTS.misconfigured(text) };
  }

  /**
   * The connector now names another Azure app than the one that issued this connection's tokens: skipped (no call to
   * Microsoft, which would refuse the token) and tried again later, so reverting the change resumes refreshes.
   */
  private async skipSwitchedApp(c: ConnectionEntity, connectorClientId: string): Promise<RanOutcome> {
    const at = retryAt(c.refreshFailures + 1, null, c.expiresAt);
    const reason = TEXTS.appChanged(connectorClientId, c.clientId);
    await this.connections.recordRetry(c.customerId, c, c.refreshFailures + 1, `app_changed: ${reason}`, at);
    this.logger.warn({ customerId: c.customerId, connectionId: c.id, clientId: c.clientId, connectorClientId }, 'Refresh skipped: the connector switched to another Azure app');
    return { kind: 'connector_misconfigured', reason: 'app_changed', connectionId: c.id, microsoftError: null, message: reason };
  }
}

function misconfigured(c: ConnectionEntity, connector: ConnectorEntity, reason: 'flagged' | 'no_credentials', text: string): RanOutcome {
  return { kind: 'connector_misconfigured', reason, connectionId: c.id, microsoftError: connector.misconfiguredCode, message: TEXTS.misconfigured(text) };
}
