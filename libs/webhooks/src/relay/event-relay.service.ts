import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WebhookQueue } from '../delivery/webhook-queue';

/** Events claimed per run: a full batch means more are waiting, so the loop runs again at once. */
export const RELAY_BATCH = 500;

/**
 * The outbox relay: turns unrelayed events into one delivery per subscribed, enabled endpoint of the same customer,
 * marks the events relayed in the same transaction, then queues the first attempts. A crash or Redis down after the
 * commit loses only the jobs, which the sweep adds again from Postgres.
 */
@Injectable()
export class EventRelay {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: WebhookQueue,
  ) {}

  /** Relays one batch; returns how many events it claimed. */
  async relayOnce(): Promise<number> {
    const { claimed, deliveries } = await this.db.transaction(async (em) => {
      const events: Array<{ id: string }> = await em.query(
        `SELECT id FROM events WHERE relayed_at IS NULL ORDER BY created_at LIMIT ${RELAY_BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (events.length === 0) return { claimed: 0, deliveries: [] as Array<{ id: string; customer_id: string }> };
      const ids = events.map((e) => e.id);
      const rows: Array<{ id: string; customer_id: string }> = await em.query(
        `INSERT INTO webhook_deliveries (id, customer_id, event_id, endpoint_id, trigger, status, attempts, next_attempt_at)
         SELECT gen_random_uuid(), e.customer_id, e.id, w.id, 'event', 'pending', 0, now()
           FROM events e JOIN webhook_endpoints w ON w.customer_id = e.customer_id AND w.enabled AND e.type = ANY (w.events)
          WHERE e.id = ANY ($1::uuid[])
         ON CONFLICT (event_id, endpoint_id) WHERE trigger = 'event' DO NOTHING
         RETURNING id, customer_id`,
        [ids],
      );
      await em.query(`UPDATE events SET relayed_at = now() WHERE id = ANY ($1::uuid[])`, [ids]);
      return { claimed: events.length, deliveries: rows };
    });
    await this.queue.enqueue(deliveries.map((d) => ({ customerId: d.customer_id, deliveryId: d.id, attempt: 1 })));
    return claimed;
  }
}
