import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RunningEmulator, startEmulator } from '../../../apps/microsoft-emulator/src';
import { freePort } from '../../../test/browser';
import { callback, consent, ConnectFixture, RETURN_ORIGIN, setupConnector, startFlow } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { startWorker, stopAllProcesses, until } from '../../../test/processes';
import { TEST_ENV } from '../../../test/test-env';
import { ConnectionNeedsReauthError, GraphError, Latchkey, LatchkeyError, MicrosoftUnavailableError } from '../src';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * @latchkey/node against the real API (in process, on a real port), the Microsoft emulator and a real worker process
 * delivering webhooks: a session, a connection through the catalog, tokens, a verified webhook, typed errors.
 */
describe('@latchkey/node against the real API (e2e)', () => {
  jest.setTimeout(120_000);

  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;
  let lk: Latchkey;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    const port = await freePort();
    t = await createTestApp({ PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
    await t.app.listen(port, '127.0.0.1');
    f = await setupConnector(t, emulator);
    lk = new Latchkey({ apiKey: f.customer.key, baseUrl: `http://127.0.0.1:${port}` });

    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/latchkey`;
    await startWorker({ ...TEST_ENV, WEBHOOK_RELAY_INTERVAL_MS: '50', MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
  });

  afterAll(async () => {
    await stopAllProcesses();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
    await t?.close();
    await emulator?.close();
  });

  /** The end user's side, as the catalog tests do it: Connect, consent at the emulator, back to the callback. */
  async function connect(endUserId: string, user: 'work' | 'personal'): Promise<string> {
    const session = await lk.connectSessions.create({ endUser: { id: endUserId, email: `${endUserId}@contoso.example` }, returnUrl: `${RETURN_ORIGIN}/done` });
    expect(session).toMatchObject({ endUserId, url: expect.stringContaining(`/connect/${session.token}`) });
    const started = await startFlow(t, session.token);
    const back = await callback(t, await consent(started, user), started.cookie);
    expect(back.status).toBe(200);
    const page = await lk.connections.list({ endUserId });
    expect(page.data).toHaveLength(1);
    return page.data[0].id;
  }

  let endpoint: { id: string; secret: string };
  let connectionId: string;

  it('creates a webhook endpoint, and its test event arrives signed and verifies', async () => {
    const created = await lk.webhookEndpoints.create({ url: receiverUrl, events: ['connection.created', 'connection.needs_reauth', 'webhook.test'] });
    endpoint = { id: created.id, secret: created.secret };
    expect(await lk.webhookEndpoints.list()).toEqual([expect.objectContaining({ id: created.id, url: receiverUrl })]);
    const test = await lk.webhookEndpoints.test(created.id);
    expect(test.delivered).toBe(true);
    const event = lk.webhooks.verify(received[0].body, received[0].headers, endpoint.secret);
    expect(event.type).toBe('webhook.test');
    expect(() => lk.webhooks.verify(received[0].body.replace('webhook.test', 'webhook.tset'), received[0].headers, endpoint.secret)).toThrow();
  });

  it('connects an end user through the catalog, hands out tokens, and the connection.created webhook verifies', async () => {
    connectionId = await connect('sdk-user', 'work');
    const connection = await lk.connections.get(connectionId);
    expect(connection).toMatchObject({ id: connectionId, status: 'active' });

    const token = await lk.connections.token(connectionId, { minValidity: 600 });
    expect(token).toMatchObject({ tokenType: 'Bearer', connectionId, endUserId: 'sdk-user' });
    expect(token.expiresIn).toBeGreaterThanOrEqual(600);
    // Graph accepts it (the emulator's /v1.0/me).
    const me = await fetch(`${emulator.url}/v1.0/me`, { headers: { Authorization: `Bearer ${token.accessToken}` } });
    expect(me.status).toBe(200);
    const byUser = await lk.endUsers.token('sdk-user');
    expect(byUser.accessToken).toBe(token.accessToken);

    const delivered = await until(
      () => received.find((r) => r.body.includes('"connection.created"')),
      Boolean,
      30_000,
    );
    const event = lk.webhooks.verify(delivered!.body, delivered!.headers, endpoint.secret);
    expect(event).toMatchObject({ type: 'connection.created', data: { connection: { id: connectionId } } });

    const listed = await lk.events.list({ connectionId, type: 'connection.created' });
    expect(listed.data.map((e) => e.id)).toEqual([event.id]);
    expect(await lk.events.get(event.id)).toEqual(event);
    const before = received.length;
    const redelivery = await lk.events.redeliver(event.id, { endpointId: endpoint.id });
    expect(redelivery.deliveries).toHaveLength(1);
    const again = await until(() => received.slice(before).find((r) => r.headers['webhook-id'] === event.id), Boolean, 30_000);
    expect(lk.webhooks.verify(again!.body, again!.headers, endpoint.secret).id).toBe(event.id);
  });

  it('calls Microsoft Graph through the proxy: raw Responses with X-Latchkey-Attempts, json(), Graph errors as GraphError', async () => {
    const graph = lk.connections.graph(connectionId);
    const res = await graph.get('/v1.0/me/messages?$top=2&$select=subject');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-latchkey-attempts')).toBe('1');
    expect(res.headers.get('request-id')).toEqual(expect.any(String));
    const page = (await res.json()) as { value: Array<{ id: string; subject: string }> };
    expect(page.value).toHaveLength(2);

    const me = await graph.json<{ userPrincipalName: string }>('GET', '/v1.0/me');
    expect(me.userPrincipalName).toContain('@');

    const missing = await graph.json('GET', '/v1.0/me/messages/AAMkAGnope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(GraphError);
    expect(missing).toMatchObject({ status: 404, code: 'ErrorItemNotFound' });

    // A 429 from Graph is retried by Latchkey, and the SDK sees the answer that finally worked.
    emulator.injectFaults({ target: 'graph', kind: 'throttle', retryAfter: 0, count: 1 });
    const retried = await graph.get('/v1.0/me');
    expect(retried.status).toBe(200);
    expect(retried.headers.get('x-latchkey-attempts')).toBe('2');

    // Latchkey's own refusals are thrown, not handed back as a Graph answer.
    await expect(new Latchkey({ apiKey: 'lk_sk_wrong', baseUrl: t.config.publicUrl.replace('localhost', '127.0.0.1') }).connections.graph(connectionId).get('/v1.0/me')).rejects.toMatchObject({
      name: 'LatchkeyError',
      status: 401,
    });
  });

  it('MICROSOFT_UNAVAILABLE with retryAfterSeconds when Microsoft throttles and the stored token is nearly gone', async () => {
    const throttled = await connect('sdk-throttled', 'personal');
    emulator.injectFaults({ kind: 'throttle', retryAfter: 30, count: 100 });
    try {
      await t.db.query(`UPDATE connections SET expires_at = now() + interval '5 seconds' WHERE id = $1`, [throttled]);
      const started = Date.now();
      const error = await new Latchkey({ apiKey: f.customer.key, baseUrl: t.config.publicUrl.replace('localhost', '127.0.0.1') }).connections
        .token(throttled)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MicrosoftUnavailableError);
      expect((error as MicrosoftUnavailableError).retryAfterSeconds).toBeGreaterThan(20);
      // More than maxRetryWaitSeconds: thrown at once rather than slept on.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      emulator.clearFaults();
    }
  });

  it('a revoked grant: CONNECTION_NEEDS_REAUTH as its own class, the history says so, and a deleted connection is NOT_FOUND', async () => {
    emulator.revokeUserSessions('work', 50173, f.clientId);
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '30 seconds' WHERE id = $1`, [connectionId]);
    // The cached token of `lk` would still serve minValidity 300 locally: a fresh client asks the API.
    const fresh = new Latchkey({ apiKey: f.customer.key, baseUrl: t.config.publicUrl.replace('localhost', '127.0.0.1') });
    const error = await fresh.connections.token(connectionId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionNeedsReauthError);
    expect(error).toMatchObject({ code: 'CONNECTION_NEEDS_REAUTH', status: 409, microsoftError: 'AADSTS50173', requestId: expect.any(String) });
    await expect(fresh.endUsers.token('sdk-user')).rejects.toBeInstanceOf(ConnectionNeedsReauthError);

    const history = await lk.connections.events(connectionId);
    expect(JSON.stringify(history)).toContain('needs_reauth');
    await until(() => received.some((r) => r.body.includes('"connection.needs_reauth"')), Boolean, 30_000);

    await lk.connections.delete(connectionId);
    const gone = await lk.connections.get(connectionId).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(LatchkeyError);
    expect(gone).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await expect(lk.connections.token(connectionId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a bad API key with a 401 LatchkeyError', async () => {
    const wrong = new Latchkey({ apiKey: 'lk_sk_wrong', baseUrl: t.config.publicUrl.replace('localhost', '127.0.0.1') });
    await expect(wrong.connections.list()).rejects.toMatchObject({ name: 'LatchkeyError', status: 401 });
  });
});
