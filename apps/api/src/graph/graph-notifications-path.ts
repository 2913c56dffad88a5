import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { DomainError, Metrics, requestIdOf, writeProblem } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { isLifecycleItem, NotificationIntake, notificationItems } from '@app/mail-notifications';

const PATHS: Record<string, 'change' | 'lifecycle'> = { '/graph/notifications': 'change', '/graph/lifecycle': 'lifecycle' };
/** Graph's tokens are about a hundred characters; anything far longer is not one. */
const MAX_VALIDATION_TOKEN = 4096;
/** A body still incomplete after this long is cut off (408): Graph sends whole bodies at once and waits 3 s for the answer. */
const BODY_TIMEOUT_MS = 10_000;
const HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" };

/**
 * Microsoft Graph's calls to Latchkey, answered before Express and Nest (no API key: Graph authenticates each item by
 * its subscription's clientState).
 * - `?validationToken=...` (the handshake of a create, both URLs): 200 text/plain with the token decoded as a query
 *   parameter is (`+` is a space), from memory, before the body is read or any database work.
 * - A notification batch: 202 once its accepted items are written as events (one statement). A malformed item, a
 *   wrong clientState or an unknown subscription is dropped, counted and logged: never an error answer, which Graph
 *   would retry for 4 hours. A body over MAIL_NOTIFICATION_MAX_BODY_KB is 413; a body that is not JSON, or not Graph's
 *   `{"value": [...]}` envelope, is 400 (Graph never sends one, so nothing is retried); only Latchkey's own outage
 *   (Postgres down) is a 503, which Graph should retry.
 */
export function installGraphNotificationsPath(app: NestExpressApplication): void {
  const server: Server = app.getHttpServer();
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) throw new Error(`expected one request listener, found ${listeners.length}`);
  const next = listeners[0];
  const intake = app.get(NotificationIntake);
  const config = app.get<AppConfig>(APP_CONFIG);
  const metrics = app.get(Metrics);
  const logger = new Logger('GraphNotifications');
  const routes = {
    change: metrics.httpRoute('POST', '/graph/notifications'),
    lifecycle: metrics.httpRoute('POST', '/graph/lifecycle'),
  };

  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const kind = PATHS[q < 0 ? url : url.slice(0, q)];
    if (!kind) return next(req, res);
    void handle(req, res, kind, q < 0 ? '' : url.slice(q + 1), performance.now());
  });

  async function handle(req: IncomingMessage, res: ServerResponse, kind: 'change' | 'lifecycle', query: string, started: number): Promise<void> {
    const requestId = requestIdOf(req.headers['x-request-id']);
    const done = () => routes[kind].record(res.statusCode, (performance.now() - started) / 1000);
    res.on('finish', done);
    for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
    res.setHeader('x-request-id', requestId);
    const fail = (error: unknown) => {
      if (!res.headersSent) writeProblem(res, error, { url: req.url, requestId, logger });
      req.resume();
    };
    const token = new URLSearchParams(query).get('validationToken');
    // Graph validates with a POST; a GET with the token is answered too (harmless, and some senders use it).
    if (req.method !== 'POST' && !(req.method === 'GET' && token !== null)) {
      res.setHeader('allow', 'POST');
      return fail(new DomainError('METHOD_NOT_ALLOWED', 'Graph calls this endpoint with POST only.'));
    }
    if (token !== null) {
      req.resume();
      if (token.length > MAX_VALIDATION_TOKEN) return fail(DomainError.invalidField('validationToken', 'too_long', `validationToken is longer than ${MAX_VALIDATION_TOKEN} characters`));
      // Exactly text/plain, as Graph asks: a stricter sender compares the whole header.
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(token) });
      res.end(token);
      return;
    }
    let body: unknown;
    try {
      // A byte order mark is not JSON, but some senders put one first.
      body = JSON.parse((await readBody(req, config.mailNotifications.maxBodyBytes)).replace(/^\uFEFF/, ''));
    } catch (error) {
      if (!(error instanceof DomainError)) return fail(new DomainError('MALFORMED_JSON', 'The body is not valid JSON.'));
      // A sender too slow to finish its body does not keep the connection either.
      if (error.code === 'REQUEST_TIMEOUT') res.setHeader('connection', 'close');
      return fail(error);
    }
    const items = notificationItems(body);
    if (!items) return fail(DomainError.invalidField('value', 'not_a_notification', 'The body is not a Graph notification: {"value": [...]} expected.'));
    try {
      // Routed by what each item is: a lifecycle event may arrive at the notification URL too.
      const lifecycle = items.filter(isLifecycleItem);
      if (lifecycle.length < items.length) await intake.acceptChanges(lifecycle.length ? items.filter((i) => !isLifecycleItem(i)) : items);
      if (lifecycle.length) await intake.acceptLifecycle(lifecycle);
    } catch (error) {
      logger.error({ err: error, requestId }, 'Graph notifications could not be stored; Graph will retry');
      return fail(new DomainError('SERVICE_UNAVAILABLE', 'The notifications could not be stored; try again.', { retryAfterSeconds: 5 }));
    }
    res.writeHead(202, { 'content-length': 0 });
    res.end();
  }
}

/**
 * The body as text, refused (413) past `limit` bytes, whether it says so in Content-Length or only streams that much,
 * and (408) when it has not all arrived within BODY_TIMEOUT_MS (a slow sender holds no handler for minutes).
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new DomainError('PAYLOAD_TOO_LARGE', `Notification bodies are limited to ${Math.floor(limit / 1024)} KB.`);
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const refuse = (error: unknown) => {
      refused = true;
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => {
      if (refused) return;
      refuse(new DomainError('REQUEST_TIMEOUT', `The notification body did not arrive within ${BODY_TIMEOUT_MS / 1000} seconds.`));
    }, BODY_TIMEOUT_MS);
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) return refuse(tooLarge());
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (error) => !refused && refuse(error));
    req.on('close', () => !refused && clearTimeout(timer));
  });
}
