import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import Redis from 'ioredis';
import { redisKeys } from '@app/common';
import { generatedBytes, RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { sample } from '../../../test/prometheus-text';
import { TEST_ENV } from '../../../test/test-env';

v8.setFlagsFromString('--expose-gc');
/** A full garbage collection, so memory figures count what is held, not garbage not yet collected. */
const gc = runInNewContext('gc') as () => void;
/** Two collections a tick apart: Buffers' external memory is freed by finalizers after the first. */
const collect = async () => {
  gc();
  await new Promise((r) => setImmediate(r));
  gc();
};

const SCOPES = ['openid', 'profile', 'email', 'User.Read', 'Mail.ReadWrite', 'Mail.Send'];

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json: () => any;
}

describe('Graph proxy (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;
  let connectionId: string;
  let port: number;
  let redis: Redis;

  /** A raw HTTP request to the API: no client-side URL normalisation, so traversal tricks reach the server as written. */
  const raw = (method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | Readable): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path, headers: { ...f.auth, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({ status: res.statusCode!, headers: res.headers, body: buf, json: () => JSON.parse(buf.toString('utf8')) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (body instanceof Readable) body.pipe(req);
      else req.end(body);
    });
  const graph = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    raw(method, `/v1/connections/${connectionId}/graph/${path}`, body === undefined ? headers : { 'content-type': 'application/json', ...headers }, body === undefined ? undefined : Buffer.from(JSON.stringify(body)));
  const refreshes = () => emulator.counters().token.byClientId[f.clientId]?.byGrantType?.refresh_token ?? 0;
  const graphCalls = () => emulator.counters().graph.total;
  const firstMessageId = async () => (await graph('GET', 'v1.0/me/messages?$top=1')).json().value[0].id as string;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    redis = new Redis(TEST_ENV.REDIS_URL);
  });
  beforeEach(async () => {
    emulator.reset();
    f = await setupConnector(t, emulator, { connector: { scopes: SCOPES } });
    const userId = `gp-${Math.random().toString(36).slice(2, 8)}`;
    await connectEndToEnd(t, f, 'work', userId);
    connectionId = (await t.http().get(`/v1/connections?endUserId=${userId}`).set(f.auth)).body.data[0].id;
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
    await emulator.close();
  });

  it('forwards method, path, query and headers with the connection token, and answers as Graph did plus X-Latchkey-Attempts', async () => {
    const res = await graph('GET', 'v1.0/me/messages?$top=2&$select=subject', { 'client-request-id': 'trace-42', cookie: 'lk_console=x', 'x-request-id': 'lk-7' });
    expect(res.status).toBe(200);
    expect(res.json().value).toHaveLength(2);
    expect(Object.keys(res.json().value[0]).sort()).toEqual(['id', 'subject']);
    expect(res.headers).toMatchObject({ 'x-latchkey-attempts': '1', 'client-request-id': 'trace-42', 'request-id': expect.any(String), 'x-request-id': 'lk-7' });
    const sent = await graph('POST', 'v1.0/me/sendMail', {}, { message: { subject: 'Via Latchkey', toRecipients: [{ emailAddress: { address: 'someone@fabrikam.example' } }] } });
    expect(sent.status).toBe(202);
    const latest = (await graph('GET', 'v1.0/me/messages?$top=1')).json().value[0];
    expect(latest).toMatchObject({ subject: 'Via Latchkey', parentFolderId: 'sentitems' });
    const missing = await graph('GET', 'v1.0/me/messages/nope');
    expect(missing.status).toBe(404);
    expect(missing.json().error.code).toBe('ErrorItemNotFound');
  });

  it('20 concurrent calls on one mailbox never exceed 4 in flight at Graph, and all succeed', async () => {
    emulator.setGraphLimits({ latencyMs: 100 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => graph('GET', 'v1.0/me/messages?$top=1')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(emulator.mailboxLoad('work', f.clientId)).toEqual({ inFlight: 0, maxInFlight: 4, throttled: 0 });
    expect(answers.every((a) => a.headers['x-latchkey-attempts'] === '1')).toBe(true);
  });

  it('retries a 429 after its Retry-After (2 s), and one without Retry-After after a short backoff', async () => {
    emulator.injectFaults({ target: 'graph', kind: '429', retryAfter: 2, path: '/v1.0/me/messages' });
    const started = Date.now();
    const res = await graph('GET', 'v1.0/me/messages?$top=1');
    const elapsed = Date.now() - started;
    expect([res.status, res.headers['x-latchkey-attempts']]).toEqual([200, '2']);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(3500);
    emulator.injectFaults({ target: 'graph', kind: 'throttle', code: 'ApplicationThrottled', retryAfter: null, method: 'POST' });
    const quick = Date.now();
    const sent = await graph('POST', 'v1.0/me/sendMail', {}, { message: { toRecipients: [{ emailAddress: { address: 'a@fabrikam.example' } }] } });
    expect([sent.status, sent.headers['x-latchkey-attempts']]).toEqual([202, '2']);
    expect(Date.now() - quick).toBeLessThan(1500);
  });

  it('does not retry a 503 on POST; retries it on GET; past X-Latchkey-Max-Wait returns the last Graph answer as it was', async () => {
    emulator.injectFaults({ target: 'graph', kind: '503', method: 'POST' });
    const post = await graph('POST', 'v1.0/me/sendMail', {}, { message: { toRecipients: [{ emailAddress: { address: 'a@fabrikam.example' } }] } });
    expect([post.status, post.headers['x-latchkey-attempts']]).toEqual([503, '1']);
    expect(post.json().error.code).toBe('serviceNotAvailable');
    emulator.injectFaults({ target: 'graph', kind: '504', retryAfter: 1, method: 'GET' });
    const get = await graph('GET', 'v1.0/me/messages?$top=1');
    expect([get.status, get.headers['x-latchkey-attempts']]).toEqual([200, '2']);
    emulator.injectFaults({ target: 'graph', kind: '429', retryAfter: 5, count: 3 });
    const started = Date.now();
    const gaveUp = await graph('GET', 'v1.0/me/messages', { 'x-latchkey-max-wait': '1' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect([gaveUp.status, gaveUp.headers['retry-after'], gaveUp.headers['x-latchkey-attempts']]).toEqual([429, '5', '1']);
    expect(gaveUp.json().error.code).toBe('TooManyRequests');
    emulator.clearFaults();
    for (const bad of ['61', 'ten', '-1']) {
      const res = await graph('GET', 'v1.0/me/messages', { 'x-latchkey-max-wait': bad });
      expect([res.status, res.json().code, res.json().errors[0].field]).toEqual([400, 'VALIDATION_FAILED', 'X-Latchkey-Max-Wait']);
    }
  });

  it('refreshes an expired token once and retries once; concurrent calls share the one refresh', async () => {
    expect((await graph('GET', 'v1.0/me/messages?$top=1')).status).toBe(200);
    emulator.expireAccessTokens('work');
    const one = await graph('GET', 'v1.0/me/messages?$top=1');
    expect([one.status, one.headers['x-latchkey-attempts']]).toEqual([200, '2']);
    expect(refreshes()).toBe(1);
    emulator.expireAccessTokens('work');
    const answers = await Promise.all(Array.from({ length: 3 }, () => graph('GET', 'v1.0/me/messages?$top=1')));
    // Each call retries at most once; a call that read the token after the refresh needs no retry.
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.every((a) => ['1', '2'].includes(String(a.headers['x-latchkey-attempts'])))).toBe(true);
    expect(refreshes()).toBe(2);
  });

  it.each([
    ['dot segments', 'v1.0/../../admin'],
    ['a trailing ..', 'v1.0/me/..'],
    ['encoded dots', 'v1.0/%2e%2e/%2e%2e/admin'],
    ['upper-case encoded dots', 'v1.0/%2E%2E/admin'],
    ['encoded slash', 'v1.0/me%2f..%2f..%2fadmin'],
    ['encoded backslash', 'v1.0/me%5c..%5cadmin'],
    ['double encoding', 'v1.0/%252e%252e/admin'],
    ['backslashes', 'v1.0\\..\\admin'],
    ['an absolute URL', 'http://evil.example/v1.0/me'],
    ['a scheme-relative host', '//evil.example/v1.0/me'],
    ['an empty segment host', 'v1.0//evil.example/me'],
    ['no version', 'me/messages'],
    ['another version', 'v2.0/me'],
    ['a CRLF escape', 'v1.0/me%0d%0aHost:%20evil.example', 'VALIDATION_FAILED'],
    ['a NUL escape', 'v1.0/me%00', 'VALIDATION_FAILED'],
  ])('refuses %s with a coded 400 naming path, and never calls Graph', async (_label, path, code = 'GRAPH_PATH_NOT_ALLOWED') => {
    const before = graphCalls();
    const res = await raw('GET', `/v1/connections/${connectionId}/graph/${path}`);
    expect([res.status, res.json().code, res.json().errors[0].field]).toEqual([400, code, 'path']);
    expect(graphCalls()).toBe(before);
  });

  it('ignores Host, X-Forwarded-Host and absolute request targets: Graph is only ever the configured host', async () => {
    const before = graphCalls();
    const res = await graph('GET', 'v1.0/me/messages?$top=1', { host: 'evil.example', 'x-forwarded-host': 'evil.example', forwarded: 'host=evil.example' });
    expect(res.status).toBe(200);
    expect(graphCalls()).toBe(before + 1);
    const absolute = await raw('GET', `http://evil.example/v1/connections/${connectionId}/graph/v1.0/me`);
    expect(absolute.status).toBeGreaterThanOrEqual(400);
    expect(absolute.status).toBeLessThan(500);
    expect(graphCalls()).toBe(before + 1);
  });

  it('refuses like the token endpoint: a needs_reauth connection, another customer\'s, a bad key, no key', async () => {
    await t.db.query(`UPDATE connections SET status = 'needs_reauth', status_reason = 'The end user must reconnect this account.' WHERE id = $1`, [connectionId]);
    const viaToken = await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
    const viaProxy = await graph('GET', 'v1.0/me/messages');
    expect([viaProxy.status, viaProxy.json().code]).toEqual([viaToken.status, viaToken.body.code]);
    expect(viaProxy.json().code).toBe('CONNECTION_NEEDS_REAUTH');
    const other = await setupConnector(t, emulator);
    const foreign = await raw('GET', `/v1/connections/${connectionId}/graph/v1.0/me`, other.auth);
    expect([foreign.status, foreign.json().code]).toEqual([404, 'NOT_FOUND']);
    const badKey = await raw('GET', `/v1/connections/${connectionId}/graph/v1.0/me`, { Authorization: 'Bearer lk_sk_nope' });
    expect([badKey.status, badKey.json().code]).toEqual([401, 'INVALID_API_KEY']);
    const noKey = await raw('GET', `/v1/connections/${connectionId}/graph/v1.0/me`, { Authorization: '' });
    expect([noKey.status, noKey.json().code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('waits in line for a slot while leases are held, gets one when a dead instance\'s leases lapse, and gives up at Max-Wait', async () => {
    const { held } = redisKeys(TEST_ENV.QUEUE_PREFIX).graphSlots(f.customer.id, connectionId);
    const [seconds, micros] = await redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    await redis.zadd(held, now + 1500, 'dead-1', now + 1500, 'dead-2', now + 1500, 'dead-3', now + 1500, 'dead-4');
    const refused = await graph('GET', 'v1.0/me', { 'x-latchkey-max-wait': '0.3' });
    expect([refused.status, refused.json().code, refused.headers['retry-after']]).toEqual([429, 'GRAPH_CONCURRENCY_LIMITED', '1']);
    const started = Date.now();
    const waited = await graph('GET', 'v1.0/me', { 'x-latchkey-max-wait': '5' });
    expect(waited.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('hands freed slots out in arrival order (FIFO), across waiters', async () => {
    const { held } = redisKeys(TEST_ENV.QUEUE_PREFIX).graphSlots(f.customer.id, connectionId);
    const [seconds, micros] = await redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    // One slot frees after 1 s, the other three after 3 s.
    await redis.zadd(held, now + 1000, 'dead-1', now + 3000, 'dead-2', now + 3000, 'dead-3', now + 3000, 'dead-4');
    const started = Date.now();
    const done: string[] = [];
    const call = (name: string) => graph('GET', 'v1.0/me', { 'x-latchkey-max-wait': '10' }).then((res) => done.push(`${name}:${res.status}`));
    const first = call('first');
    await new Promise((r) => setTimeout(r, 300));
    const second = call('second');
    await first;
    expect(Date.now() - started).toBeLessThan(2500);
    expect(done).toEqual(['first:200']);
    await second;
    expect(done).toEqual(['first:200', 'second:200']);
  });

  it('a call refused for its connection, or whose caller left, stops waiting in line at once', async () => {
    const { held, queue } = redisKeys(TEST_ENV.QUEUE_PREFIX).graphSlots(f.customer.id, connectionId);
    const [seconds, micros] = await redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    await redis.zadd(held, now + 3000, 'dead-1', now + 3000, 'dead-2', now + 3000, 'dead-3', now + 3000, 'dead-4');
    // A caller that gives up after 200 ms leaves the line with it, instead of waiting there for its Max-Wait.
    const gone = http.request({ host: '127.0.0.1', port, path: `/v1/connections/${connectionId}/graph/v1.0/me`, headers: { ...f.auth, 'x-latchkey-max-wait': '10' } });
    gone.on('error', () => undefined);
    gone.end();
    await new Promise((r) => setTimeout(r, 200));
    expect(await redis.zcard(queue)).toBe(1);
    gone.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(await redis.zcard(queue)).toBe(0);
    // A connection that must be reconnected is told so at once, not once a slot frees (after the 1 s token cache).
    await new Promise((r) => setTimeout(r, 1100));
    await t.db.query(`UPDATE connections SET status = 'needs_reauth', status_reason = 'The end user must reconnect this account.' WHERE id = $1`, [connectionId]);
    const started = Date.now();
    const refused = await graph('GET', 'v1.0/me', { 'x-latchkey-max-wait': '10' });
    expect([refused.status, refused.json().code]).toEqual([409, 'CONNECTION_NEEDS_REAUTH']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('streams a 50 MB attachment download with bounded memory: a paused reader holds Graph back instead of filling memory', async () => {
    const messageId = await firstMessageId();
    const size = 50 * 1024 * 1024;
    const attachment = emulator.addAttachment('work', messageId, { name: 'big.bin', size });
    await collect();
    const baseline = process.memoryUsage().arrayBuffers;
    const hash = createHash('sha256');
    let received = 0;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: `/v1/connections/${connectionId}/graph/v1.0/me/messages/${messageId}/attachments/${attachment.id}/$value`, headers: f.auth }, resolve).on('error', reject);
    });
    expect(res.statusCode).toBe(200);
    const ended = new Promise<void>((resolve, reject) => {
      res.on('end', resolve);
      res.on('error', reject);
    });
    // Read 2 MB, then stop reading for a second: with backpressure end to end, Graph (the emulator) stops sending.
    await new Promise<void>((resolve) => {
      let paused = false;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        hash.update(chunk);
        if (received >= 2 * 1024 * 1024 && !paused) {
          paused = true;
          res.pause();
          resolve();
        }
      });
    });
    await new Promise((r) => setTimeout(r, 1000));
    await collect();
    const heldMb = (process.memoryUsage().arrayBuffers - baseline) / 1024 / 1024;
    res.resume();
    await ended;
    expect(received).toBe(size);
    expect(hash.digest('hex')).toBe(attachment.sha256);
    // Buffering the answer anywhere (proxy, client or emulator) would hold most of the 48 MB not yet read.
    expect(heldMb).toBeLessThan(24);
  });

  it('streams a 50 MB attachment upload (upload session): while Graph does not read, the proxy does not either', async () => {
    const messageId = await firstMessageId();
    const size = 50 * 1024 * 1024;
    const session = await graph('POST', `v1.0/me/messages/${messageId}/attachments/createUploadSession`, {}, { AttachmentItem: { attachmentType: 'file', name: 'up.bin', size } });
    expect(session.status).toBe(201);
    const uploadPath = new URL(session.json().uploadUrl).pathname.slice(1);
    const expected = createHash('sha256');
    const block = generatedBytes(3, 0, 256 * 1024);
    let sent = 0;
    const body = new Readable({
      read() {
        if (sent >= size) return void this.push(null);
        const chunk = block.subarray(0, Math.min(block.length, size - sent));
        sent += chunk.length;
        expected.update(chunk);
        this.push(chunk);
      },
    });
    // Graph (the emulator) waits a second before reading the chunk: a proxy that buffered would take all 50 MB meanwhile.
    emulator.setGraphLimits({ latencyMs: 1000 });
    let sentWhileGraphWaited = 0;
    const sampler = setTimeout(() => (sentWhileGraphWaited = sent), 800);
    const res = await raw('PUT', `/v1/connections/${connectionId}/graph/${uploadPath}`, { 'content-range': `bytes 0-${size - 1}/${size}`, 'content-length': String(size) }, body);
    clearTimeout(sampler);
    expect([res.status, res.headers['x-latchkey-attempts']]).toEqual([201, '1']);
    const attachmentId = String(res.headers.location).split('/').pop()!;
    expect(emulator.attachment('work', messageId, attachmentId)).toMatchObject({ size, sha256: expected.digest('hex') });
    expect(sentWhileGraphWaited).toBeGreaterThan(0);
    expect(sentWhileGraphWaited / 1024 / 1024).toBeLessThan(16);
  });

  it('shows recent calls on the connection (templates, no ids or query) and counts them in metrics', async () => {
    const messageId = await firstMessageId();
    await graph('GET', `v1.0/me/messages/${messageId}?$select=subject`);
    await raw('GET', `/v1/connections/${connectionId}/graph/v1.0/%2e%2e/x`);
    const res = await t.http().get(`/v1/connections/${connectionId}/graph-calls`).set(f.auth);
    expect(res.status).toBe(200);
    expect(res.body.data.slice(0, 3)).toEqual([
      expect.objectContaining({ method: 'GET', path: 'invalid', status: 400, attempts: 0, graphRequestId: null }),
      expect.objectContaining({ method: 'GET', path: 'v1.0/me/messages/{id}', status: 200, attempts: 1, graphRequestId: expect.any(String), durationMs: expect.any(Number) }),
      expect.objectContaining({ path: 'v1.0/me/messages', status: 200 }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(messageId);
    const other = await setupConnector(t, emulator);
    expect((await t.http().get(`/v1/connections/${connectionId}/graph-calls`).set(other.auth)).status).toBe(404);
    const metrics = (await t.http().get('/metrics')).text;
    expect(sample(metrics, 'latchkey_graph_proxy_requests_total', { method: 'GET', route: 'v1.0/me/messages/{id}', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'latchkey_graph_proxy_attempts_total', { method: 'GET', route: 'v1.0/me/messages/{id}' })).toBeGreaterThanOrEqual(1);
    expect(metrics).not.toContain(messageId);
  });
});

describe('Graph proxy request budget (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url, GRAPH_PROXY_BUDGET: '3', GRAPH_PROXY_BUDGET_WINDOW_SECONDS: '60' });
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it('answers 429 GRAPH_BUDGET_EXHAUSTED with Retry-After itself once a connection used its budget, before Graph sees the call', async () => {
    const f = await setupConnector(t, emulator, { connector: { scopes: SCOPES } });
    await connectEndToEnd(t, f, 'work', 'budget-user');
    const connectionId = (await t.http().get('/v1/connections?endUserId=budget-user').set(f.auth)).body.data[0].id;
    for (let i = 0; i < 3; i++) expect((await t.http().get(`/v1/connections/${connectionId}/graph/v1.0/me`).set(f.auth)).status).toBe(200);
    const before = emulator.counters().graph.total;
    const res = await t.http().get(`/v1/connections/${connectionId}/graph/v1.0/me`).set(f.auth);
    expect([res.status, res.body.code]).toEqual([429, 'GRAPH_BUDGET_EXHAUSTED']);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(62);
    expect(emulator.counters().graph.total).toBe(before);
  });

  it("another customer naming a connection gets 404 at once and touches none of its budget, slots or recent calls", async () => {
    const owner = await setupConnector(t, emulator, { connector: { scopes: SCOPES } });
    await connectEndToEnd(t, owner, 'work', 'isolated-user');
    const connectionId = (await t.http().get('/v1/connections?endUserId=isolated-user').set(owner.auth)).body.data[0].id;
    const other = await setupConnector(t, emulator);
    // The owner's four slots are held: a foreign call must not wait in the owner's line.
    const redis = new Redis(TEST_ENV.REDIS_URL);
    const { held } = redisKeys(TEST_ENV.QUEUE_PREFIX).graphSlots(owner.customer.id, connectionId);
    const [seconds, micros] = await redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    await redis.zadd(held, now + 1500, 'dead-1', now + 1500, 'dead-2', now + 1500, 'dead-3', now + 1500, 'dead-4');
    redis.disconnect();
    const started = Date.now();
    for (let i = 0; i < 4; i++) {
      const foreign = await t.http().get(`/v1/connections/${connectionId}/graph/v1.0/hijacked`).set(other.auth).set('X-Latchkey-Max-Wait', '1');
      expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect(Date.now() - started).toBeLessThan(1000);
    // The owner still has its whole budget (3), and its recent calls show only its own.
    for (let i = 0; i < 3; i++) expect((await t.http().get(`/v1/connections/${connectionId}/graph/v1.0/me`).set(owner.auth).set('X-Latchkey-Max-Wait', '5')).status).toBe(200);
    const calls = await t.http().get(`/v1/connections/${connectionId}/graph-calls`).set(owner.auth);
    expect(calls.body.data.map((c: { path: string; status: number }) => `${c.path} ${c.status}`)).toEqual(Array(3).fill('v1.0/me 200'));
  });
});

describe('Graph proxy concurrency across API instances (e2e)', () => {
  let emulator: RunningEmulator;
  let a: TestApp;
  let b: TestApp;
  let f: ConnectFixture;
  let connectionId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    const env = { MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url, GRAPH_PROXY_LEASE_SECONDS: '2' };
    a = await createTestApp(env);
    b = await createTestApp(env);
    f = await setupConnector(a, emulator, { connector: { scopes: SCOPES } });
    await connectEndToEnd(a, f, 'work', 'two-instances');
    connectionId = (await a.http().get('/v1/connections?endUserId=two-instances').set(f.auth)).body.data[0].id;
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await emulator.close();
  });

  const call = (t: TestApp) => t.http().get(`/v1/connections/${connectionId}/graph/v1.0/me`).set(f.auth).set('X-Latchkey-Max-Wait', '20');

  it('20 calls split over two API instances never exceed 4 in flight at Graph', async () => {
    emulator.setGraphLimits({ latencyMs: 150 });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2 ? a : b)));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(emulator.mailboxLoad('work', f.clientId)).toEqual({ inFlight: 0, maxInFlight: 4, throttled: 0 });
  });

  it('a call longer than the lease keeps its slot (the lease is renewed while it runs)', async () => {
    emulator.resetCounters();
    emulator.setGraphLimits({ latencyMs: 3000 });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => call(i % 2 ? a : b)));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(emulator.mailboxLoad('work', f.clientId)).toEqual({ inFlight: 0, maxInFlight: 4, throttled: 0 });
  }, 30_000);
});
