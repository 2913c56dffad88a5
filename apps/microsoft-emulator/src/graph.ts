import type { EmulatorContext } from './context';
import { graphErrorBody } from './errors';
import { Req, Router, sendJson, str } from './http';
import { GRAPH_RESOURCE } from './scopes';
import type { AccessRecord } from './state';
import { EMULATOR_USERS, EmulatorUser } from './users';
import { guid } from './util';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PROFILE_SCOPES = ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All'];
const MAIL_SCOPES = ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite', 'Mail.ReadBasic.Shared', 'Mail.Read.Shared', 'Mail.ReadWrite.Shared'];

/** A few fixed messages per mailbox. */
function messagesFor(user: EmulatorUser): Record<string, unknown>[] {
  const to = { emailAddress: { name: user.displayName, address: user.mail ?? user.email } };
  const base = Date.UTC(2025, 0, 15, 9, 0, 0);
  return [
    ['Welcome to the emulated mailbox', 'Graph Team', 'graph@contoso.example', 'This mailbox is served by the Latchkey Microsoft emulator.'],
    ['Quarterly report', 'Adele Vance', 'adele.vance@contoso.example', 'Please find the quarterly numbers attached.'],
    ['Lunch on Friday?', 'Lee Gu', 'lee.gu@fabrikam.example', 'Are you free for lunch on Friday at noon?'],
  ].map(([subject, name, address, preview], i) => ({
    id: `AAMkAG${Buffer.from(`${user.id}:${i}`).toString('base64url')}`,
    createdDateTime: new Date(base - i * 3600_000).toISOString().replace('.000', ''),
    receivedDateTime: new Date(base - i * 3600_000).toISOString().replace('.000', ''),
    subject,
    bodyPreview: preview,
    importance: 'normal',
    isRead: i > 0,
    hasAttachments: i === 1,
    from: { emailAddress: { name, address } },
    toRecipients: [to],
  }));
}

function select(obj: Record<string, unknown>, selectParam: string | null): Record<string, unknown> {
  if (!selectParam) return obj;
  const fields = selectParam.split(',').map((f) => f.trim()).filter(Boolean);
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const key = Object.keys(obj).find((k) => k.toLowerCase() === f.toLowerCase());
    if (key) out[key] = obj[key];
  }
  if ('id' in obj && !('id' in out)) out.id = obj.id;
  return out;
}

