import { Readable } from 'node:stream';
import { fakeApi, json, problem } from '../test/fake-api';
import { ConnectionNeedsReauthError } from './latchkey-error';
import { GraphError } from './graph-client';
import { Latchkey } from './latchkey';

/** A tiny imitation of the proxy route: {METHOD} /v1/connections/{id}/graph/{v1.0|beta}/..., answering as Graph did. */
describe('connections.graph(id): Microsoft Graph through the proxy', () => {
  let api: Awaited<ReturnType<typeof fakeApi>>;

  beforeAll(async () => {
    api = await fakeApi((req, res) => {
      const m = /^\/v1\/connections\/([^/]+)\/graph\/(v1\.0|beta)\/(.*)$/.exec(req.url);
      if (!m) return problem(res, 404, 'NOT_FOUND');
      if (m[1] === 'revoked') return problem(res, 409, 'CONNECTION_NEEDS_REAUTH');
      if (m[3].startsWith('me/messages/missing')) {
        return json(res, 404, { error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } }, { 'x-latchkey-attempts': '1' });
      }
      json(res, req.method === 'POST' ? 201 : 200, { method: req.method, path: m[3], version: m[2] }, { 'x-latchkey-attempts': '2' });
    });
  });
  beforeEach(() => api.seen.splice(0));
  afterAll(() => api.close());

  const graph = (id = 'c1') => new Latchkey({ apiKey: 'lk_sk_test', baseUrl: api.url }).connections.graph(id);

  it('sends each method to the route with the API key, and answers Graph\'s response unread', async () => {
    const res = await graph().get('/v1.0/me/messages?$top=5&$select=subject');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-latchkey-attempts')).toBe('2');
    expect(await res.json()).toEqual({ method: 'GET', path: 'me/messages?$top=5&$select=subject', version: 'v1.0' });
    expect(api.seen[0].url).toBe('/v1/connections/c1/graph/v1.0/me/messages?$top=5&$select=subject');
    expect(api.seen[0].headers.authorization).toBe('Bearer lk_sk_test');

    for (const method of ['post', 'patch', 'put'] as const) {
      await graph()[method]('/beta/me/messages/m1', { subject: 'Hi' });
    }
    await graph().delete('/v1.0/me/messages/m1');
    expect(api.seen.slice(1).map((s) => [s.method, s.url, s.headers['content-type'], s.body])).toEqual([
      ['POST', '/v1/connections/c1/graph/beta/me/messages/m1', 'application/json', '{"subject":"Hi"}'],
      ['PATCH', '/v1/connections/c1/graph/beta/me/messages/m1', 'application/json', '{"subject":"Hi"}'],
      ['PUT', '/v1/connections/c1/graph/beta/me/messages/m1', 'application/json', '{"subject":"Hi"}'],
      ['DELETE', '/v1/connections/c1/graph/v1.0/me/messages/m1', undefined, ''],
    ]);
  });

  it('sends strings, buffers and streams as they are, and X-Latchkey-Max-Wait when asked', async () => {
    await graph().put('/v1.0/me/photo/$value', Buffer.from([1, 2, 3]), { headers: { 'Content-Type': 'image/jpeg' }, maxWaitSeconds: 5 });
    expect(api.seen[0].headers['content-type']).toBe('image/jpeg');
    expect(api.seen[0].headers['x-latchkey-max-wait']).toBe('5');
    expect(api.seen[0].body).toBe('\u0001\u0002\u0003');
    const stream = Readable.toWeb(Readable.from([Buffer.from('streamed '), Buffer.from('body')])) as ReadableStream;
    await graph().request('POST', '/v1.0/me/sendMail', { body: stream, headers: { 'Content-Type': 'text/plain' } });
    expect(api.seen[1].body).toBe('streamed body');
    await graph().request('POST', '/v1.0/me/sendMail', { body: Readable.from([Buffer.from('node '), Buffer.from('stream')]) });
    expect(api.seen[2].body).toBe('node stream');
  });

  it("answers Graph's own errors as responses, and json() throws them as GraphError", async () => {
    const res = await graph().get('/v1.0/me/messages/missing');
    expect(res.status).toBe(404);
    const error = await graph().json('GET', '/v1.0/me/messages/missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 404, code: 'ErrorItemNotFound', attempts: 1 });
    await expect(graph().json('POST', '/v1.0/me/messages', { body: { subject: 'x' } })).resolves.toEqual({ method: 'POST', path: 'me/messages', version: 'v1.0' });
  });

  it("throws Latchkey's own refusals (problem+json) as typed errors", async () => {
    await expect(graph('revoked').get('/v1.0/me')).rejects.toBeInstanceOf(ConnectionNeedsReauthError);
  });

  it('refuses a path outside /v1.0/ and /beta/ before sending anything', async () => {
    for (const path of ['me/messages', '/v2.0/me', '/v1.0', 'https://graph.microsoft.com/v1.0/me', '/../v1.0/me']) {
      await expect(graph().get(path)).rejects.toThrow(TypeError);
    }
    expect(api.seen).toHaveLength(0);
  });

  it('refuses paths that URL parsing would move out of the proxy route (dot segments, encoded dots, backslashes, tabs, newlines)', async () => {
    // new URL() resolves these before sending: /graph/v1.0/../../../x would reach another Latchkey route with the API key.
    const escapes = ['/v1.0/../../../webhook-endpoints', '/v1.0/me/..', '/v1.0/./me', '/v1.0/%2e%2e/%2E%2e/x', '/v1.0/.%2e/x', '/v1.0/me\\..\\..\\x', '/v1.0/.\t./x', '/v1.0/.\n./x'];
    for (const path of escapes) {
      await expect(graph().get(path)).rejects.toThrow(TypeError);
    }
    expect(api.seen).toHaveLength(0);
    await graph().get('/v1.0/me/messages?$filter=subject eq \'../x\'');
    expect(api.seen).toHaveLength(1);
  });
});
