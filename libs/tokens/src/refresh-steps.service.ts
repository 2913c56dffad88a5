import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { Metrics, REDIS, RedisKeys, redisKeys, SecretBox, tokenAad } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { missingScopes, missingScopesEvent, nextRefreshAt, sameScopes } from '@app/connect';
import { ConnectionEntity, ConnectorEntity } from '@app/database';
import { ClientCredentials, graphResource, MicrosoftIdentityClient, MicrosoftTokenError, TokenSet } from '@app/microsoft';
import { ConnectionTokensRepository, HistoryEntry } from './connection-tokens.repository';
import { LockUnavailableError, RedisLock } from './redis-lock';
import { FailureVerdict, failureText, retryAt } from './refresh-policy';
import type { RefreshOutcome } from './refresh-outcome';

/** A connection stopped until the end user connects again. */
type Stopped = Extract<RefreshOutcome, { kind: 'needs_reauth' | 'tenant_blocked' }>;

/** The refresh grant's answer: new tokens, or what Microsoft refused. */
export type GrantResult = { tokens: TokenSet; error?: undefined } | { tokens?: undefined; error: MicrosoftTokenError };

/**
 * The steps of a refresh that touch Redis, Microsoft or Postgres, shared by the runner (TokenRefresher) and the
 * credential checks: the lease, the refresh grant, and the writes of each result.
 */
@Injectable()
export class RefreshSteps {
  private readonly logger = new Logger(RefreshSteps.name);
  private readonly lock: RedisLock;
  private readonly keys: RedisKeys;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) redis: Redis,
    private readonly connections: ConnectionTokensRepository,
    private readonly microsoft: MicrosoftIdentityClient,
    private readonly secrets: SecretBox,
    private readonly metrics: Metrics,
  ) {
    this.lock = new RedisLock(redis);
    this.keys = redisKeys(config.queuePrefix);
  }

  /**
   * The connection's refresh lease: a release function, or null while another process holds it. With Redis down the
   * refresh goes on without a lease (a no-op release): the compare-and-swap on version still keeps one writer's result.
   */
  async lease(customerId: string, connectionId: string): Promise<(() => Promise<void>) | null> {
    try {
      return await this.lock.acquire(this.keys.refreshLease(connectionId), this.config.refresh.leaseSeconds * 1000);
    } catch (error) {
      if (!(error instanceof LockUnavailableError)) throw error;
      this.logger.warn({ customerId, connectionId, error: error.message }, 'Refreshing without a lease');
      return async () => undefined;
    }
  }

  /**
   * The refresh grant for one connection: its own tenant path, scopes and refresh token, the given app's credentials.
   * The call to Microsoft is timed, whatever it answers.
   */
  async grant(c: ConnectionEntity, connector: ConnectorEntity, credentials: ClientCredentials): Promise<GrantResult> {
    const tenant = c.authorityTenant ?? connector.tenant;
    const refreshToken = this.secrets.decrypt(c.refreshTokenEncrypted!, tokenAad(c.customerId, c.id, 'refresh_token'));
    const started = performance.now();
    try {
      const tokens = await this.microsoft.refresh(tenant, credentials, { refreshToken, scopes: c.requestedScopes ?? c.scopes });
      return { tokens };
    } catch (error) {
      if (!(error instanceof MicrosoftTokenError)) throw error;
      return { error };
    } finally {
      this.metrics.refreshMicrosoftCallSeconds.observe((performance.now() - started) / 1000);
    }
  }

  /**
   * Stores refreshed tokens (compare-and-swap on version). `connector`: compare the granted scopes with its scopes
   * (without it, the missing scopes stay as they were). Null when the connection is gone.
   */
  async store(c: ConnectionEntity, tokens: TokenSet, connector?: ConnectorEntity): Promise<ConnectionEntity | null> {
    const now = Date.now();
    const missing = connector ? missingScopes(connector.scopes, tokens.scopes, graphResource(this.config.microsoft.graphUrl)) : c.missingScopes;
    const refreshToken = tokens.refreshToken ?? null;
    const refreshed = {
      accessTokenEncrypted: this.secrets.encrypt(tokens.accessToken, tokenAad(c.customerId, c.id, 'access_token')),
      // Microsoft sends a new refresh token on every refresh; null keeps the old one if it ever does not.
      refreshTokenEncrypted: refreshToken ? this.secrets.encrypt(refreshToken, tokenAad(c.customerId, c.id, 'refresh_token')) : null,
      expiresAt: tokens.expiresAt,
      scopes: tokens.scopes.length ? tokens.scopes : c.scopes,
      nextRefreshAt: nextRefreshAt(tokens.expiresAt, this.config.refresh, now),
      lastRefreshedAt: new Date(now),
      missingScopes: missing,
    };
    const history: HistoryEntry[] = [];
    if (!sameScopes(missing, c.missingScopes)) history.push(missingScopesEvent(missing));
    if (c.refreshFailures > 0) history.push({ status: 'active', reason: `Refreshed after ${c.refreshFailures} failed attempt(s)` });
    // Nothing to record (the common case): the prepared statement alone; else the write, its history and event in one tx.
    const stored = history.length
      ? await this.connections.storeRecording(c.customerId, c, refreshed, history, c.refreshFailures)
      : await this.connections.store(c.customerId, c, refreshed);
    if (!stored) {
      // Someone wrote a newer version meanwhile (our lease expired): theirs stands; Microsoft keeps both tokens valid.
      this.logger.warn({ customerId: c.customerId, connectionId: c.id }, 'Refresh result discarded: a newer version was stored');
      return this.connections.read(c.customerId, c.id);
    }
    this.logger.debug({ customerId: c.customerId, connectionId: c.id }, 'Token refreshed');
    return stored;
  }

  /** A failure that is this connection's own: retried with backoff, or the connection stops. */
  settle(c: ConnectionEntity, verdict: Exclude<FailureVerdict, 'connector_misconfigured'>, error: MicrosoftTokenError): Promise<Extract<RefreshOutcome, { kind: 'transient' }> | Stopped> {
    if (verdict === 'transient') return this.retryLater(c, error);
    const { code, text } = failureText(error);
    return this.stop(c, verdict, code, text);
  }

  /** A failure to retry later: counts it, stores the backoff (at least what Retry-After asked) and says when. */
  async retryLater(c: ConnectionEntity, error: MicrosoftTokenError): Promise<Extract<RefreshOutcome, { kind: 'transient' }>> {
    const { code, text } = failureText(error);
    const failures = c.refreshFailures + 1;
    const at = retryAt(failures, error.retryAfterSeconds, c.expiresAt);
    await this.connections.recordRetry(c.customerId, c, failures, `${code}: ${text}`, at);
    this.logger.warn({ customerId: c.customerId, connectionId: c.id, error: error.error, httpStatus: error.httpStatus, failures }, 'Transient refresh failure');
    return { kind: 'transient', retryAt: at, microsoftError: code };
  }

  /** Stops the connection until the end user connects again (or their organisation allows the app). */
  async stop(c: ConnectionEntity, status: 'needs_reauth' | 'tenant_blocked', code: string, reason: string): Promise<Stopped> {
    await this.connections.stop(c.customerId, c, status, code, reason);
    this.logger.warn({ customerId: c.customerId, connectionId: c.id, error: code, status }, 'Connection stopped');
    return { kind: status, connectionId: c.id, reason, microsoftError: code, message: reason };
  }
}