export function registerGraphRoutes(router: Router, ctx: EmulatorContext): void {
  const send = (req: Req, status: number, body: unknown, extra: Record<string, string> = {}) => {
    const requestId = guid();
    const clientRequestId = str(req.headers['client-request-id']) ?? requestId;
    sendJson(req.res, status, body, { 'request-id': requestId, 'client-request-id': clientRequestId, 'Cache-Control': 'no-cache', ...extra });
  };
  const error = (req: Req, status: number, code: string, message: string, extra: Record<string, string> = {}) => {
    const requestId = guid();
    const clientRequestId = str(req.headers['client-request-id']) ?? requestId;
    ctx.state.countGraph(req.path, `${status}`);
    sendJson(req.res, status, graphErrorBody(code, message, ctx.state.nowDate(), requestId, clientRequestId), {
      'request-id': requestId,
      'client-request-id': clientRequestId,
      ...extra,
    });
  };

  /** Fault injection, then bearer-token check. Returns the token, or undefined when an answer was already sent. */
  const guard = async (req: Req, scopes: string[], insufficient: { code: string; message: string }): Promise<AccessRecord | undefined> => {
    const st = ctx.state;
    const fault = st.takeFault('graph');
    if (fault) {
      switch (fault.kind) {
        case 'delay':
          await sleep(fault.delayMs);
          break;
        case 'drop':
          st.countGraph(req.path, 'fault_drop');
          req.raw.socket.destroy();
          return undefined;
        case 'malformed':
          st.countGraph(req.path, 'fault_malformed');
          req.res.writeHead(200, { 'Content-Type': 'application/json' });
          req.res.end('{"@odata.context":"');
          return undefined;
        case 'throttle':
          error(req, 429, 'TooManyRequests', 'Too many requests. Please retry later.', fault.retryAfter !== null ? { 'Retry-After': fault.retryAfter } : {});
          return undefined;
        case 'unavailable':
          error(req, 503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry later.', fault.retryAfter !== null ? { 'Retry-After': fault.retryAfter } : {});
          return undefined;
        case 'server_error':
          error(req, 500, 'generalException', 'An unspecified error has occurred.');
          return undefined;
      }
    }
    const wwwAuth = {
      'WWW-Authenticate': `Bearer realm="", authorization_uri="${ctx.publicUrl()}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
    };
    const m = /^Bearer\s+(\S+)\s*$/i.exec(str(req.headers.authorization) ?? '');
    if (!m) {
      error(req, 401, 'InvalidAuthenticationToken', 'Access token is empty.', wwwAuth);
      return undefined;
    }
    const token = st.accessTokens.get(m[1]);
    if (!token) {
      error(req, 401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format.', wwwAuth);
      return undefined;
    }
    if (token.resource !== GRAPH_RESOURCE) {
      error(req, 401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.', wwwAuth);
      return undefined;
    }
    if (st.now() >= token.expiresAt) {
      error(req, 401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.', wwwAuth);
      return undefined;
    }
    if (!scopes.some((s) => token.scopes.includes(s))) {
      error(req, 403, insufficient.code, insufficient.message);
      return undefined;
    }
    return token;
  };

  const meInsufficient = { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };
  const mailInsufficient = { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' };

  router.on('GET', '/v1.0/me', async (req) => {
    const token = await guard(req, PROFILE_SCOPES, meInsufficient);
    if (!token) return;
    const u = EMULATOR_USERS[token.userKey];
    const me = {
      '@odata.context': `${ctx.publicUrl()}/v1.0/$metadata#users/$entity`,
      businessPhones: [],
      displayName: u.displayName,
      givenName: u.givenName,
      jobTitle: u.accountType === 'work' ? 'Product Manager' : null,
      mail: u.mail,
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: u.accountType === 'personal' ? null : 'en-US',
      surname: u.surname,
      userPrincipalName: u.upn,
      id: u.id,
    };
    ctx.state.countGraph(req.path, '200');
    send(req, 200, select(me, req.url.searchParams.get('$select')));
  });

  router.on('GET', '/v1.0/me/messages', async (req) => {
    const token = await guard(req, MAIL_SCOPES, mailInsufficient);
    if (!token) return;
    const u = EMULATOR_USERS[token.userKey];
    const topParam = req.url.searchParams.get('$top');
    const top = topParam && /^\d+$/.test(topParam) ? Math.min(1000, Number(topParam)) : 10;
    const sel = req.url.searchParams.get('$select');
    const value = messagesFor(u).slice(0, top).map((msg) => ({ '@odata.etag': `W/"${msg.id}"`, ...select(msg, sel) }));
    ctx.state.countGraph(req.path, '200');
    send(req, 200, { '@odata.context': `${ctx.publicUrl()}/v1.0/$metadata#users('${u.id}')/messages`, value });
  });

  router.on('GET', '/v1.0/me/messages/:id', async (req) => {
    const token = await guard(req, MAIL_SCOPES, mailInsufficient);
    if (!token) return;
    const msg = messagesFor(EMULATOR_USERS[token.userKey]).find((m) => m.id === req.params.id);
    if (!msg) return error(req, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    ctx.state.countGraph(req.path, '200');
    send(req, 200, select(msg, req.url.searchParams.get('$select')));
  });

  router.on('GET', '/oidc/userinfo', async (req) => {
    const token = await guard(req, [...PROFILE_SCOPES, 'openid', 'profile', 'email'], meInsufficient);
    if (!token) return;
    const u = EMULATOR_USERS[token.userKey];
    ctx.state.countGraph(req.path, '200');
    send(req, 200, { sub: u.oid, name: u.displayName, family_name: u.surname, given_name: u.givenName, email: u.email });
  });
}
