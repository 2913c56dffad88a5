import { EMULATOR_USERS, RunningEmulator, startEmulator } from '../src';
import { OTHER_APP, TEST_APPS } from './helpers';
import { Receiver } from './receiver';
import { graph, graphToken, inMinutes, subscriptionBody } from './subscription-helpers';

describe('Microsoft emulator: Graph subscriptions', () => {
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

  const create = (extra: Record<string, unknown> = {}, bearer = at) => graph(em, 'POST', '/v1.0/subscriptions', bearer, subscriptionBody(em, receiver.url, extra));

  describe('create', () => {
    it('validates both URLs with a form-encoded token, then answers 201 with the subscription', async () => {
      const expiration = inMinutes(em, 4000);
      const res = await create({ expirationDateTime: expiration });
      expect(res.status).toBe(201);
      expect(res.headers.get('request-id')).toBeTruthy();
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        resource: "me/mailFolders('Inbox')/messages",
        applicationId: TEST_APPS[0].clientId,
        changeType: 'created',
        clientState: 'secret-client-state',
        notificationUrl: `${receiver.url}/notify`,
        lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
        creatorId: EMULATOR_USERS.work.id,
        includeResourceData: false,
        latestSupportedTlsVersion: 'v1_2',
        notificationContentType: 'application/json',
      });
      expect(Date.parse(res.body.expirationDateTime)).toBe(Date.parse(expiration));
      for (const path of ['/notify', '/lifecycle']) {
        const [handshake] = receiver.handshakes(path);
        // Graph's encoding: + for spaces and escapes such as %3a, so only query-parameter decoding gets it right.
        expect(handshake.rawQuery).toMatch(/^validationToken=Validation%3a\+Testing\+client\+application\+reachability/);
        expect(handshake.contentType).toContain('text/plain');
      }
      expect(em.notificationLog().filter((a) => a.kind === 'validation').map((a) => a.outcome)).toEqual(['accepted', 'accepted']);
    });

    it('accepts me/messages, /me/... and a lower-case folder name, and works without a lifecycle URL', async () => {
      for (const resource of ['me/messages', "/me/mailFolders('inbox')/messages", 'me/mailfolders/SentItems/messages']) {
        const res = await create({ resource, lifecycleNotificationUrl: undefined, changeType: 'created,updated,deleted' });
        expect(res.status).toBe(201);
        expect(res.body.lifecycleNotificationUrl).toBeNull();
        expect(res.body.changeType).toBe('created,updated,deleted');
      }
      expect(receiver.handshakes('/lifecycle')).toHaveLength(0);
    });

    it("accepts users/{id or UPN}/messages of the token's own user only", async () => {
      expect((await create({ resource: `users/${EMULATOR_USERS.work.id}/messages` })).status).toBe(201);
      expect((await create({ resource: `users/${EMULATOR_USERS.work.upn}/mailFolders('Inbox')/messages` })).status).toBe(201);
      const other = await create({ resource: `users/${EMULATOR_USERS.guest.id}/messages` });
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('ErrorAccessDenied');
      expect((await create({ resource: 'users/%E0%A4%A/messages' })).status).toBe(403);
    });

    it.each([
      ['a wrong body', 'wrong-body', 'exactly match'],
      ['a bare decodeURIComponent of the token', 'naive-decode', 'exactly match'],
      ['a wrong content type', 'wrong-type', 'text/plain'],
      ['a 500', 'error', '200 OK'],
      ['an answer slower than the timeout', 'slow', 'timed out'],
    ] as const)('fails the create with 400 ValidationError on %s', async (_label, mode, message) => {
      em.setSubscriptionLimits({ validationTimeoutMs: 300 });
      receiver.modes.set('/notify', mode);
      const res = await create();
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('ValidationError');
      expect(res.body.error.message).toContain('Subscription validation request failed');
      expect(res.body.error.message).toContain(message);
      expect(em.subscriptions()).toHaveLength(0);
    });

    it('fails the create when only the lifecycle URL fails its handshake', async () => {
      receiver.modes.set('/lifecycle', 'wrong-body');
      const res = await create();
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('ValidationError');
    });

    it('fails the create when the notification URL is unreachable', async () => {
      const res = await create({ notificationUrl: 'http://127.0.0.1:1/notify' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('ValidationError');
    });

    it('refuses lifetimes over the maximum (10,080 minutes, or a shortened one) and in the past', async () => {
      const over = await create({ expirationDateTime: inMinutes(em, 10_081) });
      expect(over.status).toBe(400);
      expect(over.body.error).toMatchObject({ code: 'ExtensionError', message: expect.stringContaining('10080 minutes in the future') });
      expect((await create({ expirationDateTime: inMinutes(em, 10_079) })).status).toBe(201);
      em.setSubscriptionLimits({ maxMinutes: 60 });
      expect((await create({ expirationDateTime: inMinutes(em, 61) })).body.error.message).toContain('60 minutes');
      expect((await create({ expirationDateTime: inMinutes(em, -1) })).status).toBe(400);
      expect(receiver.handshakes()).toHaveLength(2); // only the accepted create was validated
    });

    it.each([
      ['no changeType', { changeType: undefined }],
      ['an unknown changeType', { changeType: 'created,moved' }],
      ['a relative notificationUrl', { notificationUrl: '/notify' }],
      ['a non-http lifecycle URL', { lifecycleNotificationUrl: 'ftp://example.com/x' }],
      ['an unsupported resource', { resource: 'me/events' }],
      ['an unknown folder', { resource: "me/mailFolders('Nowhere')/messages" }],
      ['a clientState over 128 characters', { clientState: 'x'.repeat(129) }],
      ['no expirationDateTime', { expirationDateTime: undefined }],
    ])('answers 400 InvalidRequest for %s', async (_label, extra) => {
      const res = await create(extra);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('InvalidRequest');
      expect(receiver.handshakes()).toHaveLength(0);
    });

    it('accepts a clientState of exactly 128 characters', async () => {
      expect((await create({ clientState: 'x'.repeat(128) })).status).toBe(201);
    });

    it('needs a mail permission (403) and a valid token (401)', async () => {
      for (const bearer of ['', 'garbage']) {
        const res = await create({}, bearer);
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('InvalidAuthenticationToken');
      }
      em.advanceClock(5401 * 1000);
      expect((await create({}, at)).status).toBe(401);
      em.reset(); // grants accumulate: a fresh consent without Mail.*
      const noMail = await create({}, await graphToken(em, 'work', 'openid User.Read'));
      expect(noMail.status).toBe(403);
      expect(noMail.body.error.code).toBe('ErrorAccessDenied');
      expect(receiver.handshakes()).toHaveLength(0);
    });

    it('throttles with 429 TooManyRequests and Retry-After through fault injection', async () => {
      em.injectFaults({ target: 'graph', kind: 'throttle', retryAfter: '5', count: 2 });
      for (let i = 0; i < 2; i++) {
        const res = await create();
        expect(res.status).toBe(429);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(res.body.error.code).toBe('TooManyRequests');
      }
      expect((await create()).status).toBe(201);
      em.injectFaults({ target: 'graph', kind: 'unavailable', retryAfter: '2' });
      const renew = await graph(em, 'PATCH', `/v1.0/subscriptions/${em.subscriptions()[0].id}`, at, { expirationDateTime: inMinutes(em, 100) });
      expect(renew.status).toBe(503);
      expect(renew.headers.get('retry-after')).toBe('2');
    });

    it('limits live subscriptions per mailbox', async () => {
      em.setSubscriptionLimits({ maxPerMailbox: 2 });
      expect((await create()).status).toBe(201);
      const second = await create();
      expect(second.status).toBe(201);
      const third = await create();
      expect(third.status).toBe(403);
      expect(third.body.error.code).toBe('ExtensionError');
      await graph(em, 'DELETE', `/v1.0/subscriptions/${second.body.id}`, at);
      expect((await create()).status).toBe(201);
      // Another mailbox has its own count.
      expect((await create({}, await graphToken(em, 'guest'))).status).toBe(201);
    });
  });

  describe('get, list, renew, delete, reauthorize', () => {
    it('gets and lists the subscriptions of the calling app and user only', async () => {
      const mine = (await create()).body;
      const guest = await graphToken(em, 'guest');
      await create({}, guest);
      const other = await graphToken(em, 'work', undefined, OTHER_APP);
      await create({}, other);

      const list = await graph(em, 'GET', '/v1.0/subscriptions', at);
      expect(list.status).toBe(200);
      expect(list.body.value.map((s: any) => s.id)).toEqual([mine.id]);
      expect((await graph(em, 'GET', `/v1.0/subscriptions/${mine.id}`, at)).body).toMatchObject({ id: mine.id, clientState: 'secret-client-state' });
      for (const bearer of [guest, other]) {
        const res = await graph(em, 'GET', `/v1.0/subscriptions/${mine.id}`, bearer);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('ResourceNotFound');
      }
    });

    it('renews with PATCH expirationDateTime, under the same maximum', async () => {
      const sub = (await create()).body;
      const later = inMinutes(em, 10_000);
      const renewed = await graph(em, 'PATCH', `/v1.0/subscriptions/${sub.id}`, at, { expirationDateTime: later });
      expect(renewed.status).toBe(200);
      expect(Date.parse(renewed.body.expirationDateTime)).toBe(Date.parse(later));
      expect(Date.parse((await graph(em, 'GET', `/v1.0/subscriptions/${sub.id}`, at)).body.expirationDateTime)).toBe(Date.parse(later));

      const tooLong = await graph(em, 'PATCH', `/v1.0/subscriptions/${sub.id}`, at, { expirationDateTime: inMinutes(em, 10_081) });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.code).toBe('ExtensionError');
      const otherField = await graph(em, 'PATCH', `/v1.0/subscriptions/${sub.id}`, at, { notificationUrl: 'https://elsewhere.example/x' });
      expect(otherField.status).toBe(400);
      expect((await graph(em, 'PATCH', '/v1.0/subscriptions/00000000-0000-0000-0000-000000000000', at, { expirationDateTime: later })).status).toBe(404);
    });

    it('deletes with 204; the subscription answers 404 afterwards', async () => {
      const sub = (await create()).body;
      const res = await graph(em, 'DELETE', `/v1.0/subscriptions/${sub.id}`, at);
      expect(res.status).toBe(204);
      expect((await graph(em, 'GET', `/v1.0/subscriptions/${sub.id}`, at)).status).toBe(404);
      expect((await graph(em, 'DELETE', `/v1.0/subscriptions/${sub.id}`, at)).status).toBe(404);
      expect(em.subscriptions()[0].state).toBe('removed');
    });

    it('expires on the emulator clock: 404 for get, renew and reauthorize', async () => {
      const sub = (await create({ expirationDateTime: inMinutes(em, 30) })).body;
      em.advanceClock(31 * 60_000);
      at = await graphToken(em);
      for (const [method, path, body] of [
        ['GET', `/v1.0/subscriptions/${sub.id}`, undefined],
        ['PATCH', `/v1.0/subscriptions/${sub.id}`, { expirationDateTime: inMinutes(em, 60) }],
        ['POST', `/v1.0/subscriptions/${sub.id}/reauthorize`, undefined],
      ] as const) {
        expect((await graph(em, method, path, at, body)).status).toBe(404);
      }
      expect((await graph(em, 'GET', '/v1.0/subscriptions', at)).body.value).toEqual([]);
      expect(em.subscriptions()[0].state).toBe('expired');
    });

    it('expires on demand (control call)', async () => {
      const sub = (await create()).body;
      expect(em.expireSubscription(sub.id).state).toBe('expired');
      expect((await graph(em, 'GET', `/v1.0/subscriptions/${sub.id}`, at)).status).toBe(404);
    });

    it('reauthorize answers 204 and clears a pending reauthorization; a renewal clears it too', async () => {
      const sub = (await create()).body;
      await em.sendLifecycle(sub.id, 'reauthorizationRequired');
      expect(em.subscriptions()[0].needsReauth).toBe(true);
      const res = await graph(em, 'POST', `/v1.0/subscriptions/${sub.id}/reauthorize`, at);
      expect(res.status).toBe(204);
      expect(em.subscriptions()[0].needsReauth).toBe(false);
      await em.sendLifecycle(sub.id, 'reauthorizationRequired');
      await graph(em, 'PATCH', `/v1.0/subscriptions/${sub.id}`, at, { expirationDateTime: inMinutes(em, 100) });
      expect(em.subscriptions()[0].needsReauth).toBe(false);
    });
  });

  describe('lifecycle notifications', () => {
    it('sends each event to the lifecycle URL in Graph envelope', async () => {
      const sub = (await create()).body;
      for (const event of ['reauthorizationRequired', 'missed', 'subscriptionRemoved'] as const) {
        const attempt = await em.sendLifecycle(sub.id, event);
        expect(attempt).toMatchObject({ kind: 'lifecycle', outcome: 'accepted', status: 202, url: `${receiver.url}/lifecycle` });
      }
      const bodies = receiver.notifications('/lifecycle').map((c) => c.body);
      expect(bodies).toHaveLength(3);
      expect(bodies[0]).toEqual({
        value: [
          {
            subscriptionId: sub.id,
            subscriptionExpirationDateTime: sub.expirationDateTime,
            tenantId: EMULATOR_USERS.work.tid,
            clientState: 'secret-client-state',
            lifecycleEvent: 'reauthorizationRequired',
          },
        ],
      });
      expect(bodies.map((b) => b.value[0].lifecycleEvent)).toEqual(['reauthorizationRequired', 'missed', 'subscriptionRemoved']);
      expect(receiver.notifications('/notify')).toHaveLength(0);
    });

    it('subscriptionRemoved removes the subscription: 404 and no more notifications', async () => {
      const sub = (await create()).body;
      await em.sendLifecycle(sub.id, 'subscriptionRemoved');
      expect((await graph(em, 'GET', `/v1.0/subscriptions/${sub.id}`, at)).status).toBe(404);
      const delivered = await em.deliverMail('work', { subject: 'after removal' });
      expect(delivered.notifications).toEqual([]);
      expect(receiver.notifications('/notify')).toHaveLength(0);
    });

    it('applies the event but sends nothing when the subscription has no lifecycle URL', async () => {
      const sub = (await create({ lifecycleNotificationUrl: undefined })).body;
      expect(await em.sendLifecycle(sub.id, 'reauthorizationRequired')).toBeNull();
      expect(em.subscriptions()[0].needsReauth).toBe(true);
    });
  });
});
