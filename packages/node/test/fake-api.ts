import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Token } from '../src';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local HTTP server whose answers a test scripts; every request is recorded. */
export async function fakeApi(handler: (req: Seen, res: ServerResponse, n: number) => void) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      handler(s, res, seen.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function problem(res: ServerResponse, status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/problem+json', 'x-request-id': 'req-1', ...headers });
  res.end(JSON.stringify({ type: 'about:blank', title: code, status, detail: `detail of ${code}`, code, requestId: 'req-1', ...extra }));
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function tokenBody(connectionId: string, expiresIn = 3600, accessToken = `at-${Math.random()}`): Token {
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString(),
    expiresIn,
    scopes: ['Mail.Read'],
    connectionId,
    endUserId: 'user-1',
    account: { tenantId: 't', objectId: 'o', label: 'a@b.example' },
  };
}
