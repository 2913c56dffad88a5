import { randomBytes, randomUUID } from 'node:crypto';
import { EventsOutbox } from '@app/events';
import { createCustomer, createTestApp, TestApp } from '../../../../test/create-test-app';
import type { DeliveryJob, WebhookQueue } from '../delivery/webhook-queue';
import { DeliverySweeper } from './delivery-sweeper.service';
import { EventRelay } from './event-relay.service';

/** The relay and the sweep against Postgres, with a queue that records what it is given. */
describe('Event relay and delivery sweep (e2e)', () => {
  let t: TestApp;
  let queued: DeliveryJob[];
  let relay: EventRelay;
  let sweeper: DeliverySweeper;

  beforeAll(async () => {
    t = await createTestApp({ EVENT_RETENTION_DAYS: '30' });
    const queue = { enqueue: async (jobs: DeliveryJob[]) => void queued.push(...jobs) } as unknown as WebhookQueue;
    relay = new EventRelay(t.db, queue);
    sweeper = new DeliverySweeper(t.db, t.config, queue);
  });
  beforeEach(() => (queued = []));
  afterAll(async () => t?.close());

  async function endpoint(customerId: string, events: string[], enabled = true): Promise<string> {
    const id = randomUUID();
    await t.db.query(`INSERT INTO webhook_endpoints (id, customer_id, url, events, secret_encrypted, enabled) VALUES ($1, $2, 'https://example.com/h', $3, $4, $5)`, [
      id,
      customerId,
      events,
      randomBytes(8).toString('hex'),
      enabled,
    ]);
    return id;
  }
  const emit = (customerId: string) =>
    t.db.transaction((em) => t.app.get(EventsOutbox).append(customerId, { type: 'connection.created', data: {} }, em));

  it('makes one delivery per enabled, subscribed endpoint of the customer, once, and queues attempt 1', async () => {
    const [a, b] = [await createCustomer(t), await createCustomer(t)];
    const subscribed = await endpoint(a.id, ['connection.created', 'connection.deleted']);
    await endpoint(a.id, ['connection.deleted']);
    await endpoint(a.id, ['connection.created'], false);
    await endpoint(b.id, ['connection.created']);
    const event = await emit(a.id);
    while ((await relay.relayOnce()) > 0);
    const rows = await t.db.query(`SELECT id, endpoint_id, status, attempts FROM webhook_deliveries WHERE event_id = $1`, [event.id]);
    expect(rows).toEqual([{ id: expect.any(String), endpoint_id: subscribed, status: 'pending', attempts: 0 }]);
    expect(queued.filter((j) => j.deliveryId === rows[0].id)).toEqual([{ customerId: a.id, deliveryId: rows[0].id, attempt: 1 }]);
    // Relayed: a second pass claims nothing of it.
    queued = [];
    await relay.relayOnce();
    expect(queued.filter((j) => j.customerId === a.id)).toEqual([]);
  });

  it('the sweep re-queues due deliveries with their next attempt, not leased ones', async () => {
    const a = await createCustomer(t);
    await endpoint(a.id, ['connection.created']);
    const [free, leased] = [await emit(a.id), await emit(a.id)];
    while ((await relay.relayOnce()) > 0);
    await t.db.query(`UPDATE webhook_deliveries SET attempts = 2 WHERE event_id = $1`, [free.id]);
    await t.db.query(`UPDATE webhook_deliveries SET lease_until = now() + interval '1 minute' WHERE event_id = $1`, [leased.id]);
    queued = [];
    await sweeper.sweep();
    const [d] = await t.db.query(`SELECT id FROM webhook_deliveries WHERE event_id = $1`, [free.id]);
    expect(queued.filter((j) => j.customerId === a.id).map((j) => [j.deliveryId, j.attempt])).toEqual([[d.id, 3]]);
  });

  it('prunes events past the retention with their deliveries', async () => {
    const a = await createCustomer(t);
    await endpoint(a.id, ['connection.created']);
    const [old, recent] = [await emit(a.id), await emit(a.id)];
    while ((await relay.relayOnce()) > 0);
    await t.db.query(`UPDATE events SET created_at = now() - interval '31 days' WHERE id = $1`, [old.id]);
    expect(await sweeper.pruneEvents()).toBeGreaterThanOrEqual(1);
    const left = await t.db.query(`SELECT e.id FROM events e WHERE e.customer_id = $1`, [a.id]);
    expect(left).toEqual([{ id: recent.id }]);
    expect(await t.db.query(`SELECT 1 FROM webhook_deliveries WHERE event_id = $1`, [old.id])).toEqual([]);
  });
});
