import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, SecretBox, tokenAad } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { MAIL_RESOURCES } from '@app/connectors';
import type { NewEvent } from '@app/events';
import { GraphError, GraphSubscriptionsClient } from '@app/microsoft';
import { TokenService } from '@app/tokens';
import { ClientStates } from './client-state';
import type { MailSyncRequiredData } from './mail-events';
import { MailSubscriptionsRepository, SubscriptionRow, SyncContext, SyncResult } from './mail-subscriptions.repository';
import { dueForRenewal, renewAt, retryAfterRefusal, retryAt } from './sync-policy';

/** A sync holds its row this long at most (a create waits on Graph, which waits on Latchkey's handshake). */
const LEASE_MS = 3 * 60_000;
/** Old subscriptions deleted per run; the rest wait for the next. */
const STALE_PER_RUN = 5;
/** A subscription that could not be deleted at Graph is given up after this many runs (it expires there by itself). */
const MAX_CLEANUP_FAILURES = 5;
/** The token a Graph call uses must live at least this long. */
const TOKEN_MIN_VALIDITY_SECONDS = 300;

/**
 * The token a sync's Graph calls use. `refreshable`: a connection's own token, replaced once when Graph refuses it
 * (401); a deleted connection's last token is not.
 */
interface Auth {
  token: string;
  expiresAt: string;
  refreshable: boolean;
  replaced: boolean;
}

type Token = { auth: Auth } | { stop: SyncResult };

/**
 * Nothing to do until the end user reconnects. A lifecycle event that came meanwhile is kept: after a
 * subscriptionRemoved, the reconnect must still create a new subscription and emit mail.sync_required.
 */
const PAUSED: SyncResult = { outcome: 'paused', status: 'paused', nextActionAt: null, keepLifecycle: true };

/**
 * Brings one connection's Graph subscription to what its connection and connector want: created, renewed before it
 * expires, reauthorized or recreated after a lifecycle event, replaced when the folder or change types change,
 * paused while the connection needs the end user, deleted (best effort, retried) when it is no longer wanted.
 * Idempotent: it claims the row only when due, re-reads everything, and writes the result with a compare on version.
 */
@Injectable()
export class MailSubscriptionSyncer {
  private readonly logger = new Logger(MailSubscriptionSyncer.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rows: MailSubscriptionsRepository,
    private readonly graph: GraphSubscriptionsClient,
    private readonly tokens: TokenService,
    private readonly clientStates: ClientStates,
    private readonly secrets: SecretBox,
  ) {}

  /** Runs one sync if the row is due and free; answers what it came to. */
  async sync(customerId: string, connectionId: string): Promise<string> {
    const row = await this.rows.claim(customerId, connectionId, LEASE_MS);
    if (!row) return 'not_due';
    let result: SyncResult;
    try {
      result = await this.plan(row);
    } catch (error) {
      await this.rows.release(row, retryAt(row.failures + 1, null), `internal: ${(error as Error).message}`);
      throw error;
    }
    await this.rows.finish(row, result);
    this.logger.log({ customerId, connectionId, outcome: result.outcome, subscriptionId: result.graphSubscriptionId ?? row.graphSubscriptionId, lifecycle: row.pendingLifecycle ?? undefined }, 'Mail subscription synced');
    return result.outcome;
  }

  private async plan(row: SubscriptionRow): Promise<SyncResult> {
    const ctx = await this.rows.context(row.customerId, row);
    if (row.connectionGone || ctx.connectionStatus === null) return this.removeAll(row, this.cleanupToken(row), 'connection_deleted');
    if (!ctx.enabled) {
      const token = ctx.connectionStatus === 'active' ? await this.token(row) : null;
      return this.removeAll(row, token && 'auth' in token ? token.auth : null, 'notifications_off');
    }
    if (ctx.connectionStatus !== 'active') return PAUSED;
    const token = await this.token(row);
    if ('stop' in token) return token.stop;
    return this.reconcile(row, ctx, token.auth);
  }

