import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Metrics } from '@app/common';
import type { AppConfig } from '@app/config';
import type { ReadTracker, TokenService } from '@app/tokens';
import type { ConnectionSemaphore } from './connection-semaphore';
import type { GraphCallsLog } from './graph-calls.log';
import { GraphProxyService } from './graph-proxy.service';
import { GraphUpstream } from './graph-upstream';
import type { RequestBudget } from './request-budget';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * GraphProxyService between two real HTTP servers, with its Redis and Postgres parts faked: a stand-in Graph that
 * misbehaves on purpose, and a caller. What the caller sees when Graph breaks, and how often Graph is called.
 */
describe('GraphProxyService against a misbehaving Graph', () => {
  let graph: http.Server;
  let api: http.Server;
  let upstream: GraphUpstream;
  let apiPort: number;
  const seen: string[] = [];
  let releases = 0;
  let graphSawClose: Promise<boolean> = Promise.resolve(false);

  const token = { accessToken: 'at-1', tokenType: 'Bearer', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), expiresIn: 3600 };
  const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

  beforeAll(async () => {
    graph = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url!.endsWith('/dies-in-error')) {
        // A 429 whose body never completes: the connection breaks after part of it.
        res.writeHead(429, { 'content-type': 'application/json', 'content-length': '200', 'retry-after': '30' });
        res.write('{"error":{"code":"TooMany');
        setTimeout(() => res.socket!.destroy(), 20);
        return;
      }
      if (req.url!.endsWith('/endless')) {
        // A download that never ends: 64 KB every 10 ms until the other side goes away.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const timer = setInterval(() => res.write(Buffer.alloc(65536)), 10);
        graphSawClose = new Promise((resolve) => res.once('close', () => resolve(!res.writableFinished)));
        res.once('close', () => clearInterval(timer));
        return;
      }
      if (req.url!.endsWith('/zero-retry-after')) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        return res.end('{"error":{"code":"TooManyRequests","message":"slow down"}}');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    const graphPort = await listen(graph);
    const config = { microsoft: { graphUrl: `http://127.0.0.1:${graphPort}/graph-root` }, graphProxy: { timeoutMs: 5000 } } as AppConfig;
    upstream = new GraphUpstream(config);
    const service = new GraphProxyService(
      { forConnection: async () => token, replacing: async () => token } as unknown as TokenService,
      { record: () => undefined } as unknown as ReadTracker,
      { acquire: async () => () => void releases++ } as unknown as ConnectionSemaphore,
      { take: async () => null } as unknown as RequestBudget,
      upstream,
      { record: () => undefined } as unknown as GraphCallsLog,
      new Metrics(false),
    );
    api = http.createServer((req, res) => void service.handle({ customerId: 'cu1', connectionId: 'co1', target: req.url!.slice(1), requestId: 'req-1', req, res }));
    apiPort = await listen(api);
  });
  beforeEach(() => {
    seen.splice(0);
    releases = 0;
  });
  afterAll(async () => {
    upstream.onModuleDestroy();
    await new Promise((r) => api.close(r));
    await new Promise((r) => graph.close(r));
  });

  const call = (path: string, headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: apiPort, path: `/${path}`, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });

  it('forwards under the base path of MICROSOFT_GRAPH_URL', async () => {
    expect((await call('v1.0/me?$select=id')).status).toBe(200);
    expect(seen).toEqual(['GET /graph-root/v1.0/me?$select=id']);
  });

  it('answers 502 GRAPH_UNREACHABLE, not a 500, when Graph breaks off an error answer it would retry', async () => {
    const res = await call('v1.0/me/dies-in-error');
    expect([res.status, JSON.parse(res.body).code]).toEqual([502, 'GRAPH_UNREACHABLE']);
    expect(res.headers['x-latchkey-attempts']).toBe('1');
  });

  it('a caller that leaves mid-download aborts the call to Graph and gives its slot back, once', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: apiPort, path: '/v1.0/me/messages/m1/attachments/a1/endless' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.once('error', reject);
      req.end();
    });
    expect(await graphSawClose).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(releases).toBe(1);
  });

  it('does not hammer Graph when it asks for Retry-After: 0 again and again: the backoff still applies', async () => {
    const res = await call('v1.0/me/zero-retry-after', { 'x-latchkey-max-wait': '1' });
    expect(res.status).toBe(429);
    // Backoff from 50 ms doubling, within 1 s: a handful of attempts, never a tight loop of hundreds.
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThanOrEqual(12);
    expect(res.headers['x-latchkey-attempts']).toBe(String(seen.length));
  });
});
