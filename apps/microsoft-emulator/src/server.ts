import { createServer, Server } from 'node:http';
import type { EmulatorContext } from './context';
import { registerControlRoutes } from './control';
import { registerMailControlRoutes } from './control-mail';
import { registerDiscoveryRoutes } from './discovery';
import { registerGraphRoutes } from './graph';
import { parseBody, readBody, Req, Router, sendJson } from './http';
import { registerOAuthRoutes } from './oauth';

export function createEmulatorServer(ctx: EmulatorContext, info: () => Record<string, unknown>): Server {
  const router = new Router();
  registerDiscoveryRoutes(router, ctx);
  registerOAuthRoutes(router, ctx);
  registerGraphRoutes(router, ctx);
  if (ctx.controlApi) registerControlRoutes(router, ctx, info);
  if (ctx.controlApi) registerMailControlRoutes(router, ctx);
  router.on('GET', '/', (req) =>
    sendJson(req.res, 200, { name: 'Latchkey Microsoft emulator', notice: 'Test double — not Microsoft', ...info() }),
  );

  return createServer((raw, res) => {
    void (async () => {
      const url = new URL(raw.url ?? '/', 'http://emulator.invalid');
      const method = (raw.method ?? 'GET').toUpperCase();
      const found = router.match(method, url.pathname);
      if (found === undefined || found === 'method') {
        raw.resume();
        return sendJson(res, found ? 405 : 404, { error: { code: found ? 'MethodNotAllowed' : 'NotFound', message: `${method} ${url.pathname} is not served by the emulator` } });
      }
      const contentType = String(raw.headers['content-type'] ?? '').toLowerCase();
      let body: Record<string, unknown>;
      let text: string;
      try {
        // A raw route (attachment uploads) reads its own body as it streams.
        text = found.raw ? '' : await readBody(raw);
        body = found.raw ? {} : parseBody(text, contentType);
      } catch (error) {
        return sendJson(res, 400, { error: 'invalid_request', error_description: `Unreadable request body: ${(error as Error).message}` });
      }
      const req: Req = { method, url, path: url.pathname, params: found.params, headers: raw.headers, raw, res, body, contentType, text };
      await found.handler(req);
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: `Emulator bug: ${(error as Error).message}` });
      else res.destroy();
    });
  });
}
