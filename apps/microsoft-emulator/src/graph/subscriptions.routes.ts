import type { EmulatorContext } from '../context';
import { Req, Router, str } from '../http';
import type { AccessRecord } from '../state';
import { EmulatorSubscription, GraphRefusal } from '../subscriptions';
import { guid } from '../util';
import { GraphHttp, MAIL_INSUFFICIENT } from './graph-http';

/** Subscribing to messages needs a delegated mail read permission (the shared-mailbox ones do not cover `me`). */
const SUBSCRIPTION_SCOPES = ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'];

/** Graph's view of a subscription. */
function subscriptionView(sub: EmulatorSubscription): Record<string, unknown> {
  return {
    id: sub.id,
    resource: sub.resource,
    applicationId: sub.applicationId,
    changeType: sub.changeType,
    clientState: sub.clientState,
    notificationUrl: sub.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: sub.lifecycleNotificationUrl,
    expirationDateTime: sub.expirationDateTime,
    creatorId: sub.creatorId,
    includeResourceData: false,
    latestSupportedTlsVersion: 'v1_2',
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
    notificationContentType: 'application/json',
  };
}

/** Change-notification subscriptions: create (with the validation handshake), list, get, renew, delete, reauthorize. */
export function registerSubscriptionRoutes(router: Router, ctx: EmulatorContext, http: GraphHttp): void {
  const subs = ctx.state.subscriptions;
  const metadata = () => `${ctx.publicUrl()}/v1.0/$metadata#subscriptions`;

  /** Guard, then the handler; a GraphRefusal becomes Graph's error envelope. */
  const on = (method: string, path: string, fn: (req: Req, token: AccessRecord) => Promise<void> | void) =>
    router.on(method, path, async (req) => {
      const token = await http.guard(req, SUBSCRIPTION_SCOPES, MAIL_INSUFFICIENT);
      if (!token) return;
      try {
        await fn(req, token);
      } catch (error) {
        if (!(error instanceof GraphRefusal)) throw error;
        http.error(req, error.status, error.code, error.message);
      }
    });
  const ok = (req: Req, status: number, body?: unknown) => {
    ctx.state.countGraph(req.path, `${status}`);
    if (body === undefined) {
      const requestId = guid();
      req.res.writeHead(status, { 'request-id': requestId, 'client-request-id': str(req.headers['client-request-id']) ?? requestId, 'Cache-Control': 'no-cache' });
      req.res.end();
      return;
    }
    http.send(req, status, body);
  };

  on('POST', '/v1.0/subscriptions', async (req, token) => {
    if (!req.contentType.includes('application/json')) throw new GraphRefusal(400, 'BadRequest', 'The request body must be JSON (Content-Type: application/json).');
    const sub = await subs.create(req.body, token.clientId, token.userKey);
    ok(req, 201, { '@odata.context': `${metadata()}/$entity`, ...subscriptionView(sub) });
  });

  on('GET', '/v1.0/subscriptions', (req, token) => {
    const value = subs
      .all()
      .filter((s) => subs.isLive(s) && s.applicationId.toLowerCase() === token.clientId.toLowerCase() && s.userKey === token.userKey)
      .map(subscriptionView);
    ok(req, 200, { '@odata.context': metadata(), value });
  });

  on('GET', '/v1.0/subscriptions/:id', (req, token) => {
    ok(req, 200, { '@odata.context': `${metadata()}/$entity`, ...subscriptionView(subs.find(req.params.id, token.clientId, token.userKey)) });
  });

  on('PATCH', '/v1.0/subscriptions/:id', (req, token) => {
    const sub = subs.renew(subs.find(req.params.id, token.clientId, token.userKey), req.body);
    ok(req, 200, { '@odata.context': `${metadata()}/$entity`, ...subscriptionView(sub) });
  });

  on('DELETE', '/v1.0/subscriptions/:id', (req, token) => {
    subs.remove(subs.find(req.params.id, token.clientId, token.userKey));
    ok(req, 204);
  });

  on('POST', '/v1.0/subscriptions/:id/reauthorize', (req, token) => {
    subs.find(req.params.id, token.clientId, token.userKey).needsReauth = false;
    ok(req, 204);
  });
}
