import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EMULATOR_USERS, RunningEmulator, startEmulator } from '../src';
import { TEST_APPS } from './helpers';
import { Receiver } from './receiver';
import { graph, graphToken, subscriptionBody } from './subscription-helpers';

describe('Microsoft emulator: mail change notifications and their control calls', () => {
  let em: RunningEmulator;
  let receiver: Receiver;
  let at: string;

  beforeAll(async () => {
    em = await startEmulator({ apps: TEST_APPS });
    receiver = await new Receiver().start();
  });
  afterAll(async () => {
    await em.close();
    await receiver.close();
  });
  beforeEach(async () => {
    em.reset();
    receiver.clear();
    at = await graphToken(em);
  });

  async function subscribe(extra: Record<string, unknown> = {}, bearer = at): Promise<any> {
    const res = await graph(em, 'POST', '/v1.0/subscriptions', bearer, subscriptionBody(em, receiver.url, extra));
    expect(res.status).toBe(201);
    return res.body;
  }

  const control = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(`${em.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': contentType },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  it('callback rewrites: the handshake and notifications go to the rewritten prefix, the log keeps the subscribed URL', async () => {
    const public_ = 'http://latchkey-public.invalid:3000';
    const rewritten = await startEmulator({ apps: TEST_APPS, callbackRewrites: [{ from: public_, to: receiver.url }] });
    try {
      const bearer = await graphToken(rewritten);
      const created = await graph(rewritten, 'POST', '/v1.0/subscriptions', bearer, subscriptionBody(rewritten, public_));
      expect(created.status).toBe(201);
      expect(created.body.notificationUrl).toBe(`${public_}/notify`);
      const { notifications } = await rewritten.deliverMail('work', { subject: 'Through compose' });
      expect(notifications).toEqual([expect.objectContaining({ url: `${public_}/notify`, status: 202, outcome: 'accepted' })]);
      const [call] = await receiver.waitForNotifications(1, '/notify');
      expect(call.body.value[0].subscriptionId).toBe(created.body.id);
    } finally {
      await rewritten.close();
    }
  });

  it('delivers a message and posts one Graph notification to the subscription', async () => {
    const sub = await subscribe();
    const { message, notifications } = await em.deliverMail('work', { subject: 'Hello', from: { name: 'Ann', address: 'ann@fabrikam.example' } });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ kind: 'change', url: `${receiver.url}/notify`, status: 202, outcome: 'accepted', subscriptionIds: [sub.id] });
    const [call] = await receiver.waitForNotifications(1, '/notify');
    expect(call.contentType).toContain('application/json');
    const userId = EMULATOR_USERS.work.id;
    expect(call.body).toEqual({
      value: [
        {
          subscriptionId: sub.id,
          subscriptionExpirationDateTime: sub.expirationDateTime,
          changeType: 'created',
          resource: `Users/${userId}/Messages/${message.id}`,
          resourceData: {
            '@odata.type': '#Microsoft.Graph.Message',
            '@odata.id': `Users/${userId}/Messages/${message.id}`,
            '@odata.etag': `W/"${message.changeKey}"`,
            id: message.id,
          },
          clientState: 'secret-client-state',
          tenantId: EMULATOR_USERS.work.tid,
        },
      ],
    });
    // The message is in the mailbox for the customer to fetch.
    const got = await graph(em, 'GET', `/v1.0/me/messages/${message.id}`, at);
    expect(got.body.subject).toBe('Hello');
    expect(em.subscriptions()[0].notificationAttempts).toBe(1);
  });

  it('notifies twice with the same item when asked (at least once delivery)', async () => {
    await subscribe();
    const { notifications } = await em.deliverMail('work', { twice: true });
    expect(notifications).toHaveLength(2);
    const calls = await receiver.waitForNotifications(2, '/notify');
    expect(calls[0].text).toBe(calls[1].text);
  });

  it('holds notifications and flushes them as one POST per URL, mixing subscriptions and mailboxes', async () => {
    const work = await subscribe();
    const guest = await subscribe({}, await graphToken(em, 'guest'));
    const whole = await subscribe({ resource: 'me/messages', notificationUrl: `${receiver.url}/other` });
    const first = await em.deliverMail('work', { hold: true });
    const second = await em.deliverMail('guest', { hold: true });
    expect(first.notifications).toEqual([]);
    expect(first.held).toHaveLength(2);
    expect(second.held).toHaveLength(1);
    expect(receiver.notifications()).toHaveLength(0);

    const sent = await em.flushNotifications();
    expect(sent).toHaveLength(2);
    const [batch] = await receiver.waitForNotifications(1, '/notify');
    expect(batch.body.value.map((i: any) => [i.subscriptionId, i.resourceData.id])).toEqual([
      [work.id, first.message.id],
      [guest.id, second.message.id],
    ]);
    expect(batch.body.value[1].tenantId).toBe(EMULATOR_USERS.guest.tid);
    const [other] = receiver.notifications('/other');
    expect(other.body.value.map((i: any) => i.subscriptionId)).toEqual([whole.id]);
    expect(await em.flushNotifications()).toEqual([]);
  });

  it('notifies only the subscriptions whose folder and change types cover the change', async () => {
    const inboxCreated = await subscribe();
    const all = await subscribe({ resource: 'me/messages', changeType: 'updated,deleted', notificationUrl: `${receiver.url}/all` });
    const sent = await em.deliverMail('work', { folder: 'SentItems' });
    expect(sent.notifications).toEqual([]);
    const inbox = await em.deliverMail('work');
    expect(inbox.notifications.map((n) => n.subscriptionIds)).toEqual([[inboxCreated.id]]);

    const updated = await em.updateMail('work', sent.message.id, { isRead: true });
    expect(updated.notifications.map((n) => n.subscriptionIds)).toEqual([[all.id]]);
    const deleted = await em.deleteMail('work', inbox.message.id);
    expect(deleted.notifications.map((n) => n.subscriptionIds)).toEqual([[all.id]]);
    const calls = await receiver.waitForNotifications(2, '/all');
    expect(calls.map((c) => c.body.value[0].changeType)).toEqual(['updated', 'deleted']);
    // Another user's mail reaches nobody here.
    expect((await em.deliverMail('personal')).notifications).toEqual([]);
  });

  it('stops notifying an expired or deleted subscription', async () => {
    const expiring = await subscribe();
    const deleted = await subscribe({ notificationUrl: `${receiver.url}/deleted` });
    em.expireSubscription(expiring.id);
    await graph(em, 'DELETE', `/v1.0/subscriptions/${deleted.id}`, at);
    expect((await em.deliverMail('work')).notifications).toEqual([]);
  });

  it('records a failing receiver without retrying', async () => {
    await subscribe();
    receiver.notificationStatus = 500;
    const { notifications } = await em.deliverMail('work');
    expect(notifications).toEqual([expect.objectContaining({ status: 500, outcome: 'failed' })]);
    expect(receiver.notifications()).toHaveLength(1);
  });

  it('records a notification timeout', async () => {
    em.setSubscriptionLimits({ notificationTimeoutMs: 200 });
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = hanging.address() as AddressInfo;
      const attempt = await em.sendNotification({ url: `http://127.0.0.1:${port}/x`, items: [] });
      expect(attempt).toMatchObject({ outcome: 'timeout', status: null });
      expect(attempt.durationMs).toBeGreaterThanOrEqual(150);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  describe('over HTTP (/_emulator)', () => {
    it('POST /mailboxes/{user}/messages delivers and reports the notifications, also for curl -d without a content type', async () => {
      const sub = await subscribe();
      const res = await control('POST', '/mailboxes/work/messages', '{"subject":"hi from curl"}', 'application/x-www-form-urlencoded');
      expect(res.status).toBe(201);
      expect(res.body.message.subject).toBe('hi from curl');
      expect(res.body.notifications).toEqual([expect.objectContaining({ status: 202, subscriptionIds: [sub.id] })]);
      const byUpn = await control('POST', `/mailboxes/${EMULATOR_USERS.work.upn}/messages`, { subject: 'by UPN', twice: true });
      expect(byUpn.status).toBe(201);
      expect(byUpn.body.notifications).toHaveLength(2);
      expect((await control('GET', '/mailboxes/work/messages')).body.messages[0].subject).toBe('by UPN');
    });

    it('PATCH and DELETE a message send updated and deleted changes; unknown ones 404', async () => {
      await subscribe({ changeType: 'created,updated,deleted' });
      const created = (await control('POST', '/mailboxes/work/messages', { subject: 'x' })).body.message;
      const patched = await control('PATCH', `/mailboxes/work/messages/${created.id}`, { isRead: true });
      expect(patched.status).toBe(200);
      expect(patched.body.message.isRead).toBe(true);
      const removed = await control('DELETE', `/mailboxes/work/messages/${created.id}`);
      expect(removed.status).toBe(200);
      const calls = await receiver.waitForNotifications(3, '/notify');
      expect(calls.map((c) => c.body.value[0].changeType)).toEqual(['created', 'updated', 'deleted']);
      expect((await control('DELETE', `/mailboxes/work/messages/${created.id}`)).status).toBe(404);
      expect((await control('POST', '/mailboxes/nobody/messages', {})).status).toBe(400);
      expect((await control('POST', '/mailboxes/work/messages', { folder: 'attic' })).status).toBe(400);
    });

    it('hold, then POST /notifications/flush; GET /notifications is the delivery log', async () => {
      await subscribe();
      const held = await control('POST', '/mailboxes/work/messages?hold=true', {});
      expect(held.body.held).toHaveLength(1);
      expect((await control('GET', '/notifications')).body.held).toHaveLength(1);
      const flushed = await control('POST', '/notifications/flush');
      expect(flushed.body.notifications).toEqual([expect.objectContaining({ status: 202, items: [expect.objectContaining({ changeType: 'created' })] })]);
      const log = (await control('GET', '/notifications')).body;
      expect(log.held).toEqual([]);
      expect(log.notifications.map((n: any) => n.kind)).toEqual(['validation', 'validation', 'change']);
    });

    it('POST /notifications/send posts a wrong clientState, arbitrary items or garbage', async () => {
      const sub = await subscribe();
      const wrong = await control('POST', '/notifications/send', { subscriptionId: sub.id, override: { clientState: 'not-the-secret' } });
      expect(wrong.status).toBe(200);
      expect(wrong.body.notification.status).toBe(202);
      const garbage = await control('POST', '/notifications/send', { subscriptionId: sub.id, body: '{"value": [ {"subscriptionId": ' });
      expect(garbage.body.notification.items).toBeNull();
      await control('POST', '/notifications/send', { subscriptionId: sub.id, target: 'lifecycle', items: [{ lifecycleEvent: 'missed' }] });
      const calls = await receiver.waitForNotifications(2, '/notify');
      expect(calls[0].body.value[0]).toMatchObject({ subscriptionId: sub.id, clientState: 'not-the-secret', changeType: 'created' });
      expect(calls[1].text).toBe('{"value": [ {"subscriptionId": ');
      expect(receiver.notifications('/lifecycle')[0].body).toEqual({ value: [{ lifecycleEvent: 'missed' }] });
      expect((await control('POST', '/notifications/send', {})).status).toBe(400);
    });

    it('GET /subscriptions, lifecycle events and expiry over HTTP', async () => {
      const sub = await subscribe();
      const listed = (await control('GET', '/subscriptions')).body.subscriptions;
      expect(listed).toEqual([expect.objectContaining({ id: sub.id, state: 'active', needsReauth: false, notificationAttempts: 0, userKey: 'work' })]);

      const reauth = await control('POST', `/subscriptions/${sub.id}/lifecycle`, { event: 'reauthorizationRequired' });
      expect(reauth.status).toBe(200);
      expect(reauth.body.subscription.needsReauth).toBe(true);
      expect(reauth.body.notification).toMatchObject({ kind: 'lifecycle', status: 202 });
      expect((await control('POST', `/subscriptions/${sub.id}/lifecycle`, { event: 'bogus' })).status).toBe(400);
      const removed = await control('POST', `/subscriptions/${sub.id}/lifecycle`, { event: 'subscriptionRemoved' });
      expect(removed.body.subscription.state).toBe('removed');

      const other = await subscribe();
      expect((await control('POST', `/subscriptions/${other.id}/expire`)).body.subscription.state).toBe('expired');
      expect((await control('POST', '/subscriptions/unknown/expire')).status).toBe(404);
    });

    it('GET/POST /subscription-limits; reset forgets subscriptions, the log and the limits', async () => {
      expect((await control('POST', '/subscription-limits', { maxMinutes: 5 })).body.maxMinutes).toBe(5);
      expect((await control('POST', '/subscription-limits', { maxMinutes: -1 })).status).toBe(400);
      await subscribe({ expirationDateTime: new Date(em.now().getTime() + 4 * 60_000).toISOString() });
      expect((await control('POST', '/reset')).status).toBe(200);
      expect(em.subscriptions()).toEqual([]);
      expect(em.notificationLog()).toEqual([]);
      expect((await control('GET', '/subscription-limits')).body).toMatchObject({ maxMinutes: 10_080, validationTimeoutMs: 10_000, maxPerMailbox: 1000 });
    });
  });
});
