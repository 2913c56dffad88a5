import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { DomainError, REDIS, RedisKeys, redisKeys, SecretBox, tokenAad } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { missingScopes, missingScopesEvent, nextRefreshAt, recordConnectionEvent, retryAt, sameScopes } from '@app/connect';
import { ConnectorsService, CredentialCheck } from '@app/connectors';
import { ConnectionEntity, ConnectorEntity, rawEntityMapper } from '@app/database';
import { ClientCredentials, explain, FailureClass, graphResource, MicrosoftIdentityClient, MicrosoftTokenError, refreshFailureClass, TokenSet } from '@app/microsoft';
import { LockUnavailableError, RedisLock } from './redis-lock';

const WAIT_FOR_OTHER_MS = 20_000;

/** Decides, from a freshly read connection, whether a refresh is still needed. */
export type NeedsRefresh = (connection: ConnectionEntity, now: number) => boolean;

export const needsMinValidity =
  (seconds: number): NeedsRefresh =>
  (c, now) =>
    !c.expiresAt || c.expiresAt.getTime() - now < seconds * 1000;

/**
 * After a transient failure, next_refresh_at is the backoff (at least what Retry-After asked): nobody calls Microsoft
 * again before it, whoever asks and however many. The 503 to answer meanwhile, or null when not backing off (with
 * the worker's 1 s slack).
 */
export function backoffError(c: Pick<ConnectionEntity, 'refreshFailures' | 'nextRefreshAt'>, now: number): DomainError | null {
  if (!(c.refreshFailures > 0 && c.nextRefreshAt && c.nextRefreshAt.getTime() > now + 1000)) return null;
  const retryAfterSeconds = Math.ceil((c.nextRefreshAt.getTime() - now) / 1000);
  return new DomainError('MICROSOFT_UNAVAILABLE', `Microsoft did not refresh the token; retrying in ${retryAfterSeconds} s.`, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
    retryAfterSeconds,
  });
}

/** The worker's rule: refresh once the scheduled time has come. */
export const isDue: NeedsRefresh = (c, now) => !c.nextRefreshAt || c.nextRefreshAt.getTime() <= now + 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The one way a connection's tokens are refreshed, shared by the token endpoint and the worker.
 * Single flight per connection: one promise per connection in this process, a Redis lease across processes,
 * a re-read after taking it (skip if someone else refreshed), no transaction held across the call to Microsoft,
 * and a compare-and-swap on `version` so a stale writer never overwrites a newer refresh token.
 */
@Injectable()
export class TokenRefresher {
  private readonly logger = new Logger(TokenRefresher.name);
  private readonly inFlight = new Map<string, Promise<ConnectionEntity>>();
  private readonly statementNames = new Map<string, string>();
  private sql: { readWithConnector: string; store: string } | undefined;
  private readonly lock: RedisLock;
  private readonly keys: RedisKeys;

