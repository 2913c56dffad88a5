import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { bearerToken, requestIdOf, UUID_SOURCE, writeProblem } from '@app/common';
import { ApiKeysService } from '@app/customers';
import { GraphProxyService } from '@app/graph-proxy';

/** `/v1/connections/{id}/graph/{path}`: the id, then the path and query as sent. */
const ROUTE = new RegExp(`^/v1/connections/(${UUID_SOURCE})/graph/(.*)$`, 'is');

/**
 * The Graph proxy, answered before Express: its bodies stream both ways, so neither the JSON body parser nor any other
 * Express middleware may touch them. A request with an API key that authenticates is the proxy's; anything else on the
 * route (no key, a bad key, a console session) falls through to Express, where GraphProxyController's guard explains
 * the refusal as every other route does.
 */
export function installGraphProxy(app: NestExpressApplication): void {
  const server: Server = app.getHttpServer();
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) throw new Error(`expected one request listener, found ${listeners.length}`);
  const next = listeners[0];
  const apiKeys = app.get(ApiKeysService);
  const proxy = app.get(GraphProxyService);
  const logger = new Logger('GraphProxyRoute');

  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = ROUTE.exec(req.url ?? '');
    const key = match ? bearerToken(req) : null;
    if (!match || !key) return next(req, res);
    void answer(req, res, match[1].toLowerCase(), match[2], key);
  });

  async function answer(req: IncomingMessage, res: ServerResponse, connectionId: string, target: string, key: string): Promise<void> {
    const requestId = requestIdOf(req.headers['x-request-id']);
    try {
      const customer = await apiKeys.authenticate(key);
      if (!customer) return next(req, res);
      await proxy.handle({ customerId: customer.id, connectionId, target, requestId, req, res });
    } catch (error) {
      res.setHeader('x-request-id', requestId);
      writeProblem(res, error, { url: req.url, requestId, logger });
    }
  }
}
