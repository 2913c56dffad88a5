import type { EmulatorContext } from '../context';
import { graphErrorBody } from '../errors';
import { Req, sendJson, str } from '../http';
import { GRAPH_RESOURCE } from '../scopes';
import type { AccessRecord } from '../state';
import { guid } from '../util';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const PROFILE_SCOPES = ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All'];
export const MAIL_SCOPES = ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite', 'Mail.ReadBasic.Shared', 'Mail.Read.Shared', 'Mail.ReadWrite.Shared'];
export const ME_INSUFFICIENT = { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };
export const MAIL_INSUFFICIENT = { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' };
export const MAIL_SEND_SCOPES = ['Mail.Send', 'Mail.Send.Shared'];
export const MAIL_WRITE_SCOPES = ['Mail.ReadWrite', 'Mail.ReadWrite.Shared'];

export interface GraphHttp {
  /** Graph's `request-id` / `client-request-id` headers for an answer that is not JSON (a streamed `$value`). */
  idHeaders(req: Req): Record<string, string>;
  /** A JSON answer with Graph's `request-id` / `client-request-id` headers. */
  send(req: Req, status: number, body: unknown, extra?: Record<string, string>): void;
  /** Graph's error envelope `{error: {code, message, innerError}}`, counted. */
  error(req: Req, status: number, code: string, message: string, extra?: Record<string, string>): void;
  /**
   * Fault injection, the bearer-token check, then the mailbox's concurrency limit (429 ApplicationThrottled past it)
   * and the artificial latency. The token, or undefined when an answer was already sent.
   */
  guard(req: Req, scopes: string[], insufficient: { code: string; message: string }): Promise<AccessRecord | undefined>;
  /** The concurrency limit and latency alone (calls authorised otherwise, such as upload URLs); false when refused. */
  admit(req: Req, userKey: string, clientId: string): Promise<boolean>;
}

/** The request/answer plumbing every Graph route shares. */
export function graphHttp(ctx: EmulatorContext): GraphHttp {
  const ids = (req: Req) => {
    const requestId = guid();
    return { requestId, clientRequestId: str(req.headers['client-request-id']) ?? requestId };
  };
  const send: GraphHttp['send'] = (req, status, body, extra = {}) => {
    const { requestId, clientRequestId } = ids(req);
    sendJson(req.res, status, body, { 'request-id': requestId, 'client-request-id': clientRequestId, 'Cache-Control': 'no-cache', ...extra });
  };
  const error: GraphHttp['error'] = (req, status, code, message, extra = {}) => {
    const { requestId, clientRequestId } = ids(req);
    ctx.state.countGraph(req.path, `${status}`);
    sendJson(req.res, status, graphErrorBody(code, message, ctx.state.nowDate(), requestId, clientRequestId), {
      'request-id': requestId,
      'client-request-id': clientRequestId,
      ...extra,
    });
  };

  const guard: GraphHttp['guard'] = async (req, scopes, insufficient) => {
    const st = ctx.state;
    const fault = st.takeFault('graph', undefined, undefined, { method: req.method, path: req.path });
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
        case 'throttle': {
          const message = fault.code === 'ApplicationThrottled' ? 'Application is over its MailboxConcurrency limit.' : 'Too many requests. Please retry later.';
          error(req, 429, fault.code ?? 'TooManyRequests', message, fault.retryAfter !== null ? { 'Retry-After': fault.retryAfter } : {});
          return undefined;
        }
        case 'unavailable':
          error(req, 503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry later.', fault.retryAfter !== null ? { 'Retry-After': fault.retryAfter } : {});
          return undefined;
        case 'server_error':
          error(req, 500, 'generalException', 'An unspecified error has occurred.');
          return undefined;
        case 'gateway_timeout':
          error(req, 504, 'GatewayTimeout', 'The gateway did not receive a timely response.', fault.retryAfter !== null ? { 'Retry-After': fault.retryAfter } : {});
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
    return (await admit(req, token.userKey, token.clientId)) ? token : undefined;
  };

  /** Outlook's concurrency limit per mailbox per app: the call holds its place until its answer is sent. */
  const admit: GraphHttp['admit'] = async (req, userKey, clientId) => {
    const limits = ctx.state.mailboxConcurrency;
    const release = limits.enter(userKey, clientId);
    if (!release) {
      error(req, 429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'Retry-After': '1' });
      return false;
    }
    req.res.once('close', release);
    if (limits.limits.latencyMs > 0) await sleep(limits.limits.latencyMs);
    return true;
  };

  const idHeaders: GraphHttp['idHeaders'] = (req) => {
    const { requestId, clientRequestId } = ids(req);
    return { 'request-id': requestId, 'client-request-id': clientRequestId, 'Cache-Control': 'no-cache' };
  };

  return { idHeaders, send, error, guard, admit };
}

/** `$select=a,b`: only those fields (case-insensitive), and always the id. */
export function select(obj: Record<string, unknown>, selectParam: string | null): Record<string, unknown> {
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
