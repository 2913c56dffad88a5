import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MailNotificationKind, MailNotificationOutcome, Metrics } from '@app/common';
import { ClientStates } from './client-state';
import type { MailMessageEventData, MailSyncRequiredData } from './mail-events';
import { ChangeItem, LifecycleItem, readChangeItem, readLifecycleItem } from './notification-items';
import { NotificationRow, NotificationWriter, WriterPool } from './notification-writer';
import { KnownSubscription, SubscriptionDirectory } from './subscription-directory';

export type IntakeCounts = Record<MailNotificationOutcome, number>;

const zero = (): IntakeCounts => ({ accepted: 0, duplicate: 0, client_state_mismatch: 0, unknown_subscription: 0, malformed: 0 });

/**
 * What the receiving endpoints do with a batch once it is parsed: read each item defensively, check its clientState
 * against its subscription in constant time, and write the accepted ones as customer events in ONE statement, which
 * also records each item's dedup key (a key already recorded within MAIL_NOTIFICATION_DEDUP_HOURS makes no event);
 * concurrent batches share statements under load (NotificationWriter).
 * Lifecycle items mark the subscription due for the worker, or (missed) become mail.sync_required at once.
 */
@Injectable()
export class NotificationIntake {
  private readonly logger = new Logger(NotificationIntake.name);
  /** Straight on the pool (no TypeORM query runner): this is the hot path of the receiving endpoint. */
  private readonly writer = new NotificationWriter(() => (this.db.driver as unknown as { master: WriterPool }).master);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: SubscriptionDirectory,
    private readonly clientStates: ClientStates,
    private readonly metrics: Metrics,
  ) {}

  async acceptChanges(items: unknown[]): Promise<IntakeCounts> {
    const counts = zero();
    const verified = await this.verify(items, readChangeItem, counts);
    const byKey = new Map<string, { item: ChangeItem; sub: KnownSubscription }>();
    for (const v of verified) {
      const key = dedupKey(v.item);
      if (byKey.has(key)) counts.duplicate += 1;
      else byKey.set(key, v);
    }
    const rows = [...byKey.entries()].map(([key, { item, sub }]): NotificationRow => {
      const data: MailMessageEventData = {
        connectionId: sub.connectionId,
        endUserId: sub.endUserId,
        messageId: item.messageId,
        changeType: item.changeType,
        resource: item.resource,
        folder: sub.folder,
        subscriptionId: item.subscriptionId,
      };
      return { key, customerId: sub.customerId, connectionId: sub.connectionId, type: `mail.message.${item.changeType}`, data: JSON.stringify(data) };
    });
    const inserted = await this.writer.write(rows);
    counts.accepted += inserted;
    counts.duplicate += rows.length - inserted;
    this.count('change', counts);
    return counts;
  }

  async acceptLifecycle(items: unknown[]): Promise<IntakeCounts> {
    const counts = zero();
    for (const { item, sub } of await this.verify(items, readLifecycleItem, counts)) {
      if (item.lifecycleEvent === 'missed') await this.missed(item, sub, counts);
      else await this.markDue(item, sub, counts);
    }
    this.count('lifecycle', counts);
    return counts;
  }

  /**
   * Reads each item, resolves its subscription and checks its clientState; counts and logs what is dropped. A verified
   * item names its subscription by the stored id (one spelling for dedup keys, events and updates).
   */
  private async verify<T extends { subscriptionId: string; clientState: unknown }>(items: unknown[], read: (raw: unknown) => T | null, counts: IntakeCounts) {
    const parsed: T[] = [];
    // Every item is read: MAIL_NOTIFICATION_MAX_BODY_KB bounds a batch; dropping valid items past a count would lose them.
    for (const raw of items) {
      const item = read(raw);
      if (item) parsed.push(item);
      else counts.malformed += 1;
    }
    if (counts.malformed) this.logger.warn({ dropped: counts.malformed }, 'Malformed Graph notification items dropped');
    const subs = parsed.length ? await this.directory.lookup(parsed.map((p) => p.subscriptionId)) : new Map<string, KnownSubscription | null>();
    const verified: Array<{ item: T; sub: KnownSubscription }> = [];
    for (const item of parsed) {
      const sub = subs.get(item.subscriptionId);
      if (!sub) counts.unknown_subscription += 1;
      else if (!this.clientStates.matches(item.clientState, sub.clientStateHash)) {
        counts.client_state_mismatch += 1;
        this.logger.warn({ customerId: sub.customerId, connectionId: sub.connectionId, subscriptionId: item.subscriptionId }, 'Graph notification with a wrong clientState dropped');
      } else verified.push({ item: { ...item, subscriptionId: sub.graphSubscriptionId }, sub });
    }
    return verified;
  }

  /** reauthorizationRequired / subscriptionRemoved: the worker acts at once (the row becomes due; removal wins). */
  private async markDue(item: LifecycleItem, sub: KnownSubscription, counts: IntakeCounts): Promise<void> {
    const [, n] = (await this.db.query(
      `UPDATE mail_subscriptions
          SET pending_lifecycle = CASE WHEN pending_lifecycle = 'subscriptionRemoved' THEN pending_lifecycle ELSE $3 END,
              next_action_at = now(), version = version + 1, updated_at = now()
        WHERE graph_subscription_id = $1 AND customer_id = $2`,
      [item.subscriptionId, sub.customerId, item.lifecycleEvent],
    )) as [unknown, number];
    if (n > 0) counts.accepted += 1;
    else counts.unknown_subscription += 1;
  }

  /** missed: the customer catches up with a delta query; one event per subscription and minute however often Graph says it. */
  private async missed(item: LifecycleItem, sub: KnownSubscription, counts: IntakeCounts): Promise<void> {
    const minute = Math.floor(Date.now() / 60_000);
    const key = createHash('sha256').update(`missed|${item.subscriptionId}|${minute}`).digest();
    const data: MailSyncRequiredData = {
      connectionId: sub.connectionId,
      endUserId: sub.endUserId,
      reason: 'missed',
      since: new Date((minute - 60) * 60_000).toISOString(),
      subscriptionId: item.subscriptionId,
    };
    const rows: unknown[] = await this.db.query(
      `WITH fresh AS (INSERT INTO mail_notification_keys (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key)
       INSERT INTO events (id, customer_id, type, connection_id, data)
       SELECT gen_random_uuid(), $2, 'mail.sync_required', $3, $4::jsonb FROM fresh RETURNING 1`,
      [key, sub.customerId, sub.connectionId, JSON.stringify(data)],
    );
    if (rows.length > 0) counts.accepted += 1;
    else counts.duplicate += 1;
  }

  private count(kind: MailNotificationKind, counts: IntakeCounts): void {
    for (const [outcome, n] of Object.entries(counts) as Array<[MailNotificationOutcome, number]>) {
      if (n) this.metrics.mailNotifications[kind][outcome].inc(n);
    }
  }
}

/**
 * An item's identity across redeliveries, for MAIL_NOTIFICATION_DEDUP_HOURS. A message is created and deleted once:
 * its subscription, id and change type identify those. It is updated many times: the version Graph names
 * (@odata.etag) tells a redelivery (same) from another change (new); a sender that names none gets the minute of
 * receipt instead (a redelivery seconds later is one event; two real updates within a minute are one too).
 */
function dedupKey(item: ChangeItem, now = Date.now()): string {
  const version = item.changeType !== 'updated' ? '' : item.etag || `t${Math.floor(now / 60_000)}`;
  return createHash('sha256').update(`${item.subscriptionId}|${item.messageId}|${item.changeType}|${version}`).digest('hex');
}
