import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { bearerToken, Metrics, requestIdOf, UUID_SOURCE, writeProblem } from '@app/common';
import { ApiKeysService } from '@app/customers';
import { TokenService } from '@app/tokens';

/** The Nest route this path stands in for: its requests are counted under the same route label. */
const ROUTE_TEMPLATE = '/v1/connections/:id/token';
const ROUTE = new RegExp(`^/v1/connections/(${UUID_SOURCE})/token(?:\\?minValidity=(\\d{1,4}))?$`, 'i');
const MAX_MIN_VALIDITY = 3000;
const HEADERS = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};
const HEADER_ENTRIES = Object.entries(HEADERS);

/**
 * The hot path of GET /v1/connections/{id}/token, answered before Express and Nest's pipeline, which cost more CPU
 * than the work itself (docs/benchmarks.md). Only the well-formed case is taken here: a valid id, at most a valid
 * minValidity, and an API key that authenticates. Anything else (bad input, a bad key, a console cookie) falls through
 * to the regular route, so every error answer and its validation stay in one place. The work is the same services:
 * ApiKeysService.authenticate and TokenService.forConnection; their domain errors become the same problem details.
 * What it answers itself it also counts and times, as the HTTP metrics middleware does for Express (what it hands to
 * Express, Express's middleware counts).
 */
export function installTokenFastPath(app: NestExpressApplication): void {
  const server: Server = app.getHttpServer();
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) throw new Error(`expected one request listener (Express), found ${listeners.length}`);
  const express = listeners[0];
  const apiKeys = app.get(ApiKeysService);
  const tokens = app.get(TokenService);
  const logger = new Logger('TokenFastPath');
  const http = app.get(Metrics).httpRoute('GET', ROUTE_TEMPLATE);

  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = req.method === 'GET' ? ROUTE.exec(req.url ?? '') : null;
    const minValidity = match?.[2] === undefined ? undefined : Number(match[2]);
    const key = match ? bearerToken(req) : null;
    if (!match || !key || (minValidity !== undefined && minValidity > MAX_MIN_VALIDITY)) return express(req, res);
    void answer(req, res, match[1], key, minValidity, performance.now());
  });

  async function answer(req: IncomingMessage, res: ServerResponse, connectionId: string, key: string, minValidity: number | undefined, started: number): Promise<void> {
    const requestId = requestIdOf(req.headers['x-request-id']);
    let customer;
    try {
      customer = await apiKeys.authenticate(key);
    } catch (error) {
      return fail(res, requestId, error, req.url, started);
    }
    if (!customer) return express(req, res); // the regular route explains the refusal
    try {
      const body = JSON.stringify(await tokens.forConnection(customer.id, connectionId, minValidity));
      res.writeHead(200, { ...HEADERS, 'x-request-id': requestId, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      http.record(200, (performance.now() - started) / 1000);
    } catch (error) {
      fail(res, requestId, error, req.url, started);
    }
  }

  function fail(res: ServerResponse, requestId: string, error: unknown, url: string | undefined, started: number): void {
    for (const [name, value] of HEADER_ENTRIES) res.setHeader(name, value);
    res.setHeader('x-request-id', requestId);
    writeProblem(res, error, { url, requestId, logger });
    http.record(res.statusCode, (performance.now() - started) / 1000);
  }
}
