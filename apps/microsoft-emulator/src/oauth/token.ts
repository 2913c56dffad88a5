import type { EmulatorContext } from '../context';
import { aad, aadErrorBody, ErrorContext, missingParameter } from '../errors';
import { Req, sendJson, str } from '../http';
import type { ActiveFault, EmulatorAppRegistration } from '../state';
import { guid } from '../util';
import { redeemCode } from './code-grant';
import { redeemRefreshToken } from './refresh-grant';
import { appNotFound, fail, tenantNotFound, TokenError } from './shared';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface BasicCredentials {
  id: string;
  secret: string;
}

function parseBasic(header: string | undefined): BasicCredentials | undefined {
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: dec(decoded.slice(0, colon)), secret: dec(decoded.slice(colon + 1)) };
}

const NO_STORE = { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' };

/** Counts and logs one token answer (status 0: the connection was dropped). */
type Finish = (status: number, outcome: string, code?: number) => void;

/** POST /{tenant}/oauth2/v2.0/token: the authorization_code and refresh_token grants, and injected faults. */
export async function token(ctx: EmulatorContext, req: Req): Promise<void> {
  const st = ctx.state;
  const form: Record<string, string> = {};
  if (req.contentType.includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of Object.entries(req.body)) if (typeof v === 'string') form[k] = v;
  }
  const basic = parseBasic(str(req.headers.authorization));
  const clientId = basic?.id ?? form.client_id;
  const grantType = form.grant_type;
  const correlationId = str(req.headers['client-request-id']);
  const headers: Record<string, string> = { ...NO_STORE, 'x-ms-request-id': guid() };
  if (correlationId) headers['client-request-id'] = correlationId;
  const logParams = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, k === 'client_secret' ? '***' : v]));
  const finish: Finish = (status, outcome, code) => {
    st.countToken(clientId, grantType, outcome, code);
    st.logToken({
      at: st.nowDate().toISOString(),
      tenant: req.params.tenant,
      clientId,
      grantType,
      auth: basic ? 'basic' : form.client_secret ? 'body' : 'none',
      params: logParams,
      status,
      outcome,
    });
  };

  const fault = st.takeFault('token', clientId, grantType);
  if (fault && (await answerFault(req, fault, finish, headers, { now: st.nowDate(), publicUrl: ctx.publicUrl(), correlationId }))) return;

  try {
    const body = await handleToken(ctx, req, form, basic);
    finish(200, 'success');
    sendJson(req.res, 200, body, headers);
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    const err = error.aad;
    const status = err.status ?? 400;
    finish(status, err.error, err.code);
    sendJson(req.res, status, aadErrorBody(err, { now: st.nowDate(), publicUrl: ctx.publicUrl(), correlationId }), headers);
  }
}

/** Plays an injected fault; false when the request goes on afterwards (a delay). */
async function answerFault(req: Req, fault: ActiveFault, finish: Finish, headers: Record<string, string>, errCtx: ErrorContext): Promise<boolean> {
  switch (fault.kind) {
    case 'delay':
      await sleep(fault.delayMs);
      return false;
    case 'drop':
      finish(0, 'fault_drop');
      req.raw.socket.destroy();
      return true;
    case 'malformed': {
      finish(200, 'fault_malformed');
      const text = '{"token_type":"Bearer","scope":"User.Read","expires_in":36';
      req.res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
      req.res.end(text);
      return true;
    }
    case 'throttle': {
      finish(429, 'fault_throttle', 90055);
      const h = { ...headers, ...(fault.retryAfter !== null ? { 'Retry-After': fault.retryAfter } : {}) };
      sendJson(req.res, 429, aadErrorBody(aad('temporarily_unavailable', 90055, 'TenantThrottlingError - There are too many incoming requests. This exception is thrown for blocked tenants.'), errCtx), h);
      return true;
    }
    case 'unavailable':
    case 'gateway_timeout': {
      const status = fault.kind === 'unavailable' ? 503 : 504;
      finish(status, `fault_${fault.kind}`, 90033);
      const h = { ...headers, ...(fault.retryAfter !== null ? { 'Retry-After': fault.retryAfter } : {}) };
      sendJson(req.res, status, aadErrorBody(aad('temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.'), errCtx), h);
      return true;
    }
    case 'server_error':
      finish(500, 'fault_server_error', 50000);
      sendJson(req.res, 500, aadErrorBody(aad('server_error', 50000, 'There was an error issuing a token or an issue with our sign-in service.'), errCtx), headers);
      return true;
  }
}

async function handleToken(
  ctx: EmulatorContext,
  req: Req,
  form: Record<string, string>,
  basic: BasicCredentials | undefined,
): Promise<Record<string, unknown>> {
  const st = ctx.state;
  const grantType = form.grant_type;
  if (!grantType) fail(missingParameter('grant_type'));
  const tenant = st.resolveTenant(req.params.tenant) ?? fail(aad('invalid_request', 90002, tenantNotFound(req.params.tenant)));
  const clientId = basic?.id ?? form.client_id;
  if (!clientId) fail(missingParameter('client_id'));
  if (basic && form.client_id && form.client_id.toLowerCase() !== basic.id.toLowerCase()) {
    fail(aad('invalid_request', 900144, "The client_id in the request body does not match the client id in the Authorization header."));
  }
  const app = st.getApp(clientId) ?? fail(aad('unauthorized_client', 700016, appNotFound(clientId, req.params.tenant)));
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    fail(aad('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`));
  }
  authenticateClient(app, basic?.secret ?? form.client_secret, form.client_assertion, st.now());
  return grantType === 'authorization_code' ? redeemCode(ctx, tenant, app, form) : redeemRefreshToken(ctx, tenant, app, form);
}

/** A public client presents no credential; a confidential one its current secret. */
function authenticateClient(app: EmulatorAppRegistration, secret: string | undefined, assertion: string | undefined, now: number): void {
  if (app.clientType === 'public') {
    if (secret !== undefined || assertion !== undefined) {
      fail(aad('invalid_client', 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."));
    }
    return;
  }
  if (secret === undefined) fail(aad('invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."));
  if (secret !== app.clientSecret) {
    fail(aad('invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`));
  }
  if (app.secretExpiresAt && Date.parse(app.secretExpiresAt) <= now) {
    fail(aad('invalid_client', 7000222, `The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`));
  }
}