  /** The connection is active and wants a subscription: bring it about. */
  private async reconcile(row: SubscriptionRow, ctx: SyncContext, auth: Auth): Promise<SyncResult> {
    const stale = await this.deleteStale(row, auth, row.staleSubscriptionIds);
    const resource = MAIL_RESOURCES[ctx.folder];
    const events: NewEvent[] = [];
    let current = row.graphSubscriptionId;
    if (current && row.pendingLifecycle === 'subscriptionRemoved') {
      events.push(this.syncRequired(row, ctx, 'subscription_removed', current));
      current = null;
    }
    if (current && (row.resource !== resource || (row.changeTypes ?? []).join(',') !== ctx.changeTypes.join(','))) {
      if (!(await this.deleteAtGraph(row, auth, current))) stale.push(current);
      current = null;
    }
    try {
      if (current && row.pendingLifecycle === 'reauthorizationRequired') {
        // reauthorize answers nothing: true marks "found", as ifFound's null means 404.
        const kept = await this.ifFound(() => this.withToken(row, auth, (token) => this.graph.reauthorize(token, current!).then(() => true)));
        if (!kept) current = null;
      }
      if (current && (row.status !== 'active' || row.forceRenewal || dueForRenewal(row.expiresAt, this.config.mailNotifications.renewBeforeSeconds))) {
        const renewed = await this.ifFound(() => this.withToken(row, auth, (token) => this.graph.renew(token, current!, this.expiration())));
        if (renewed) return this.alive(row, { outcome: 'renewed', expiresAt: new Date(renewed.expirationDateTime), stale, events });
        current = null;
      }
      if (current) {
        const outcome = row.pendingLifecycle === 'reauthorizationRequired' ? 'reauthorized' : 'up_to_date';
        return this.alive(row, { outcome, expiresAt: row.expiresAt ?? new Date(), stale, events });
      }
      return await this.create(row, ctx, auth, resource, stale, events);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      return this.failed(row, error, current, stale, events);
    }
  }

  private async create(row: SubscriptionRow, ctx: SyncContext, auth: Auth, resource: string, stale: string[], events: NewEvent[]): Promise<SyncResult> {
    const clientState = this.clientStates.generate();
    const created = await this.withToken(row, auth, (token) =>
      this.graph.create(token, {
        changeType: ctx.changeTypes.join(','),
        notificationUrl: this.config.mailNotifications.notificationUrl,
        lifecycleNotificationUrl: this.config.mailNotifications.lifecycleUrl,
        resource,
        expirationDateTime: this.expiration(),
        clientState,
      }),
    );
    const expiresAt = new Date(created.expirationDateTime);
    return {
      outcome: 'created',
      status: 'active',
      graphSubscriptionId: created.id,
      clientStateHash: this.clientStates.hash(clientState),
      resource,
      changeTypes: ctx.changeTypes,
      expiresAt,
      failures: 0,
      lastError: null,
      lastAliveAt: new Date(),
      staleSubscriptionIds: stale,
      nextActionAt: renewAt(expiresAt, this.config.mailNotifications.renewBeforeSeconds),
      events,
    };
  }

  private alive(row: SubscriptionRow, r: { outcome: string; expiresAt: Date; stale: string[]; events: NewEvent[] }): SyncResult {
    return {
      outcome: r.outcome,
      status: 'active',
      expiresAt: r.expiresAt,
      failures: 0,
      lastError: null,
      lastAliveAt: new Date(),
      staleSubscriptionIds: r.stale,
      nextActionAt: renewAt(r.expiresAt, this.config.mailNotifications.renewBeforeSeconds),
      events: r.events,
    };
  }

  /**
   * Graph refused or did not answer. Transient (429, 5xx, no answer): tried again after a backoff that honours
   * Retry-After. Otherwise (a validation handshake that failed, a scope missing): failed, tried again in about an hour
   * (retrying sooner would not change Graph's answer).
   * A subscription still alive stays active until it expires.
   */
  private failed(row: SubscriptionRow, error: GraphError, current: string | null, stale: string[], events: NewEvent[]): SyncResult {
    const failures = row.failures + 1;
    const lastError = `${error.status || 'network'} ${error.code}: ${error.message}`.slice(0, 500);
    this.logger.warn({ customerId: row.customerId, connectionId: row.connectionId, status: error.status, code: error.code, requestId: error.requestId, failures }, 'Graph subscription call failed');
    const stillAlive = current !== null && row.expiresAt !== null && row.expiresAt.getTime() > Date.now();
    return {
      outcome: error.transient ? 'retry_scheduled' : 'failed',
      status: stillAlive ? 'active' : 'failed',
      graphSubscriptionId: current,
      ...(current ? {} : { clientStateHash: null, resource: null, changeTypes: null, expiresAt: null }),
      failures,
      lastError,
      staleSubscriptionIds: stale,
      nextActionAt: error.transient ? retryAt(failures, error.retryAfterSeconds) : retryAfterRefusal(),
      events,
    };
  }

  /** Deletes every subscription of the row at Graph (best effort), then the row; a transient failure retries a few times. */
  private async removeAll(row: SubscriptionRow, auth: Auth | null, outcome: string): Promise<SyncResult> {
    const ids = [row.graphSubscriptionId, ...row.staleSubscriptionIds].filter((id): id is string => Boolean(id));
    if (!auth || ids.length === 0) return { outcome, remove: true, nextActionAt: null };
    const left = await this.deleteStale(row, auth, ids, ids.length);
    if (left.length === 0 || row.failures + 1 >= MAX_CLEANUP_FAILURES) return { outcome, remove: true, nextActionAt: null };
    return { outcome: 'cleanup_retry', graphSubscriptionId: null, staleSubscriptionIds: left, failures: row.failures + 1, nextActionAt: retryAt(row.failures + 1, null) };
  }

