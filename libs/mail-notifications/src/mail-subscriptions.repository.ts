import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ConnectionStatus, MailChangeType, MailFolderSetting } from '@app/database';
import { EventsOutbox, NewEvent } from '@app/events';

type SubscriptionStatus = 'pending' | 'active' | 'paused' | 'failed';
type PendingLifecycle = 'reauthorizationRequired' | 'subscriptionRemoved';

/** A mail_subscriptions row as the worker reads it. */
export interface SubscriptionRow {
  connectionId: string;
  customerId: string;
  connectorId: string;
  status: SubscriptionStatus;
  graphSubscriptionId: string | null;
  clientStateHash: Buffer | null;
  resource: string | null;
  changeTypes: string[] | null;
  expiresAt: Date | null;
  version: number;
  failures: number;
  lastError: string | null;
  lastAliveAt: Date | null;
  pendingLifecycle: PendingLifecycle | null;
  staleSubscriptionIds: string[];
  /** The end user connected again: renew now (whatever the expiry), which also proves the subscription still exists. */
  forceRenewal: boolean;
  connectionGone: boolean;
  cleanupTokenEncrypted: string | null;
  cleanupTokenExpiresAt: Date | null;
  createdAt: Date;
}

/** The connection and its connector's settings, as a sync needs them; null fields when either is gone. */
export interface SyncContext {
  connectionStatus: ConnectionStatus | null;
  endUserId: string | null;
  enabled: boolean;
  folder: MailFolderSetting;
  changeTypes: MailChangeType[];
}

/** What a sync writes back. `remove`: the row goes (no subscription wanted, the connection gone). */
export interface SyncResult {
  outcome: string;
  remove?: boolean;
  status?: SubscriptionStatus;
  graphSubscriptionId?: string | null;
  clientStateHash?: Buffer | null;
  resource?: string | null;
  changeTypes?: string[] | null;
  expiresAt?: Date | null;
  failures?: number;
  lastError?: string | null;
  lastAliveAt?: Date | null;
  staleSubscriptionIds?: string[];
  nextActionAt: Date | null;
  events?: NewEvent[];
  /** Leave a pending lifecycle event for later (paused: the reconnect still has to recreate and say so). */
  keepLifecycle?: boolean;
}

const COLUMNS = `connection_id AS "connectionId", customer_id AS "customerId", connector_id AS "connectorId", status,
  graph_subscription_id AS "graphSubscriptionId", client_state_hash AS "clientStateHash", resource, change_types AS "changeTypes",
  expires_at AS "expiresAt", version, failures, last_error AS "lastError", last_alive_at AS "lastAliveAt",
  pending_lifecycle AS "pendingLifecycle", stale_subscription_ids AS "staleSubscriptionIds", force_renewal AS "forceRenewal", connection_gone AS "connectionGone",
  cleanup_token_encrypted AS "cleanupTokenEncrypted", cleanup_token_expires_at AS "cleanupTokenExpiresAt", created_at AS "createdAt"`;

/**
 * mail_subscriptions, one row per connection. The worker claims a due row with a lease in Postgres (one conditional
 * update: no Redis needed, a crashed worker's lease lapses), acts at Graph without a transaction open, and writes the
 * result with its events in one transaction. A change made meanwhile (a trigger bumped `version`) makes the row due
 * again at once instead of being overwritten.
 */
