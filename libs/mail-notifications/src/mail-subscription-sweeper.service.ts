import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JOBS, MailSubscriptionJobData, mailSubscriptionJobId, QUEUES, queueDueRows } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';

const PAGE = 2000;
const PRUNE_BATCH = 5000;
/** Rows due within this much are queued as delayed jobs. */
const HORIZON_MS = 120_000;

/**
 * Postgres holds when each subscription needs work (next_action_at: a renewal, a retry, a change to apply): the sweep
 * queues the rows due soon and not leased, with deterministic job ids, so a flushed Redis, a crashed worker or several
 * workers never lose or double a renewal. It also prunes the keys of notifications past the dedup window.
 */
@Injectable()
export class MailSubscriptionSweeper {
  private readonly logger = new Logger(MailSubscriptionSweeper.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.mailSubscriptions) private readonly queue: Queue<MailSubscriptionJobData>,
  ) {}

  /** Queues the rows due within the horizon; returns how many. */
  async sweep(now = Date.now()): Promise<number> {
    const horizon = new Date(now + HORIZON_MS);
    const total = await queueDueRows(this.queue, JOBS.syncMailSubscription, PAGE, now, async (after) => {
      const rows: Array<{ connection_id: string; customer_id: string; next_action_at: Date }> = await this.db.query(
        `SELECT connection_id, customer_id, next_action_at FROM mail_subscriptions
          WHERE next_action_at <= $1 AND (lease_until IS NULL OR lease_until < now())
            AND ($2::timestamptz IS NULL OR (next_action_at, connection_id) > ($2::timestamptz, $3::uuid))
          ORDER BY next_action_at, connection_id
          LIMIT ${PAGE}`,
        [horizon, after?.at ?? null, after?.id ?? null],
      );
      return rows.map((r) => {
        const dueAt = new Date(r.next_action_at);
        return { id: r.connection_id, dueAt, jobId: mailSubscriptionJobId(r.connection_id, dueAt), data: { customerId: r.customer_id, connectionId: r.connection_id } };
      });
    });
    if (total) this.logger.debug({ scheduled: total }, 'Sweep queued due mail subscriptions');
    return total;
  }

  /** Deletes notification keys older than the dedup window, in batches; returns how many. */
  async pruneKeys(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted: [unknown[], number] = await this.db.query(
        `DELETE FROM mail_notification_keys WHERE key IN (
           SELECT key FROM mail_notification_keys WHERE created_at < now() - make_interval(hours => $1) LIMIT ${PRUNE_BATCH})`,
        [this.config.mailNotifications.dedupHours],
      );
      const n = deleted[1] ?? 0;
      total += n;
      if (n < PRUNE_BATCH) break;
    }
    return total;
  }
}