  private rawMappers: { connection: (row: Record<string, unknown>) => ConnectionEntity; connector: (row: Record<string, unknown>) => ConnectorEntity } | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) redis: Redis,
    private readonly connectors: ConnectorsService,
    private readonly microsoft: MicrosoftIdentityClient,
    private readonly secrets: SecretBox,
  ) {
    this.lock = new RedisLock(redis);
    this.keys = redisKeys(config.queuePrefix);
  }

  /**
   * One connection, raw SQL by primary key scoped to the customer (no query builder: this is on hot paths). With an
   * explicit column list the statement is prepared once per pooled connection, so PostgreSQL skips parsing and
   * planning it on every token request. `SELECT *` is never prepared: a column added by a migration while the
   * process runs would invalidate its cached plan ("cached plan must not change result type").
   */
  async read(customerId: string, connectionId: string, columns = '*'): Promise<ConnectionEntity | null> {
    const rows = await this.rawQuery(`SELECT ${columns} FROM connections WHERE id = $1 AND customer_id = $2`, [connectionId, customerId], columns !== '*');
    return rows[0] ? this.mappers.connection(rows[0]) : null;
  }

  /**
   * The connection and its connector in one prepared statement (a refresh needs both): the column lists come from
   * the entities' metadata, so they are explicit and safe to prepare.
   */
  private async readWithConnector(customerId: string, connectionId: string): Promise<{ connection: ConnectionEntity; connector: ConnectorEntity | null } | null> {
    const [row]: Array<Record<string, unknown> | undefined> = await this.rawQuery(this.statements.readWithConnector, [connectionId, customerId], true);
    if (!row) return null;
    const connector: Record<string, unknown> = {};
    for (const key of Object.keys(row)) {
      if (key.startsWith('k.')) {
        connector[key.slice(2)] = row[key];
        delete row[key];
      }
    }
    return { connection: this.mappers.connection(row), connector: connector.id ? this.mappers.connector(connector) : null };
  }

  private get statements() {
    this.sql ??= (() => {
      const columns = (target: typeof ConnectionEntity | typeof ConnectorEntity) =>
        this.db
          .getMetadata(target)
          .columns.filter((c) => !c.isVirtualProperty)
          .map((c) => `"${c.databaseName}"`);
      const connection = columns(ConnectionEntity);
      return {
        readWithConnector: `SELECT ${connection.map((n) => `c.${n}`).join(', ')}, ${columns(ConnectorEntity)
          .map((n) => `k.${n} AS "k.${n.slice(1, -1)}"`)
          .join(', ')}
           FROM connections c LEFT JOIN connectors k ON k.id = c.connector_id AND k.customer_id = c.customer_id
          WHERE c.id = $1 AND c.customer_id = $2`,
        // The compare-and-swap on version: a stale writer (its lease lapsed) matches no row.
        store: `UPDATE connections
            SET access_token_encrypted = $4, refresh_token_encrypted = COALESCE($5, refresh_token_encrypted), expires_at = $6,
                scopes = $7, next_refresh_at = $8, last_refreshed_at = $9, refresh_failures = 0, last_refresh_error = NULL, missing_scopes = $10,
                status = 'active', status_reason = NULL, status_code = NULL, version = version + 1, updated_at = now()
          WHERE id = $1 AND customer_id = $2 AND version = $3
          RETURNING ${connection.join(', ')}`,
      };
    })();
    return this.sql;
  }

  /**
   * Straight to the data source's pg pool: on these paths TypeORM's query runner costs more CPU than the query.
   * `prepare`: a named statement, parsed and planned once per pooled connection (only for explicit column lists).
   */
  private async rawQuery(text: string, values: unknown[], prepare = false): Promise<Array<Record<string, unknown>>> {
    let name: string | undefined;
    if (prepare) {
      name = this.statementNames.get(text);
      if (!name) this.statementNames.set(text, (name = `latchkey_statement_${this.statementNames.size + 1}`));
    }
    const pool = (this.db.driver as unknown as { master: { query(query: { text: string; values: unknown[]; name?: string }): Promise<{ rows: Array<Record<string, unknown>> }> } }).master;
    return (await pool.query({ text, values, name })).rows;
  }

  private get mappers() {
    this.rawMappers ??= { connection: rawEntityMapper(this.db, ConnectionEntity), connector: rawEntityMapper(this.db, ConnectorEntity) };
    return this.rawMappers;
  }

  decryptAccessToken(c: ConnectionEntity): string {
    return this.secrets.decrypt(c.accessTokenEncrypted!, tokenAad(c.customerId, c.id, 'access_token'));
  }

  /**
   * Returns the connection with tokens that satisfy `needs` no longer, refreshing at most once across everyone
   * asking at the same time. Throws DomainError: CONNECTION_NEEDS_REAUTH, CONNECTOR_MISCONFIGURED, MICROSOFT_UNAVAILABLE.
   */
  async ensureFresh(customerId: string, connectionId: string, needs: NeedsRefresh): Promise<ConnectionEntity> {
    for (;;) {
      const pending = this.inFlight.get(connectionId);
      if (!pending) break;
      const result = await pending.catch(() => null);
      if (result && !needs(result, Date.now())) return result;
      if (!result) break;
    }
    const run = this.refreshWithLease(customerId, connectionId, needs).finally(() => this.inFlight.delete(connectionId));
    this.inFlight.set(connectionId, run);
    return run;
  }

  /**
   * The connection's refresh lease: a release function, or null while another process holds it. With Redis down the
   * refresh goes on without a lease (a no-op release): the compare-and-swap on version still keeps one writer's result.
   */
  private async lease(customerId: string, connectionId: string): Promise<(() => Promise<void>) | null> {
    try {
      return await this.lock.acquire(this.keys.refreshLease(connectionId), this.config.refresh.leaseSeconds * 1000);
    } catch (error) {
      if (!(error instanceof LockUnavailableError)) throw error;
      this.logger.warn({ customerId, connectionId, error: error.message }, 'Refreshing without a lease');
      return async () => undefined;
    }
  }

  /** The refresh grant for one connection: its own tenant path, scopes and refresh token, the given app's credentials. */
  private requestRefresh(c: ConnectionEntity, connector: ConnectorEntity, credentials: ClientCredentials): Promise<TokenSet> {
    return this.microsoft.refresh(c.authorityTenant ?? connector.tenant, credentials, {
      refreshToken: this.secrets.decrypt(c.refreshTokenEncrypted!, tokenAad(c.customerId, c.id, 'refresh_token')),
      scopes: c.requestedScopes ?? c.scopes,
    });
  }

  private async refreshWithLease(customerId: string, connectionId: string, needs: NeedsRefresh): Promise<ConnectionEntity> {
    const deadline = Date.now() + WAIT_FOR_OTHER_MS;
    let wait = 25;
    for (;;) {
      const release = await this.lease(customerId, connectionId);
      if (release) {
        try {
          return await this.refreshIfNeeded(customerId, connectionId, needs);
        } finally {
          await release();
        }
      }
      // Another process is refreshing this connection: wait for its result instead of calling Microsoft too.
      await sleep(wait);
      wait = Math.min(wait * 2, 250);
      const current = await this.read(customerId, connectionId);
      if (!current) throw DomainError.notFound('Connection');
      this.assertUsable(current);
      if (!needs(current, Date.now())) return current;
      this.assertNotBackingOff(current);
      if (Date.now() > deadline) {
        throw new DomainError('MICROSOFT_UNAVAILABLE', 'A refresh of this connection is taking too long. Try again shortly.', {
          headers: { 'Retry-After': '2' },
          retryAfterSeconds: 2,
        });
      }
    }
  }

  /** Re-reads under the lease (or without one when Redis is down) and refreshes only if still needed and allowed. */
  private async refreshIfNeeded(customerId: string, connectionId: string, needs: NeedsRefresh): Promise<ConnectionEntity> {
    const found = await this.readWithConnector(customerId, connectionId);
    if (!found) throw DomainError.notFound('Connection');
    const { connection: current, connector } = found;
    this.assertUsable(current);
    if (!needs(current, Date.now())) return current;
    this.assertNotBackingOff(current);
    return this.refreshNow(current, connector);
  }

  private assertNotBackingOff(c: ConnectionEntity): void {
    const error = backoffError(c, Date.now());
    if (error) throw error;
  }

  private assertUsable(c: ConnectionEntity): void {
    if (c.status === 'needs_reauth') {
      throw new DomainError('CONNECTION_NEEDS_REAUTH', c.statusReason ?? 'The end user must reconnect this account.', {
        connectionId: c.id,
        reason: c.statusReason,
        microsoftError: c.statusCode,
      });
    }
    if (c.status === 'tenant_blocked') {
      throw new DomainError('CONNECTION_TENANT_BLOCKED', c.statusReason ?? 'The end user\'s organisation blocks the app.', {
        connectionId: c.id,
        reason: c.statusReason,
        microsoftError: c.statusCode,
      });
    }
  }

  private async refreshNow(c: ConnectionEntity, connector: ConnectorEntity | null): Promise<ConnectionEntity> {
    if (!connector) return this.markNeedsReauth(c, 'connector_removed', null, 'The connector was removed; the end user must connect again once it is configured.');
    if (connector.misconfiguredAt) throw this.misconfiguredError(connector);
    const credentials = this.connectors.clientCredentials(connector);
    if (!credentials) throw this.misconfiguredError(connector, 'The connector has no usable app credentials.');
    if (credentials.clientId !== c.clientId) return this.skipSwitchedApp(c, credentials.clientId);

    let tokens: TokenSet;
    try {
      tokens = await this.requestRefresh(c, connector, credentials);
    } catch (error) {
      if (!(error instanceof MicrosoftTokenError)) throw error;
      return this.handleFailure(c, connector, error);
    }
    return this.store(c, tokens, connector);
  }

  /** `connector`: compare the granted scopes with its scopes (without it, the missing scopes stay as they were). */
  private async store(c: ConnectionEntity, tokens: TokenSet, connector?: ConnectorEntity): Promise<ConnectionEntity> {
    const now = Date.now();
    const missing = connector ? missingScopes(connector.scopes, tokens.scopes, graphResource(this.config.microsoft.graphUrl)) : c.missingScopes;
    const expiresAt = tokens.expiresAt;
    const refreshToken = tokens.refreshToken ?? null;
    const [stored] = await this.rawQuery(
      this.statements.store,
      [
        c.id,
        c.customerId,
        c.version,
        this.secrets.encrypt(tokens.accessToken, tokenAad(c.customerId, c.id, 'access_token')),
        // Microsoft sends a new refresh token on every refresh; null keeps the old one if it ever does not.
        refreshToken ? this.secrets.encrypt(refreshToken, tokenAad(c.customerId, c.id, 'refresh_token')) : null,
        expiresAt,
        tokens.scopes.length ? tokens.scopes : c.scopes,
        nextRefreshAt(expiresAt, this.config.refresh, now),
        new Date(now),
        missing,
      ],
      true,
    );
    if (!stored) {
      // Someone wrote a newer version meanwhile (our lease expired): theirs stands; Microsoft keeps both tokens valid.
      this.logger.warn({ customerId: c.customerId, connectionId: c.id }, 'Refresh result discarded: a newer version was stored');
      return (await this.read(c.customerId, c.id)) ?? Promise.reject(DomainError.notFound('Connection'));
    }
    if (!sameScopes(missing, c.missingScopes)) {
      await recordConnectionEvent(this.db.manager, { customerId: c.customerId, connectionId: c.id, ...missingScopesEvent(missing) });
    }
    if (c.refreshFailures > 0) {
      await recordConnectionEvent(this.db.manager, { customerId: c.customerId, connectionId: c.id, status: 'active', reason: `Refreshed after ${c.refreshFailures} failed attempt(s)` });
    }
    this.logger.debug({ customerId: c.customerId, connectionId: c.id }, 'Token refreshed');
    return this.mappers.connection(stored);
  }

  private async handleFailure(c: ConnectionEntity, connector: ConnectorEntity, error: MicrosoftTokenError): Promise<never> {
    const text = explain(error.error, error.errorCodes);
    const code = error.aadsts ?? error.error;
    const kind = refreshFailureClass(error, c.authorityTenant ?? connector.tenant);
    // A credential error not confirmed by a second connection stays this connection's own, retried with backoff.
    const unconfirmed = kind === 'connector_misconfigured' && !(await this.confirmedByAnother(c, connector, kind));
    if (kind === 'transient' || unconfirmed) {
      const failures = c.refreshFailures + 1;
      const at = retryAt(failures, error.retryAfterSeconds, c.expiresAt);
      await this.db
        .createQueryBuilder()
        .update(ConnectionEntity)
        .set({ refreshFailures: failures, lastRefreshError: `${code}: ${text.customer}`, nextRefreshAt: at })
        .where('id = :id AND customer_id = :customerId AND version = :version', { id: c.id, customerId: c.customerId, version: c.version })
        .execute();
      this.logger.warn({ customerId: c.customerId, connectionId: c.id, error: error.error, httpStatus: error.httpStatus, failures }, 'Transient refresh failure');
      const retryAfterSeconds = Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));
      throw new DomainError('MICROSOFT_UNAVAILABLE', `Microsoft did not refresh the token (${code}); retrying in ${retryAfterSeconds} s.`, {
        headers: { 'Retry-After': String(retryAfterSeconds) },
        retryAfterSeconds,
        microsoftError: code,
      });
    }
    if (kind === 'connector_misconfigured') {
      await this.db
        .getRepository(ConnectorEntity)
        .update({ id: connector.id, customerId: connector.customerId }, { misconfiguredAt: new Date(), misconfiguredCode: code, misconfiguredReason: text.customer, misconfiguredConnectionId: c.id });
      await this.db
        .getRepository(ConnectionEntity)
        .update({ id: c.id, customerId: c.customerId }, { lastRefreshError: `${code}: ${text.customer}` });
      this.logger.warn({ customerId: c.customerId, connectionId: c.id, connectorId: connector.id, error: code }, 'Connector flagged misconfigured');
      throw this.misconfiguredError({ ...connector, misconfiguredCode: code, misconfiguredReason: text.customer } as ConnectorEntity);
    }
    return this.markNeedsReauth(c, error.error, error.aadsts, text.customer, kind === 'tenant_blocked' ? 'tenant_blocked' : 'needs_reauth');
  }

  /**
   * After a save of a flagged connector: one real refresh, with the saved credentials, of the connection that flagged
   * it (else another active one of the same app). Microsoft accepting the app lifts the flag (the tokens are stored
   * as any refresh); a credential error keeps it with that error. Null when the connector was not flagged.
   */
  async recheckCredentials(customerId: string): Promise<CredentialCheck | null> {
    const connector = await this.connectors.find(customerId);
    if (!connector?.misconfiguredAt) return null;
    const credentials = this.connectors.clientCredentials(connector);
    if (!credentials) return { result: 'failed', connectionId: null, microsoftError: connector.misconfiguredCode, message: 'The connector has no usable app credentials.' };
    const [row] = await this.rawQuery(
      `SELECT id FROM connections WHERE customer_id = $1 AND connector_id = $2 AND client_id = $3 AND status = 'active' AND refresh_token_encrypted IS NOT NULL
        ORDER BY (id = $4::uuid) IS TRUE DESC, last_refreshed_at DESC NULLS LAST LIMIT 1`,
      [customerId, connector.id, credentials.clientId, connector.misconfiguredConnectionId],
    );
    if (!row) {
      await this.liftFlag(connector);
      return { result: 'unverified', connectionId: null, microsoftError: null, message: 'No connection of this app to check with; refreshes resume.' };
    }
    const connectionId = row.id as string;
    const release = await this.lease(customerId, connectionId);
    if (!release) {
      await this.liftFlag(connector);
      return { result: 'unverified', connectionId, microsoftError: null, message: 'The connection is being refreshed right now; refreshes resume.' };
    }
    try {
      const c = await this.read(customerId, connectionId);
      if (!c?.refreshTokenEncrypted) return { result: 'unverified', connectionId, microsoftError: null, message: 'The connection changed meanwhile; save again to re-check.' };
      let tokens: TokenSet;
      try {
        tokens = await this.requestRefresh(c, connector, credentials);
      } catch (error) {
        if (!(error instanceof MicrosoftTokenError)) throw error;
        const code = error.aadsts ?? error.error;
        const text = explain(error.error, error.errorCodes);
        const kind = refreshFailureClass(error, c.authorityTenant ?? connector.tenant);
        if (kind === 'connector_misconfigured') {
          await this.db
            .getRepository(ConnectorEntity)
            .update({ id: connector.id, customerId }, { misconfiguredAt: new Date(), misconfiguredCode: code, misconfiguredReason: text.customer, misconfiguredConnectionId: c.id });
          this.logger.warn({ customerId, connectionId, error: code }, 'Connector re-check failed: Microsoft still refuses the app');
          return { result: 'failed', connectionId, microsoftError: code, message: text.customer };
        }
        // Not about the app: the credentials are not refused; the connection's own failure is handled as usual.
        await this.liftFlag(connector);
        await this.handleFailure(c, { ...connector, misconfiguredAt: null } as ConnectorEntity, error).catch(() => undefined);
        return { result: 'unverified', connectionId, microsoftError: code, message: `Microsoft did not refuse the app; this connection failed on its own: ${text.customer}` };
      }
      await this.store(c, tokens);
      await this.liftFlag(connector);
      this.logger.log({ customerId, connectionId }, 'Connector re-check passed: refreshes resume');
      return { result: 'passed', connectionId, microsoftError: null, message: 'Microsoft accepted the app; refreshes resume.' };
    } finally {
      await release();
    }
  }

  private async liftFlag(connector: ConnectorEntity): Promise<void> {
    await this.db
      .getRepository(ConnectorEntity)
      .update({ id: connector.id, customerId: connector.customerId }, { misconfiguredAt: null, misconfiguredCode: null, misconfiguredReason: null, misconfiguredConnectionId: null });
  }

  /**
   * Confirms a credential failure before it stops every connection of the connector: another active connection of
   * the same connector (same customer, same app) is refreshed under its own lease; only the same class of failure
   * confirms. A connector with no other connection is confirmed by the one failure.
   */
  private async confirmedByAnother(c: ConnectionEntity, connector: ConnectorEntity, kind: FailureClass): Promise<boolean> {
    const credentials = this.connectors.clientCredentials(connector);
    if (!credentials) return true;
    const [other] = await this.rawQuery(
      `SELECT id FROM connections WHERE customer_id = $1 AND connector_id = $2 AND id <> $3 AND status = 'active' AND client_id = $4
        AND refresh_token_encrypted IS NOT NULL ORDER BY last_refreshed_at DESC NULLS LAST LIMIT 1`,
      [c.customerId, connector.id, c.id, credentials.clientId],
    );
    if (!other) return true;
    const release = await this.lease(c.customerId, other.id as string);
    // Someone is refreshing it right now: their result will tell; until then this failure is not confirmed.
    if (!release) return false;
    try {
      const second = await this.read(c.customerId, other.id as string);
      if (!second || second.status !== 'active' || !second.refreshTokenEncrypted) return false;
      let tokens: TokenSet;
      try {
        tokens = await this.requestRefresh(second, connector, credentials);
      } catch (error) {
        if (!(error instanceof MicrosoftTokenError)) throw error;
        const confirmed = refreshFailureClass(error, second.authorityTenant ?? connector.tenant) === kind;
        this.logger.warn({ customerId: c.customerId, connectionId: c.id, secondConnectionId: second.id, error: error.aadsts ?? error.error, confirmed }, 'Credential failure checked on a second connection');
        return confirmed;
      }
      await this.store(second, tokens);
      this.logger.warn({ customerId: c.customerId, connectionId: c.id, secondConnectionId: second.id }, 'Credential failure not confirmed: a second connection refreshed');
      return false;
    } finally {
      await release();
    }
  }

  /**
   * The connector now names another Azure app than the one that issued this connection's tokens: skipped (no call to
   * Microsoft, which would refuse the token) and tried again later, so reverting the change resumes refreshes.
   */
  private async skipSwitchedApp(c: ConnectionEntity, connectorClientId: string): Promise<never> {
    const at = retryAt(c.refreshFailures + 1, null, c.expiresAt);
    const reason = `The connector now uses the Azure app ${connectorClientId}; this connection was made with ${c.clientId}. Revert the connector's client ID, or have the end user connect again.`;
    await this.db
      .createQueryBuilder()
      .update(ConnectionEntity)
      .set({ refreshFailures: c.refreshFailures + 1, lastRefreshError: `app_changed: ${reason}`, nextRefreshAt: at })
      .where('id = :id AND customer_id = :customerId AND version = :version', { id: c.id, customerId: c.customerId, version: c.version })
      .execute();
    this.logger.warn({ customerId: c.customerId, connectionId: c.id, clientId: c.clientId, connectorClientId }, 'Refresh skipped: the connector switched to another Azure app');
    throw new DomainError('CONNECTOR_MISCONFIGURED', reason, { connectionId: c.id, reason: 'app_changed' });
  }

  private async markNeedsReauth(c: ConnectionEntity, error: string, aadsts: string | null, reason: string, status: 'needs_reauth' | 'tenant_blocked' = 'needs_reauth'): Promise<never> {
    await this.db.transaction(async (em) => {
      const result = await em
        .createQueryBuilder()
        .update(ConnectionEntity)
        .set({ status, statusReason: reason, statusCode: aadsts ?? error, nextRefreshAt: null, lastRefreshError: `${aadsts ?? error}: ${reason}` })
        .where('id = :id AND customer_id = :customerId AND version = :version', { id: c.id, customerId: c.customerId, version: c.version })
        .execute();
      if (result.affected) {
        await recordConnectionEvent(em, { customerId: c.customerId, connectionId: c.id, status, code: aadsts ?? error, reason });
      }
    });
    this.logger.warn({ customerId: c.customerId, connectionId: c.id, error: aadsts ?? error, status }, 'Connection stopped');
    throw new DomainError(status === 'tenant_blocked' ? 'CONNECTION_TENANT_BLOCKED' : 'CONNECTION_NEEDS_REAUTH', reason, { connectionId: c.id, reason, microsoftError: aadsts ?? error });
  }

  private misconfiguredError(connector: ConnectorEntity, fallback?: string): DomainError {
    const reason = connector.misconfiguredReason ?? fallback ?? 'Microsoft refused the connector\'s app.';
    return new DomainError('CONNECTOR_MISCONFIGURED', `${reason} Fix the Outlook Email connector; refreshes resume once it is saved.`, {
      microsoftError: connector.misconfiguredCode,
    });
  }
}