@Injectable()
export class MailSubscriptionsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: EventsOutbox,
  ) {}

  /** Takes the row for `leaseMs` if it is due and not leased; null otherwise (someone else has it, or nothing to do). */
  async claim(customerId: string, connectionId: string, leaseMs: number): Promise<SubscriptionRow | null> {
    const [rows] = await this.db.query(
      `UPDATE mail_subscriptions SET lease_until = now() + make_interval(secs => $3)
        WHERE connection_id = $2 AND customer_id = $1 AND next_action_at <= now() + interval '1 second'
          AND (lease_until IS NULL OR lease_until < now())
        RETURNING ${COLUMNS}`,
      [customerId, connectionId, leaseMs / 1000],
    );
    return (rows as SubscriptionRow[])[0] ?? null;
  }

  async context(customerId: string, row: SubscriptionRow): Promise<SyncContext> {
    const [found] = await this.db.query(
      `SELECT c.status, c.end_user_id, k.mail_notifications_enabled AS enabled, k.mail_notifications_folder AS folder, k.mail_notifications_change_types AS change_types
         FROM connectors k LEFT JOIN connections c ON c.id = $3 AND c.customer_id = $1
        WHERE k.id = $2 AND k.customer_id = $1`,
      [customerId, row.connectorId, row.connectionId],
    );
    if (!found) return { connectionStatus: null, endUserId: null, enabled: false, folder: 'inbox', changeTypes: ['created'] };
    return { connectionStatus: found.status ?? null, endUserId: found.end_user_id ?? null, enabled: found.enabled, folder: found.folder, changeTypes: found.change_types };
  }

  /** Writes a sync's result and its events in one transaction, and lets the lease go. */
  async finish(row: SubscriptionRow, result: SyncResult): Promise<void> {
    await this.db.transaction(async (em) => {
      const changed = result.remove
        ? await em.query(`DELETE FROM mail_subscriptions WHERE connection_id = $1 AND customer_id = $2 AND version = $3`, [row.connectionId, row.customerId, row.version])
        : null;
      if (result.remove && (changed as [unknown, number])[1] > 0) {
        for (const event of result.events ?? []) await this.outbox.append(row.customerId, event, em);
        return;
      }
      const set: Partial<SyncResult> = result.remove ? {} : result;
      await em.query(
        `UPDATE mail_subscriptions SET
           status = COALESCE($4, status),
           graph_subscription_id = CASE WHEN $5 THEN $6 ELSE graph_subscription_id END,
           client_state_hash = CASE WHEN $5 THEN $7 ELSE client_state_hash END,
           resource = CASE WHEN $5 THEN $8 ELSE resource END,
           change_types = CASE WHEN $5 THEN $9::text[] ELSE change_types END,
           expires_at = CASE WHEN $10 THEN $11 ELSE expires_at END,
           failures = COALESCE($12, failures),
           last_error = CASE WHEN $13 THEN $14 ELSE last_error END,
           last_alive_at = COALESCE($15, last_alive_at),
           stale_subscription_ids = COALESCE($16::text[], stale_subscription_ids),
           pending_lifecycle = CASE WHEN version = $3 AND NOT $18 THEN NULL ELSE pending_lifecycle END,
           force_renewal = CASE WHEN version = $3 THEN false ELSE force_renewal END,
           next_action_at = CASE WHEN version = $3 THEN $17::timestamptz ELSE now() END,
           lease_until = NULL, updated_at = now()
         WHERE connection_id = $1 AND customer_id = $2`,
        [
          row.connectionId,
          row.customerId,
          row.version,
          set.status ?? null,
          set.graphSubscriptionId !== undefined,
          set.graphSubscriptionId ?? null,
          set.clientStateHash ?? null,
          set.resource ?? null,
          set.changeTypes ?? null,
          set.expiresAt !== undefined,
          set.expiresAt ?? null,
          set.failures ?? null,
          set.lastError !== undefined,
          set.lastError ?? null,
          set.lastAliveAt ?? null,
          set.staleSubscriptionIds ?? null,
          result.remove ? new Date() : result.nextActionAt,
          result.keepLifecycle === true,
        ],
      );
      for (const event of result.events ?? []) await this.outbox.append(row.customerId, event, em);
    });
  }

  /** Lets the lease go after an unexpected error, to be tried again at `retryAt`. */
  async release(row: SubscriptionRow, retryAt: Date, error: string): Promise<void> {
    await this.db.query(
      `UPDATE mail_subscriptions SET lease_until = NULL, last_error = $4, failures = failures + 1,
              next_action_at = CASE WHEN version = $3 THEN $5::timestamptz ELSE now() END, updated_at = now()
        WHERE connection_id = $1 AND customer_id = $2`,
      [row.connectionId, row.customerId, row.version, error.slice(0, 500), retryAt],
    );
  }
}
