import { fakeApi, json, problem } from '../test/fake-api';
import { ConnectionNeedsReauthError, ConnectorMisconfiguredError, LatchkeyError, MicrosoftUnavailableError } from './latchkey-error';
import { Latchkey } from './latchkey';

describe('Latchkey client: requests, typed errors and retries', () => {
  let api: Awaited<ReturnType<typeof fakeApi>>;
  let answer: (n: number, url: string, res: Parameters<Parameters<typeof fakeApi>[0]>[1]) => void;
  const client = (extra: Partial<ConstructorParameters<typeof Latchkey>[0]> = {}) => new Latchkey({ apiKey: 'lk_sk_test', baseUrl: api.url, tokenCache: false, ...extra });

  beforeAll(async () => {
    api = await fakeApi((req, res, n) => answer(n, req.url, res));
  });
  beforeEach(() => api.seen.splice(0));
  afterAll(() => api.close());

  it('sends the API key, JSON bodies and query parameters, and parses the answer', async () => {
    answer = (_n, _url, res) => json(res, 201, { token: 'cs', url: `${api.url}/connect/cs`, expiresAt: '2026-12-07T10:00:00.000Z', endUserId: 'u1' });
    const session = await client().connectSessions.create({ endUser: { id: 'u1', email: 'u1@example.com' }, returnUrl: 'https://app.example/back' });
    expect(session.endUserId).toBe('u1');
    expect(api.seen[0]).toMatchObject({ method: 'POST', url: '/v1/connect-sessions' });
    expect(api.seen[0].headers.authorization).toBe('Bearer lk_sk_test');
    expect(api.seen[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(api.seen[0].body)).toEqual({ endUser: { id: 'u1', email: 'u1@example.com' }, returnUrl: 'https://app.example/back' });

    answer = (_n, _url, res) => json(res, 200, { data: [], nextCursor: null });
    await client().connections.list({ endUserId: 'u 1', status: 'active', limit: 5 });
    expect(api.seen[1].url).toBe('/v1/connections?endUserId=u+1&status=active&limit=5');
  });

  it('answers undefined for 204 and encodes ids in paths', async () => {
    answer = (_n, _url, res) => res.writeHead(204).end();
    await expect(client().webhookEndpoints.delete('a/b')).resolves.toBeUndefined();
    expect(api.seen[0]).toMatchObject({ method: 'DELETE', url: '/v1/webhook-endpoints/a%2Fb' });
  });

  it('turns a problem into a LatchkeyError with its code, status, detail and request id', async () => {
    answer = (_n, _url, res) => problem(res, 404, 'NOT_FOUND');
    const error = await client().connections.get('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LatchkeyError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, detail: 'detail of NOT_FOUND', requestId: 'req-1', name: 'LatchkeyError' });
  });

  it('gives the three actionable problems their own classes', async () => {
    answer = (_n, _url, res) => problem(res, 409, 'CONNECTION_NEEDS_REAUTH', { microsoftError: 'AADSTS50173' });
    const reauth = await client().connections.token('c1').catch((e: unknown) => e);
    expect(reauth).toBeInstanceOf(ConnectionNeedsReauthError);
    expect(reauth).toBeInstanceOf(LatchkeyError);
    expect((reauth as ConnectionNeedsReauthError).microsoftError).toBe('AADSTS50173');

    answer = (_n, _url, res) => problem(res, 409, 'CONNECTOR_MISCONFIGURED');
    await expect(client().connections.token('c1')).rejects.toBeInstanceOf(ConnectorMisconfiguredError);

    answer = (_n, _url, res) => problem(res, 503, 'MICROSOFT_UNAVAILABLE', { retryAfterSeconds: 30 }, { 'retry-after': '30' });
    const unavailable = await client().connections.token('c1').catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(MicrosoftUnavailableError);
    expect((unavailable as MicrosoftUnavailableError).retryAfterSeconds).toBe(30);
    // 30 s is more than maxRetryWaitSeconds (10): thrown at once, not waited for.
    expect(api.seen).toHaveLength(3);
  });

  it('retries an idempotent call after a 503 with a short Retry-After, then succeeds', async () => {
    answer = (n, _url, res) => (n === 1 ? problem(res, 503, 'MICROSOFT_UNAVAILABLE', {}, { 'retry-after': '1' }) : json(res, 200, { id: 'c1' }));
    const started = Date.now();
    await expect(client().connections.get('c1')).resolves.toEqual({ id: 'c1' });
    expect(api.seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('stops retrying after maxRetries and throws the last problem', async () => {
    answer = (_n, _url, res) => problem(res, 503, 'SERVICE_UNAVAILABLE', {}, { 'retry-after': '0' });
    await expect(client({ maxRetries: 3 }).connections.get('c1')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(api.seen).toHaveLength(4);
  });

  it('never retries a POST, and does not retry a 503 without Retry-After', async () => {
    answer = (_n, _url, res) => problem(res, 503, 'SERVICE_UNAVAILABLE', {}, { 'retry-after': '0' });
    await expect(client().connectSessions.create({ endUser: { id: 'u1' } })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(api.seen).toHaveLength(1);
    answer = (_n, _url, res) => problem(res, 503, 'SERVICE_UNAVAILABLE');
    await expect(client().connections.get('c1')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(api.seen).toHaveLength(2);
  });

  it('retries network errors of idempotent calls, boundedly, then throws NETWORK_ERROR', async () => {
    let calls = 0;
    const failing: typeof fetch = async () => {
      calls += 1;
      throw new TypeError('fetch failed');
    };
    const error = await client({ fetch: failing, maxRetries: 2 }).connections.get('c1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
    expect(calls).toBe(3);
    calls = 0;
    await expect(client({ fetch: failing }).connectSessions.create({ endUser: { id: 'u1' } })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(calls).toBe(1);
  });

  it('reports an answer that is not a problem as UNEXPECTED_RESPONSE', async () => {
    answer = (_n, _url, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    await expect(client({ maxRetries: 0 }).events.get('evt_1')).rejects.toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 502 });
  });

  it('reports a success whose body is not JSON as UNEXPECTED_RESPONSE', async () => {
    answer = (_n, _url, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>a proxy page</h1>');
    await expect(client().connections.get('c1')).rejects.toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 200 });
  });

  it('refuses to start without an API key', () => {
    expect(() => new Latchkey({ apiKey: '', baseUrl: 'http://localhost:3000' })).toThrow('apiKey is required');
  });
});
