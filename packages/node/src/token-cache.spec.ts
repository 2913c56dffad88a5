import { fakeApi, json, problem, tokenBody } from '../test/fake-api';
import { Latchkey } from './latchkey';
import { TokenCache } from './token-cache';

describe('Token cache in the client', () => {
  let api: Awaited<ReturnType<typeof fakeApi>>;
  let expiresIn = 3600;
  let fail = false;
  let delayMs = 0;

  beforeAll(async () => {
    api = await fakeApi((req, res) => {
      const id = /\/v1\/connections\/([^/]+)\/token/.exec(req.url)?.[1] ?? 'end-user';
      setTimeout(() => (fail ? problem(res, 409, 'CONNECTION_NEEDS_REAUTH') : json(res, 200, tokenBody(id, expiresIn))), delayMs);
    });
  });
  beforeEach(() => {
    api.seen.splice(0);
    expiresIn = 3600;
    fail = false;
    delayMs = 0;
  });
  afterAll(() => api.close());

  const latchkey = () => new Latchkey({ apiKey: 'lk_sk_test', baseUrl: api.url });

  it('reuses a token while it stays valid for minValidity', async () => {
    const lk = latchkey();
    const first = await lk.connections.token('c1');
    const second = await lk.connections.token('c1', { minValidity: 3000 });
    expect(second.accessToken).toBe(first.accessToken);
    expect(api.seen).toHaveLength(1);
    // Another connection is another key.
    await lk.connections.token('c2');
    expect(api.seen).toHaveLength(2);
  });

  it('asks again when the cached token would not last minValidity, passing minValidity on', async () => {
    expiresIn = 200;
    const lk = latchkey();
    await lk.connections.token('c1', { minValidity: 60 });
    await lk.connections.token('c1', { minValidity: 60 });
    expect(api.seen).toHaveLength(1);
    await lk.connections.token('c1'); // the default, 300, is more than 200
    expect(api.seen).toHaveLength(2);
    expect(api.seen[0].url).toBe('/v1/connections/c1/token?minValidity=60');
    expect(api.seen[1].url).toBe('/v1/connections/c1/token');
  });

  it('keeps one request in flight per connection', async () => {
    delayMs = 100;
    const lk = latchkey();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => lk.connections.token('c1')));
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(api.seen).toHaveLength(1);
  });

  it('keeps no failed answer: every caller gets the error, and the next call asks again', async () => {
    fail = true;
    delayMs = 50;
    const lk = latchkey();
    const results = await Promise.allSettled([lk.connections.token('c1'), lk.connections.token('c1')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(api.seen).toHaveLength(1);
    fail = false;
    await expect(lk.connections.token('c1')).resolves.toMatchObject({ connectionId: 'c1' });
    expect(api.seen).toHaveLength(2);
  });

  it('forgets a deleted connection, and caches end-user tokens by end user', async () => {
    const lk = latchkey();
    await lk.connections.token('c1');
    api.seen.splice(0);
    await lk.connections.delete('c1').catch(() => undefined);
    await lk.connections.token('c1');
    expect(api.seen.filter((s) => s.url.endsWith('/token'))).toHaveLength(1);

    await lk.endUsers.token('user 1');
    await lk.endUsers.token('user 1');
    expect(api.seen.filter((s) => s.url.startsWith('/v1/end-users/user%201/connections/outlook-email/token'))).toHaveLength(1);
  });

  it('keeps at most maxEntries tokens, dropping the least recently fetched', async () => {
    const cache = new TokenCache(2);
    let calls = 0;
    const fetchToken = (id: string) => async () => {
      calls += 1;
      return tokenBody(id);
    };
    for (const id of ['a', 'b', 'c']) await cache.get(id, 60, fetchToken(id));
    expect(calls).toBe(3);
    await cache.get('b', 60, fetchToken('b'));
    await cache.get('c', 60, fetchToken('c'));
    expect(calls).toBe(3);
    await cache.get('a', 60, fetchToken('a'));
    expect(calls).toBe(4);
  });

  it('can be turned off', async () => {
    const lk = new Latchkey({ apiKey: 'lk_sk_test', baseUrl: api.url, tokenCache: false });
    await lk.connections.token('c1');
    await lk.connections.token('c1');
    expect(api.seen).toHaveLength(2);
  });
});
