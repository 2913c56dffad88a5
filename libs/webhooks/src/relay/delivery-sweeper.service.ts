import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WebhookQueue } from '../delivery/webhook-queue';

const PAGE = 2000;
const PRUNE_BATCH = 5000;
/** Deliveries due within this much are queued as delayed jobs. */
const SWEEP_HORIZON_MS = 60_000;

/**
 * Postgres holds every pending delivery's due time: the sweep re-queues those due soon whose lease is not held, with
 * the job id of their next attempt, so a job lost with Redis (flush, crash between commit and enqueue) is added again
 * and one still queued is not duplicated. It also prunes events past EVENT_RETENTION_DAYS (deliveries and attempts cascade).
 */
@Injectable()
export class DeliverySweeper {
  private readonly logger = new Logger(DeliverySweeper.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: WebhookQueue,
  ) {}

  /** Queues the pending deliveries due within the horizon; returns how many. */
  async sweep(now = Date.now()): Promise<number> {
    const horizon = new Date(now + SWEEP_HORIZON_MS);
    let after: { at: Date; id: string } | null = null;
    let total = 0;
    for (;;) {
      const rows: Array<{ id: string; customer_id: string; attempts: number; next_attempt_at: Date }> = await this.db.query(
        `SELECT id, customer_id, attempts, next_attempt_at FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < now())
            AND ($2::timestamptz IS NULL OR (next_attempt_at, id) > ($2::timestamptz, $3::uuid))
          ORDER BY next_attempt_at, id
          LIMIT ${PAGE}`,
        [horizon, after?.at ?? null, after?.id ?? null],
      );
      if (rows.length === 0) break;
      await this.queue.enqueue(
        rows.map((r) => ({ customerId: r.customer_id, deliveryId: r.id, attempt: r.attempts + 1, at: new Date(r.next_attempt_at) })),
        now,
      );
      total += rows.length;
      const last = rows[rows.length - 1];
      after = { at: new Date(last.next_attempt_at), id: last.id };
      if (rows.length < PAGE) break;
    }
    if (total) this.logger.debug({ scheduled: total }, 'Sweep queued due webhook deliveries');
    return total;
  }

  /** Deletes events older than the retention, in batches; returns how many. */
  async pruneEvents(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted: [unknown[], number] = await this.db.query(
        `DELETE FROM events WHERE id IN (
           SELECT id FROM events WHERE created_at < now() - make_interval(days => $1) ORDER BY created_at LIMIT ${PRUNE_BATCH})`,
        [this.config.webhooks.eventRetentionDays],
      );
      const n = deleted[1] ?? 0;
      total += n;
      if (n < PRUNE_BATCH) break;
    }
    if (total) this.logger.log({ pruned: total }, 'Pruned events past their retention');
    return total;
  }
}
