import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { EventsOutbox, toEventId } from '@app/events';
import { WebhookQueue } from '@app/webhooks';
import { createCustomer, createTestApp, TestApp } from '../../../test/create-test-app';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('Events API, test event, redeliver and delivery log (e2e)', () => {
  let t: TestApp;
  let server: Server;
  let url: string;
  let status = 200;
  const received: Received[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(status).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.close();
  });

  async function customerWithEndpoint() {
    const { key } = await createCustomer(t);
    const auth = { Authorization: `Bearer ${key}` };
    const created = await t.http().post('/v1/webhook-endpoints').set(auth).send({ url });
    expect(created.status).toBe(201);
    return { auth, endpointId: created.body.id as string, secret: created.body.secret as string };
  }

  it('sends a signed webhook.test, logs the attempt, lists and gets the event, and redelivers it', async () => {
    const { auth, endpointId, secret } = await customerWithEndpoint();
    const before = received.length;
    const res = await t.http().post(`/v1/webhook-endpoints/${endpointId}/test`).set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ delivered: true, attempt: { attempt: 1, status: 'succeeded', httpStatus: 200, eventType: 'webhook.test' } });
    const got = received[before];
    const payload = new Webhook(secret).verify(got.body, {
      'webhook-id': String(got.headers['webhook-id']),
      'webhook-timestamp': String(got.headers['webhook-timestamp']),
      'webhook-signature': String(got.headers['webhook-signature']),
    }) as { id: string; type: string; data: Record<string, unknown> };
    expect(payload).toMatchObject({ type: 'webhook.test', data: { endpointId, message: 'Test event from Latchkey' } });
    expect(payload.id).toBe(res.body.attempt.eventId);

    const log = await t.http().get(`/v1/webhook-endpoints/${endpointId}/deliveries?status=succeeded`).set(auth);
    expect(log.status).toBe(200);
    expect(log.body.data.map((a: { id: string }) => a.id)).toEqual([res.body.attempt.id]);
    expect((await t.http().get(`/v1/webhook-endpoints/${endpointId}/deliveries?status=failed`).set(auth)).body.data).toEqual([]);

    const list = await t.http().get('/v1/events?type=webhook.test').set(auth);
    expect(list.status).toBe(200);
    expect(list.body.data.map((e: { id: string }) => e.id)).toEqual([payload.id]);
    const one = await t.http().get(`/v1/events/${payload.id}`).set(auth);
    expect(one.body).toMatchObject({ id: payload.id, type: 'webhook.test' });

    const again = await t.http().post(`/v1/events/${payload.id}/redeliver`).set(auth).send({ endpointId });
    expect(again.status).toBe(202);
    expect(again.body.deliveries).toEqual([{ id: expect.any(String), endpointId }]);
  });

  it('filters by connection and hides events older than the retention', async () => {
    const { id: customerId, key } = await createCustomer(t);
    const auth = { Authorization: `Bearer ${key}` };
    const db = t.app.get(DataSource);
    const outbox = t.app.get(EventsOutbox);
    const connectionId = randomUUID();
    const [mine, other, old] = await db.transaction(async (em) => [
      await outbox.append(customerId, { type: 'connection.created', connectionId, data: {} }, em, true),
      await outbox.append(customerId, { type: 'connection.created', connectionId: randomUUID(), data: {} }, em, true),
      await outbox.append(customerId, { type: 'connection.deleted', connectionId, data: {} }, em, true),
    ]);
    await db.query(`UPDATE events SET created_at = now() - interval '31 days' WHERE id = $1`, [old.id]);
    const res = await t.http().get(`/v1/events?connectionId=${connectionId}`).set(auth);
    expect(res.body.data.map((e: { id: string }) => e.id)).toEqual([toEventId(mine.id)]);
    expect((await t.http().get('/v1/events?type=connection.created').set(auth)).body.data).toHaveLength(2);
    expect(other.id).not.toBe(mine.id);
  });

  it('redelivers to every enabled subscriber and keeps the rows when the queue is down', async () => {
    const { auth, endpointId } = await customerWithEndpoint();
    // A second endpoint not subscribed to webhook.test gets no redelivery.
    expect((await t.http().post('/v1/webhook-endpoints').set(auth).send({ url, events: ['connection.created'] })).status).toBe(201);
    const id = (await t.http().post(`/v1/webhook-endpoints/${endpointId}/test`).set(auth)).body.attempt.eventId;
    const enqueue = jest.spyOn(t.app.get(WebhookQueue), 'enqueue').mockRejectedValueOnce(new Error('Redis down'));
    try {
      const res = await t.http().post(`/v1/events/${id}/redeliver`).set(auth).send({});
      expect(res.status).toBe(202);
      expect(res.body.deliveries.map((d: { endpointId: string }) => d.endpointId)).toEqual([endpointId]);
      expect(enqueue).toHaveBeenCalledTimes(1);
      const rows = await t.app.get(DataSource).query(`SELECT trigger, status FROM webhook_deliveries WHERE id = $1`, [res.body.deliveries[0].id]);
      expect(rows).toEqual([{ trigger: 'redeliver', status: 'pending' }]);
    } finally {
      enqueue.mockRestore();
    }
  });

  it('pages events newest first with a cursor', async () => {
    const { auth, endpointId } = await customerWithEndpoint();
    for (let i = 0; i < 3; i++) await t.http().post(`/v1/webhook-endpoints/${endpointId}/test`).set(auth);
    const first = await t.http().get('/v1/events?limit=2').set(auth);
    expect(first.body.data).toHaveLength(2);
    const second = await t.http().get(`/v1/events?limit=2&cursor=${first.body.nextCursor}`).set(auth);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.data, ...second.body.data].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('answers 404 for odd or foreign event ids and 4xx for bad filters, never 500', async () => {
    const a = await customerWithEndpoint();
    const b = await customerWithEndpoint();
    const id = (await t.http().post(`/v1/webhook-endpoints/${a.endpointId}/test`).set(a.auth)).body.attempt.eventId;
    for (const odd of ['x', 'evt_', 'evt_zz', `${id}0`, id.toUpperCase(), '%00', 'evt_00000000000000000000000000000000']) {
      expect((await t.http().get(`/v1/events/${encodeURIComponent(odd)}`).set(a.auth)).status).toBe(404);
    }
    expect((await t.http().get(`/v1/events/${id}`).set(b.auth)).status).toBe(404);
    expect((await t.http().post(`/v1/events/${id}/redeliver`).set(b.auth).send({})).status).toBe(404);
    expect((await t.http().post(`/v1/events/${id}/redeliver`).set(b.auth).send({ endpointId: a.endpointId })).status).toBe(404);
    expect((await t.http().get('/v1/events?type=nope').set(a.auth)).status).toBe(422);
    expect((await t.http().get('/v1/events?connectionId=nope').set(a.auth)).status).toBe(400);
    expect((await t.http().get('/v1/events?cursor=nope').set(a.auth)).status).toBe(400);
    expect((await t.http().get(`/v1/webhook-endpoints/${a.endpointId}/deliveries?status=pending`).set(a.auth)).status).toBe(400);
    expect((await t.http().post(`/v1/webhook-endpoints/${a.endpointId}/test`).set(b.auth)).status).toBe(404);
  });

  it('refuses to test or redeliver to a disabled endpoint (409)', async () => {
    const { auth, endpointId } = await customerWithEndpoint();
    const id = (await t.http().post(`/v1/webhook-endpoints/${endpointId}/test`).set(auth)).body.attempt.eventId;
    await t.http().patch(`/v1/webhook-endpoints/${endpointId}`).set(auth).send({ enabled: false });
    const test = await t.http().post(`/v1/webhook-endpoints/${endpointId}/test`).set(auth);
    expect(test.status).toBe(409);
    expect(test.body.code).toBe('WEBHOOK_ENDPOINT_DISABLED');
    expect((await t.http().post(`/v1/events/${id}/redeliver`).set(auth).send({ endpointId })).status).toBe(409);
    expect((await t.http().post(`/v1/events/${id}/redeliver`).set(auth).send({})).body).toEqual({ deliveries: [] });
  });

  it('reports a failing receiver as not delivered', async () => {
    const { auth, endpointId } = await customerWithEndpoint();
    status = 500;
    try {
      const res = await t.http().post(`/v1/webhook-endpoints/${endpointId}/test`).set(auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ delivered: false, attempt: { status: 'failed', httpStatus: 500 } });
    } finally {
      status = 200;
    }
  });
});
