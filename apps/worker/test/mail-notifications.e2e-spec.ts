import { createServer, Server } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import Redis from 'ioredis';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { startWorker, stopAllProcesses, until, WorkerProcess } from '../../../test/processes';
import { TEST_ENV } from '../../../test/test-env';

interface Delivered {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

const MAIL_EVENTS = ['mail.message.created', 'mail.message.updated', 'mail.message.deleted', 'mail.sync_required'];

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * Mail notifications end to end: the API on a real port (Graph's handshake and notifications reach it), the worker
 * as a real process keeping the subscriptions alive, the emulator as Microsoft Graph, and a local webhook receiver as
 * the customer. Subscriptions live one minute (renewed 50 s before expiry, so about every 10 s) to see renewals.
 */
describe('Mail notifications (e2e: API, worker, emulator, receiver)', () => {
  let em: RunningEmulator;
  let t: TestApp;
  let worker: WorkerProcess;
  let receiver: Server;
  let receiverUrl: string;
  const delivered: Delivered[] = [];
  const redis = new Redis(TEST_ENV.REDIS_URL);
  let env: Record<string, string>;

  beforeAll(async () => {
    em = await startEmulator({ testMode: true });
    const port = await freePort();
    env = {
      MICROSOFT_LOGIN_URL: em.url,
      MICROSOFT_GRAPH_URL: em.url,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MAIL_SUBSCRIPTION_SWEEP_SECONDS: '1',
      MAIL_SUBSCRIPTION_LIFETIME_MINUTES: '1',
      MAIL_SUBSCRIPTION_RENEW_BEFORE_SECONDS: '50',
      REFRESH_SWEEP_INTERVAL_SECONDS: '1',
      WEBHOOK_RELAY_INTERVAL_MS: '50',
    };
    t = await createTestApp(env);
    await t.app.listen(port, '127.0.0.1');
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        delivered.push(JSON.parse(body) as Delivered);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    worker = await startWorker({ ...TEST_ENV, ...env });
  });
  afterAll(async () => {
    await stopAllProcesses();
    receiver?.closeAllConnections();
    receiver?.close();
    await t?.close();
    await em?.close();
    redis.disconnect();
  });

  /** A customer with a webhook endpoint for the mail events, and one connection per emulator user given. */
  async function customerWith(users: Array<'work' | 'personal' | 'guest'>): Promise<{ f: ConnectFixture; connections: string[] }> {
    const f = await setupConnector(t, em);
    const hook = await t.http().post('/v1/webhook-endpoints').set(f.auth).send({ url: receiverUrl, events: MAIL_EVENTS });
    expect(hook.status).toBe(201);
    const connections: string[] = [];
    for (const user of users) {
      const endUserId = `m-${user}-${Math.random().toString(36).slice(2, 8)}`;
      await connectEndToEnd(t, f, user, endUserId);
      connections.push((await t.http().get(`/v1/connections?endUserId=${endUserId}`).set(f.auth)).body.data[0].id);
    }
    return { f, connections };
  }

  const enable = (f: ConnectFixture, mail: Record<string, unknown> = { enabled: true }) => t.http().put('/v1/connectors/outlook-email').set(f.auth).send({ mailNotifications: mail });
  const mailOf = async (f: ConnectFixture, id: string) => (await t.http().get(`/v1/connections/${id}`).set(f.auth)).body.mailNotifications;
  const activeSub = (f: ConnectFixture, id: string) => until(() => mailOf(f, id), (m) => m?.status === 'active' && Boolean(m.subscriptionId));
  const emSub = (id: string) => em.subscriptions().find((s) => s.id === id);
  const eventsFor = (connectionId: string, type: string) => delivered.filter((d) => d.type === type && d.data.connectionId === connectionId);

  it('a throttled create honours Retry-After, then succeeds', async () => {
    const { f, connections } = await customerWith(['personal']);
    // First in the file: no other subscription exists yet, so this create is the next Graph call the fault hits.
    em.injectFaults({ target: 'graph', kind: '429', retryAfter: 8 });
    await enable(f);
    const failed = await until(() => mailOf(f, connections[0]), (m) => m.status === 'failed');
    expect(failed.lastError).toMatch(/^429 /);
    const mail = await until(() => mailOf(f, connections[0]), (m) => m.status === 'active', 30_000);
    expect(mail.lastError).toBeNull();
    const synced = worker.logs().filter((l) => l.connectionId === connections[0] && l.msg === 'Mail subscription synced');
    expect(synced.map((l) => l.outcome)).toEqual(['retry_scheduled', 'created']);
    // The backoff alone would have retried after about 5 s; Graph asked for 8.
    expect(Number(synced[1].time) - Number(synced[0].time)).toBeGreaterThanOrEqual(8000);
  });

  it('turning notifications on creates a subscription for every existing active connection', async () => {
    const { f, connections } = await customerWith(['work', 'personal']);
    expect((await mailOf(f, connections[0])).status).toBe('off');
    const res = await enable(f, { enabled: true, changeTypes: ['created', 'deleted'] });
    expect(res.status).toBe(200);
    expect(res.body.mailNotifications).toMatchObject({ enabled: true, folder: 'inbox', changeTypes: ['created', 'deleted'], notificationUrl: `${t.config.publicUrl}/graph/notifications` });
    for (const id of connections) {
      const mail = await activeSub(f, id);
      expect(mail).toMatchObject({ status: 'active', lastError: null });
      const sub = emSub(mail.subscriptionId)!;
      expect(sub).toMatchObject({
        state: 'active',
        resource: "me/mailFolders('Inbox')/messages",
        changeType: 'created,deleted',
        notificationUrl: `${t.config.publicUrl}/graph/notifications`,
        lifecycleNotificationUrl: `${t.config.publicUrl}/graph/lifecycle`,
      });
      expect(sub.clientState).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // Only a keyed hash is stored, never the clientState itself.
      const [row] = await t.db.query(`SELECT client_state_hash FROM mail_subscriptions WHERE connection_id = $1`, [id]);
      expect(row.client_state_hash.toString('base64url')).not.toBe(sub.clientState);
    }
  });

  it('a delivered message reaches the receiver as mail.message.created once, even when Graph notifies twice or batches subscriptions', async () => {
    const { f, connections } = await customerWith(['guest']);
    await enable(f);
    await activeSub(f, connections[0]);
    const twice = await em.deliverMail('guest', { subject: 'Twice', twice: true });
    expect(twice.notifications.filter((n) => n.subscriptionIds.length > 0).every((n) => n.status === 202)).toBe(true);
    const got = await until(() => eventsFor(connections[0], 'mail.message.created').filter((e) => e.data.messageId === twice.message.id), (e) => e.length >= 1);
    expect(got[0].data).toEqual({
      connectionId: connections[0],
      endUserId: expect.stringMatching(/^m-guest-/),
      messageId: twice.message.id,
      changeType: 'created',
      resource: expect.stringContaining(twice.message.id),
      folder: 'inbox',
      subscriptionId: (await mailOf(f, connections[0])).subscriptionId,
    });
    // Held items of several mailboxes flushed as one batch per URL: each becomes its event.
    const held = [await em.deliverMail('guest', { subject: 'Held 1', hold: true }), await em.deliverMail('guest', { subject: 'Held 2', hold: true })];
    await em.flushNotifications();
    await until(() => held.every((h) => eventsFor(connections[0], 'mail.message.created').some((e) => e.data.messageId === h.message.id)), Boolean);
    await new Promise((r) => setTimeout(r, 1500));
    expect(eventsFor(connections[0], 'mail.message.created').filter((e) => e.data.messageId === twice.message.id)).toHaveLength(1);
    expect((await mailOf(f, connections[0])).lastNotificationAt).not.toBeNull();
  });

  it('updated and deleted changes become their events; a missed lifecycle event becomes mail.sync_required', async () => {
    const { f, connections } = await customerWith(['personal']);
    await enable(f, { enabled: true, folder: 'all', changeTypes: ['created', 'updated', 'deleted'] });
    const { subscriptionId } = await activeSub(f, connections[0]);
    const { message } = await em.deliverMail('personal', { subject: 'To change' });
    await em.updateMail('personal', message.id, { isRead: true });
    await em.deleteMail('personal', message.id);
    const types = () => delivered.filter((d) => d.data.connectionId === connections[0] && d.data.messageId === message.id).map((d) => d.type).sort();
    expect(await until(types, (t) => t.length >= 3)).toEqual(['mail.message.created', 'mail.message.deleted', 'mail.message.updated']);
    expect(eventsFor(connections[0], 'mail.message.deleted')[0].data).toMatchObject({ changeType: 'deleted', folder: 'all' });
    await em.sendLifecycle(subscriptionId, 'missed');
    const sync = await until(() => eventsFor(connections[0], 'mail.sync_required'), (e) => e.length >= 1);
    expect(sync[0].data).toMatchObject({ reason: 'missed', subscriptionId });
  });

  it('a notification with a wrong clientState is answered 202, dropped and counted', async () => {
    const { f, connections } = await customerWith(['work']);
    await enable(f);
    const { subscriptionId } = await activeSub(f, connections[0]);
    const before = await t.db.query(`SELECT count(*)::int AS n FROM events WHERE connection_id = $1`, [connections[0]]);
    const attempt = await em.sendNotification({ subscriptionId, override: { clientState: 'not-the-right-one' } });
    expect(attempt.status).toBe(202);
    const after = await t.db.query(`SELECT count(*)::int AS n FROM events WHERE connection_id = $1`, [connections[0]]);
    expect(after[0].n).toBe(before[0].n);
    const metrics = await t.http().get('/metrics');
    expect(metrics.text).toMatch(/latchkey_mail_notifications_total\{kind="change",outcome="client_state_mismatch"\} [1-9]/);
  });

  it('renews a subscription before it expires', async () => {
    const { f, connections } = await customerWith(['personal']);
    await enable(f);
    const first = await activeSub(f, connections[0]);
    const firstExpiry = Date.parse(emSub(first.subscriptionId)!.expirationDateTime);
    const renewed = await until(() => emSub(first.subscriptionId)!, (s) => Date.parse(s.expirationDateTime) > firstExpiry, 30_000);
    expect(Date.parse(renewed.expirationDateTime)).toBeGreaterThan(firstExpiry);
    expect(renewed.state).toBe('active');
    expect(Date.now()).toBeLessThan(firstExpiry);
    expect((await mailOf(f, connections[0])).subscriptionId).toBe(first.subscriptionId);
  });

  it('subscriptionRemoved: a new subscription is created and mail.sync_required is emitted', async () => {
    const { f, connections } = await customerWith(['work']);
    await enable(f);
    const { subscriptionId } = await activeSub(f, connections[0]);
    const attempt = await em.sendLifecycle(subscriptionId, 'subscriptionRemoved');
    expect(attempt?.status).toBe(202);
    const next = await until(() => mailOf(f, connections[0]), (m) => m.status === 'active' && m.subscriptionId !== subscriptionId);
    expect(emSub(next.subscriptionId)?.state).toBe('active');
    const sync = await until(() => eventsFor(connections[0], 'mail.sync_required'), (e) => e.length >= 1);
    expect(sync[0].data).toMatchObject({ connectionId: connections[0], reason: 'subscription_removed', subscriptionId, since: expect.any(String) });
  });

  it('reauthorizationRequired: the subscription is reauthorized at once, keeping its id', async () => {
    const { f, connections } = await customerWith(['guest']);
    await enable(f);
    const { subscriptionId } = await activeSub(f, connections[0]);
    await em.sendLifecycle(subscriptionId, 'reauthorizationRequired');
    expect(emSub(subscriptionId)?.needsReauth).toBe(true);
    await until(() => emSub(subscriptionId)!, (s) => !s.needsReauth, 10_000);
    expect(emSub(subscriptionId)).toMatchObject({ needsReauth: false, state: 'active' });
    // Reauthorized in place: no new subscription was created.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await mailOf(f, connections[0])).subscriptionId).toBe(subscriptionId);
    expect(worker.logs().filter((l) => l.connectionId === connections[0] && l.msg === 'Mail subscription synced').map((l) => l.outcome)).toEqual(['created', 'reauthorized']);
  });

  it('needs_reauth pauses the subscription; the end user reconnecting resumes it', async () => {
    const { f, connections } = await customerWith(['personal']);
    await enable(f);
    await activeSub(f, connections[0]);
    em.revokeUserGrant('personal', f.clientId);
    await t.db.query(`UPDATE connections SET expires_at = now() WHERE id = $1`, [connections[0]]);
    expect((await t.http().get(`/v1/connections/${connections[0]}/token`).set(f.auth)).status).toBe(409);
    expect((await mailOf(f, connections[0])).status).toBe('paused');
    const [{ end_user_id: endUserId }] = await t.db.query(`SELECT end_user_id FROM connections WHERE id = $1`, [connections[0]]);
    await connectEndToEnd(t, f, 'personal', endUserId);
    const resumed = await until(() => mailOf(f, connections[0]), (m) => m.status === 'active', 20_000);
    expect(emSub(resumed.subscriptionId)?.state).toBe('active');
    const outcomes = () => worker.logs().filter((l) => l.connectionId === connections[0] && l.msg === 'Mail subscription synced').map((l) => l.outcome);
    // Renewed (or created again if Graph had dropped it), never left as it was.
    expect(await until(outcomes, (o) => o.length >= 2)).toEqual(['created', 'renewed']);
  });

  it('subscriptionRemoved while paused: the reconnect creates a new subscription and emits mail.sync_required', async () => {
    const { f, connections } = await customerWith(['personal']);
    await enable(f);
    const { subscriptionId } = await activeSub(f, connections[0]);
    em.revokeUserGrant('personal', f.clientId);
    await t.db.query(`UPDATE connections SET expires_at = now() WHERE id = $1`, [connections[0]]);
    expect((await t.http().get(`/v1/connections/${connections[0]}/token`).set(f.auth)).status).toBe(409);
    expect((await em.sendLifecycle(subscriptionId, 'subscriptionRemoved'))?.status).toBe(202);
    // The worker sees the removal while the connection needs its end user: nothing to do yet (no next action).
    const settled = async () => (await t.db.query(`SELECT status, next_action_at, lease_until FROM mail_subscriptions WHERE connection_id = $1`, [connections[0]]))[0];
    expect(await until(settled, (r) => r.next_action_at === null && r.lease_until === null)).toMatchObject({ status: 'paused' });
    const [{ end_user_id: endUserId }] = await t.db.query(`SELECT end_user_id FROM connections WHERE id = $1`, [connections[0]]);
    await connectEndToEnd(t, f, 'personal', endUserId);
    const next = await until(() => mailOf(f, connections[0]), (m) => m.status === 'active' && m.subscriptionId !== subscriptionId, 20_000);
    expect(emSub(next.subscriptionId)?.state).toBe('active');
    const sync = await until(() => eventsFor(connections[0], 'mail.sync_required'), (e) => e.length >= 1);
    expect(sync[0].data).toMatchObject({ connectionId: connections[0], reason: 'subscription_removed', subscriptionId });
  });

  it('another account replacing the connection gets a subscription of its own mailbox', async () => {
    const { f, connections } = await customerWith(['work']);
    await enable(f);
    const first = await activeSub(f, connections[0]);
    expect(emSub(first.subscriptionId)?.userKey).toBe('work');
    const [{ end_user_id: endUserId }] = await t.db.query(`SELECT end_user_id FROM connections WHERE id = $1`, [connections[0]]);
    await connectEndToEnd(t, f, 'guest', endUserId);
    const next = await until(() => mailOf(f, connections[0]), (m) => m.status === 'active' && m.subscriptionId !== first.subscriptionId);
    expect(emSub(next.subscriptionId)).toMatchObject({ userKey: 'guest', state: 'active' });
    // The old mailbox's notifications no longer count for this connection.
    const old = await em.deliverMail('work', { subject: 'For the old account' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(eventsFor(connections[0], 'mail.message.created').filter((e) => e.data.messageId === old.message.id)).toEqual([]);
  });

  it('deleting the connection deletes its subscription at Graph', async () => {
    const { f, connections } = await customerWith(['work']);
    await enable(f);
    const { subscriptionId } = await activeSub(f, connections[0]);
    expect((await t.http().delete(`/v1/connections/${connections[0]}`).set(f.auth)).status).toBe(204);
    await until(() => emSub(subscriptionId)!, (s) => s.state === 'removed');
    expect(emSub(subscriptionId)?.state).toBe('removed');
    await until(() => t.db.query(`SELECT 1 FROM mail_subscriptions WHERE connection_id = $1`, [connections[0]]), (rows) => rows.length === 0);
  });

  it('turning notifications off deletes the subscriptions at Graph', async () => {
    const { f, connections } = await customerWith(['guest']);
    await enable(f);
    const { subscriptionId } = await activeSub(f, connections[0]);
    expect((await enable(f, { enabled: false })).status).toBe(200);
    await until(() => emSub(subscriptionId)!, (s) => s.state === 'removed');
    expect(await until(() => mailOf(f, connections[0]), (m) => m.status === 'off')).toMatchObject({ status: 'off', subscriptionId: null });
  });

  it('changing the folder replaces the subscription (the old one is deleted at Graph)', async () => {
    const { f, connections } = await customerWith(['guest']);
    await enable(f);
    const first = await activeSub(f, connections[0]);
    expect((await enable(f, { folder: 'all' })).status).toBe(200);
    const next = await until(() => mailOf(f, connections[0]), (m) => m.status === 'active' && m.subscriptionId !== first.subscriptionId);
    expect(emSub(next.subscriptionId)).toMatchObject({ resource: 'me/messages', state: 'active' });
    expect(emSub(first.subscriptionId)?.state).toBe('removed');
  });

  it('a Redis flush mid-way loses no renewal (the schedule is in Postgres)', async () => {
    const { f, connections } = await customerWith(['work']);
    await enable(f);
    const first = await activeSub(f, connections[0]);
    const firstExpiry = Date.parse(emSub(first.subscriptionId)!.expirationDateTime);
    await redis.flushdb();
    const renewed = await until(() => emSub(first.subscriptionId)!, (s) => Date.parse(s.expirationDateTime) > firstExpiry, 40_000);
    expect(Date.parse(renewed.expirationDateTime)).toBeGreaterThan(firstExpiry);
    expect(renewed.state).toBe('active');
    expect(worker.exit()).toBeNull();
  });

  it('a worker killed with SIGKILL loses no renewal: the next worker renews from Postgres', async () => {
    const { f, connections } = await customerWith(['personal']);
    await enable(f);
    const first = await activeSub(f, connections[0]);
    const firstExpiry = Date.parse(emSub(first.subscriptionId)!.expirationDateTime);
    worker.kill('SIGKILL');
    await worker.exited;
    worker = await startWorker({ ...TEST_ENV, ...env });
    const renewed = await until(() => emSub(first.subscriptionId)!, (s) => Date.parse(s.expirationDateTime) > firstExpiry, 40_000);
    expect(renewed.state).toBe('active');
    expect((await mailOf(f, connections[0])).subscriptionId).toBe(first.subscriptionId);
  });
});
