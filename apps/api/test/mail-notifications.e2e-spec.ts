import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ClientStates } from '@app/mail-notifications';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';

/**
 * The connector's mail notification settings (validation, the scope they need) and the receiving endpoints Graph
 * calls, fed bad input on purpose: never a 5xx, garbage items dropped with a 202, a redelivery making no second event.
 */
describe('Mail notifications API (e2e)', () => {
  let em: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;
  let connectionId: string;
  const subscriptionId = randomUUID();
  const clientState = 'the-right-client-state';

  beforeAll(async () => {
    em = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: em.url, MICROSOFT_GRAPH_URL: em.url, MAIL_NOTIFICATION_MAX_BODY_KB: '16' });
    // Listening on a real port too, for the requests written by hand (rawPost).
    await t.app.listen(0, '127.0.0.1');
    f = await setupConnector(t, em);
    const endUserId = `api-${randomUUID().slice(0, 8)}`;
    await connectEndToEnd(t, f, 'work', endUserId);
    connectionId = (await t.http().get(`/v1/connections?endUserId=${endUserId}`).set(f.auth)).body.data[0].id;
    const [{ connector_id: connectorId }] = await t.db.query(`SELECT connector_id FROM connections WHERE id = $1`, [connectionId]);
    // A subscription as the worker would have stored it (next_action_at null: the worker leaves it alone).
    await t.db.query(
      `INSERT INTO mail_subscriptions (connection_id, customer_id, connector_id, status, graph_subscription_id, client_state_hash, resource, change_types, expires_at)
       VALUES ($1, $2, $3, 'active', $4, $5, 'me/messages', '{created,updated}', now() + interval '1 day')`,
      [connectionId, f.customer.id, connectorId, subscriptionId, t.app.get(ClientStates).hash(clientState)],
    );
  });
  afterAll(async () => {
    await t?.close();
    await em?.close();
  });

  const port = () => (t.app.getHttpServer().address() as AddressInfo).port;
  const put = (body: Record<string, unknown>) => t.http().put('/v1/connectors/outlook-email').set(f.auth).send(body);
  const post = (path: string, body: unknown) => t.http().post(path).set('Content-Type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
  const item = (over: Record<string, unknown> = {}) => ({
    subscriptionId,
    subscriptionExpirationDateTime: new Date(Date.now() + 86_400_000).toISOString(),
    changeType: 'created',
    resource: 'Users/abc/Messages/AAMkAGtest1',
    resourceData: { '@odata.type': '#Microsoft.Graph.Message', '@odata.id': 'Users/abc/Messages/AAMkAGtest1', '@odata.etag': 'W/"CQAAAB1"', id: 'AAMkAGtest1' },
    clientState,
    tenantId: 'a3c1e0f2-5b7d-4c9e-8f10-2b4d6f8a0c1e',
    ...over,
  });
  const mailEvents = () => t.db.query(`SELECT type, data FROM events WHERE connection_id = $1 AND type LIKE 'mail.%' ORDER BY created_at`, [connectionId]);

  describe('connector settings', () => {
    it('are off by default and shown with the URLs Graph calls', async () => {
      const res = await t.http().get('/v1/connectors/outlook-email').set(f.auth);
      expect(res.body.mailNotifications).toEqual({
        enabled: false,
        folder: 'inbox',
        changeTypes: ['created'],
        notificationUrl: `${t.config.publicUrl}/graph/notifications`,
        lifecycleNotificationUrl: `${t.config.publicUrl}/graph/lifecycle`,
      });
    });

    it('refuse turning on without a mail read scope with 422 naming the scope to add', async () => {
      expect((await put({ scopes: ['openid', 'User.Read'] })).status).toBe(200);
      const res = await put({ mailNotifications: { enabled: true } });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'MAIL_SCOPE_REQUIRED', errors: [{ field: 'scopes', code: 'mail_scope_required', value: 'Mail.ReadBasic' }] });
      expect(res.body.detail).toContain('Mail.ReadBasic');
      const ok = await put({ scopes: ['openid', 'User.Read', 'Mail.ReadBasic'], mailNotifications: { enabled: true, folder: 'all', changeTypes: ['updated', 'created'] } });
      expect(ok.status).toBe(200);
      expect(ok.body.mailNotifications).toMatchObject({ enabled: true, folder: 'all', changeTypes: ['created', 'updated'] });
      expect((await put({ scopes: ['openid', 'User.Read'] })).body.code).toBe('MAIL_SCOPE_REQUIRED');
      expect((await put({ mailNotifications: { enabled: false } })).body.mailNotifications.enabled).toBe(false);
    });

    it.each([
      [{ mailNotifications: null }, 'mailNotifications'],
      [{ mailNotifications: 'on' }, 'mailNotifications'],
      [{ mailNotifications: { enabled: 'yes' } }, 'mailNotifications.enabled'],
      [{ mailNotifications: { folder: 'sentitems' } }, 'mailNotifications.folder'],
      [{ mailNotifications: { changeTypes: [] } }, 'mailNotifications.changeTypes'],
      [{ mailNotifications: { changeTypes: ['created', 'exploded'] } }, 'mailNotifications.changeTypes'],
      [{ mailNotifications: { changeTypes: ['created', 'created'] } }, 'mailNotifications.changeTypes'],
      [{ mailNotifications: { enabled: true, extra: 1 } }, 'mailNotifications.extra'],
    ])('refuse %j with a 400 naming the field', async (body, field) => {
      const res = await put(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('receiving endpoints', () => {
    it.each(['/graph/notifications', '/graph/lifecycle'])('%s answers the validation handshake with the token decoded as a query parameter, as text/plain', async (path) => {
      const res = await t.http().post(`${path}?validationToken=Validation%3a+Testing+client+application+reachability+for+subscription+Request-Id%3a+abc`).send('');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain');
      expect(res.text).toBe('Validation: Testing client application reachability for subscription Request-Id: abc');
      const get = await t.http().get(`${path}?validationToken=a+b%2Bc`);
      expect([get.status, get.text]).toEqual([200, 'a b+c']);
      const html = await t.http().post(`${path}?validationToken=%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
      expect(html.headers['content-type']).toBe('text/plain');
      expect(html.headers['x-content-type-options']).toBe('nosniff');
    });

    it.each([
      ['GET', 405, 'METHOD_NOT_ALLOWED'],
      ['PUT', 405, 'METHOD_NOT_ALLOWED'],
    ])('%s is %i', async (method, status, code) => {
      const res = await t.http()[method.toLowerCase() as 'get' | 'put']('/graph/notifications');
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.headers.allow).toBe('POST');
    });

    it.each([
      ['not JSON', '{"value": [', 400, 'MALFORMED_JSON'],
      ['an array', '[]', 400, 'VALIDATION_FAILED'],
      ['no value', '{"values": []}', 400, 'VALIDATION_FAILED'],
      ['value not an array', '{"value": {}}', 400, 'VALIDATION_FAILED'],
      ['over the size limit', JSON.stringify({ value: [item({ pad: 'x'.repeat(20_000) })] }), 413, 'PAYLOAD_TOO_LARGE'],
    ])('a body that is %s is refused with a 4xx problem, never a 5xx', async (_what, body, status, code) => {
      const res = await post('/graph/notifications', body);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
    });

    it('answers 202 to a batch of malformed items, unknown subscriptions and wrong clientStates, and writes nothing', async () => {
      const garbage = [
        null,
        1,
        'x',
        [],
        {},
        item({ subscriptionId: "x'; DROP TABLE events; --" }),
        item({ subscriptionId: "x';DROP/**/TABLE/**/events;--" }),
        item({ changeType: 'exploded' }),
        item({ resourceData: null, resource: 'Users/abc/Messages' }),
        item({ resourceData: { id: { nested: { deep: [1, 2, 3] } } } }),
        item({ resource: 'Users/abc/Messages/OTHER' }),
        item({ resourceData: { id: 'AAMkAGtest1', '@odata.etag': 'x'.repeat(300) } }),
        item({ subscriptionId: randomUUID() }),
        item({ clientState: 'wrong' }),
        item({ clientState: null }),
        item({ clientState: 'x'.repeat(10_000) }),
      ];
      const before = await mailEvents();
      for (const path of ['/graph/notifications', '/graph/lifecycle']) {
        const res = await post(path, { value: garbage });
        expect(res.status).toBe(202);
        expect(res.text).toBe('');
      }
      expect(await mailEvents()).toEqual(before);
    });

    it('turns an accepted item into one event, however often Graph delivers it; another version is another event', async () => {
      const messageId = `AAMkAG${randomUUID().replace(/-/g, '')}`;
      const created = item({ resource: `Users/abc/Messages/${messageId}`, resourceData: { id: messageId, '@odata.etag': 'W/"v1"' } });
      expect((await post('/graph/notifications', { value: [created, created] })).status).toBe(202);
      expect((await post('/graph/notifications', { value: [created] })).status).toBe(202);
      const updated = { ...created, changeType: 'updated', resourceData: { id: messageId, '@odata.etag': 'W/"v2"' } };
      const updatedAgain = { ...created, changeType: 'updated', resourceData: { id: messageId, '@odata.etag': 'W/"v3"' } };
      expect((await post('/graph/notifications', { value: [updated, updatedAgain, updated] })).status).toBe(202);
      // A sender that names no version: a redelivery within the minute is one event.
      const unversioned = { ...created, changeType: 'updated', resourceData: { id: messageId } };
      expect((await post('/graph/notifications', { value: [unversioned] })).status).toBe(202);
      expect((await post('/graph/notifications', { value: [unversioned] })).status).toBe(202);
      const events = (await mailEvents()).filter((e: { data: { messageId: string } }) => e.data.messageId === messageId);
      expect(events.map((e: { type: string }) => e.type)).toEqual(['mail.message.created', 'mail.message.updated', 'mail.message.updated', 'mail.message.updated']);
      expect(events[0].data).toEqual({
        connectionId,
        endUserId: expect.stringMatching(/^api-/),
        messageId,
        changeType: 'created',
        resource: `Users/abc/Messages/${messageId}`,
        folder: 'all',
        subscriptionId,
      });
      const view = await t.http().get(`/v1/connections/${connectionId}`).set(f.auth);
      expect(view.body.mailNotifications).toMatchObject({ status: 'active', subscriptionId, lastNotificationAt: expect.any(String), lastError: null });
    });

    it('lifecycle: missed becomes one mail.sync_required; reauthorizationRequired makes the subscription due for the worker', async () => {
      const missed = { subscriptionId, clientState, lifecycleEvent: 'missed', subscriptionExpirationDateTime: new Date().toISOString() };
      expect((await post('/graph/lifecycle', { value: [missed, missed] })).status).toBe(202);
      const sync = (await mailEvents()).filter((e: { type: string }) => e.type === 'mail.sync_required');
      expect(sync).toHaveLength(1);
      expect(sync[0].data).toMatchObject({ connectionId, reason: 'missed', subscriptionId, since: expect.any(String) });
      const reauth = { subscriptionId, clientState, lifecycleEvent: 'reauthorizationRequired' };
      expect((await post('/graph/lifecycle', { value: [reauth] })).status).toBe(202);
      const [row] = await t.db.query(`SELECT pending_lifecycle, next_action_at <= now() AS due FROM mail_subscriptions WHERE connection_id = $1`, [connectionId]);
      expect(row).toEqual({ pending_lifecycle: 'reauthorizationRequired', due: true });
    });

    it('accepts a body with a byte order mark, a charset parameter, no content type, or sent in chunks', async () => {
      const ids = [1, 2, 3, 4].map(() => `AAMkAG${randomUUID().replace(/-/g, '')}`);
      const body = (id: string) => JSON.stringify({ value: [item({ resource: `Users/abc/Messages/${id}`, resourceData: { id } })] });
      expect((await t.http().post('/graph/notifications').set('Content-Type', 'application/json').send(`\uFEFF${body(ids[0])}`)).status).toBe(202);
      expect((await t.http().post('/graph/notifications').set('Content-Type', 'application/json; charset=utf-8').send(body(ids[1]))).status).toBe(202);
      expect((await rawPost('/graph/notifications', [body(ids[2])], {})).status).toBe(202);
      const text = body(ids[3]);
      expect((await rawPost('/graph/notifications', [text.slice(0, 40), text.slice(40)], { 'transfer-encoding': 'chunked', 'content-type': 'application/json' })).status).toBe(202);
      const created = (await mailEvents()).filter((e: { data: { messageId: string } }) => ids.includes(e.data.messageId));
      expect(created.map((e: { data: { messageId: string } }) => e.data.messageId).sort()).toEqual([...ids].sort());
    });

    it('matches a subscription id spelt in another case (GUIDs are case-insensitive)', async () => {
      const messageId = `AAMkAG${randomUUID().replace(/-/g, '')}`;
      const upper = item({ subscriptionId: subscriptionId.toUpperCase(), resource: `Users/abc/Messages/${messageId}`, resourceData: { id: messageId } });
      const events = async () => (await mailEvents()).filter((e: { data: { messageId: string } }) => e.data.messageId === messageId);
      expect((await post('/graph/notifications', { value: [upper] })).status).toBe(202);
      expect(await events()).toHaveLength(1);
      // The same notification spelt the other way is a redelivery: the stored spelling names the subscription.
      expect((await post('/graph/notifications', { value: [{ ...upper, subscriptionId }] })).status).toBe(202);
      const all = await events();
      expect(all).toHaveLength(1);
      expect(all[0].data.subscriptionId).toBe(subscriptionId);
    });

    it('handles a lifecycle item posted to the notification URL (beside change items) as a lifecycle event', async () => {
      await t.db.query(`UPDATE mail_subscriptions SET pending_lifecycle = NULL, next_action_at = NULL WHERE connection_id = $1`, [connectionId]);
      const messageId = `AAMkAG${randomUUID().replace(/-/g, '')}`;
      const reauth = { subscriptionId: subscriptionId.toUpperCase(), clientState, lifecycleEvent: 'ReauthorizationRequired', tenantId: 'x', subscriptionExpirationDateTime: new Date().toISOString() };
      const change = item({ resource: `Users/abc/Messages/${messageId}`, resourceData: { id: messageId } });
      expect((await post('/graph/notifications', { value: [reauth, change] })).status).toBe(202);
      const [row] = await t.db.query(`SELECT pending_lifecycle, next_action_at <= now() AS due FROM mail_subscriptions WHERE connection_id = $1`, [connectionId]);
      expect(row).toEqual({ pending_lifecycle: 'reauthorizationRequired', due: true });
      expect((await mailEvents()).filter((e: { data: { messageId: string } }) => e.data.messageId === messageId)).toHaveLength(1);
    });

    it('cuts off a body that arrives too slowly with a 408 instead of holding the request', async () => {
      const started = Date.now();
      const res = await rawPost('/graph/notifications', ['{"value": ['], { 'content-type': 'application/json', 'content-length': '1000' }, true);
      expect(res.status).toBe(408);
      expect(JSON.parse(res.body).code).toBe('REQUEST_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(12_000);
    }, 20_000);
  });

  /** A POST written by hand: exact headers (none added), the body in the pieces given, optionally never finished. */
  function rawPost(path: string, pieces: string[], headers: Record<string, string>, unfinished = false): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: port(), path, method: 'POST', headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      for (const piece of pieces) req.write(piece);
      if (!unfinished) req.end();
    });
  }
});