  /** Deletes up to STALE_PER_RUN of `ids`; answers those still to delete (transient failures and the ones not tried). */
  private async deleteStale(row: SubscriptionRow, auth: Auth, ids: string[], limit = STALE_PER_RUN): Promise<string[]> {
    const left: string[] = [];
    for (const [i, id] of ids.entries()) {
      if (i >= limit || !(await this.deleteAtGraph(row, auth, id))) left.push(id);
    }
    return left;
  }

  /** Whether the subscription is gone at Graph (deleted now, already gone, or never deletable with this token). */
  private async deleteAtGraph(row: SubscriptionRow, auth: Auth, id: string): Promise<boolean> {
    try {
      await this.withToken(row, auth, (token) => this.graph.delete(token, id));
      return true;
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      return !error.transient;
    }
  }

  /**
   * A Graph call with the sync's token. Graph refusing it (401: revoked or expired early, whatever its stored expiry
   * says) gets one fresh token through the shared refresher and one more try; the same token would only fail again.
   */
  private async withToken<T>(row: SubscriptionRow, auth: Auth, call: (token: string) => Promise<T>): Promise<T> {
    try {
      return await call(auth.token);
    } catch (error) {
      if (!(error instanceof GraphError) || error.status !== 401 || !auth.refreshable || auth.replaced) throw error;
      auth.replaced = true;
      try {
        const fresh = await this.tokens.replacing(row.customerId, row.connectionId, { expiresAt: auth.expiresAt });
        auth.token = fresh.accessToken;
        auth.expiresAt = fresh.expiresAt;
      } catch {
        // No fresh token (the connection needs its end user, Microsoft is down): the 401 stands; the next sync says why.
        throw error;
      }
      return call(auth.token);
    }
  }

  /** The call's answer, or null when Graph says the subscription is gone (expired or removed: create a new one). */
  private async ifFound<T>(call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof GraphError && error.status === 404) return null;
      throw error;
    }
  }

  private expiration(): string {
    return new Date(Date.now() + this.config.mailNotifications.lifetimeMinutes * 60_000).toISOString();
  }

  private syncRequired(row: SubscriptionRow, ctx: SyncContext, reason: MailSyncRequiredData['reason'], subscriptionId: string): NewEvent {
    const data: MailSyncRequiredData = {
      connectionId: row.connectionId,
      endUserId: ctx.endUserId ?? '',
      reason,
      since: (row.lastAliveAt ?? row.createdAt).toISOString(),
      subscriptionId,
    };
    return { type: 'mail.sync_required', connectionId: row.connectionId, data: { ...data } };
  }

  /** A fresh access token through the shared single-flight refresher, or the result that stops this sync. */
  private async token(row: SubscriptionRow): Promise<Token> {
    try {
      const answer = await this.tokens.forConnection(row.customerId, row.connectionId, TOKEN_MIN_VALIDITY_SECONDS);
      return { auth: { token: answer.accessToken, expiresAt: answer.expiresAt, refreshable: true, replaced: false } };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'CONNECTION_NEEDS_REAUTH' || error.code === 'CONNECTION_TENANT_BLOCKED') {
        return { stop: PAUSED };
      }
      if (error.code === 'NOT_FOUND') return { stop: { outcome: 'connection_deleted', remove: true, nextActionAt: null } };
      const failures = row.failures + 1;
      const retryAfter = typeof error.extras.retryAfterSeconds === 'number' ? error.extras.retryAfterSeconds : null;
      return { stop: { outcome: 'retry_scheduled', failures, lastError: `${error.code}: ${error.message}`.slice(0, 500), nextActionAt: retryAt(failures, retryAfter) } };
    }
  }

  /** The deleted connection's last access token (copied sealed at deletion), while it is still valid. */
  private cleanupToken(row: SubscriptionRow): Auth | null {
    if (!row.cleanupTokenEncrypted || !row.cleanupTokenExpiresAt || row.cleanupTokenExpiresAt.getTime() < Date.now() + 30_000) return null;
    try {
      const token = this.secrets.decrypt(row.cleanupTokenEncrypted, tokenAad(row.customerId, row.connectionId, 'access_token'));
      return { token, expiresAt: row.cleanupTokenExpiresAt.toISOString(), refreshable: false, replaced: false };
    } catch {
      return null;
    }
  }
}
