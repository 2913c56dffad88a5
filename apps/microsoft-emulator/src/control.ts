import type { EmulatorContext } from './context';
import { Req, Router, sendJson, str } from './http';
import type { EmulatorAppRegistration, FaultSpec, Lifetimes } from './state';
import { EMULATOR_TENANTS, EMULATOR_USERS, EmulatorUserKey, findUser } from './users';

class ControlError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function appView(app: EmulatorAppRegistration) {
  const { clientSecret, ...rest } = app;
  return { ...rest, hasSecret: clientSecret !== undefined };
}

function userKey(ref: unknown): EmulatorUserKey {
  const user = findUser(typeof ref === 'string' ? ref : undefined);
  if (!user) throw new ControlError(`unknown user ${String(ref)} (use work, personal, guest, an oid or a UPN)`);
  return user.key;
}

function num(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new ControlError(`${name} must be a number`);
  return n;
}

export function applyLifetimes(current: Lifetimes, body: Record<string, unknown>): Lifetimes {
  const next: Lifetimes = { ...current, accessToken: { ...current.accessToken } };
  const at = body.accessToken as { min?: unknown; max?: unknown } | undefined;
  if (at && typeof at === 'object') {
    next.accessToken.min = num(at.min, 'accessToken.min') ?? next.accessToken.min;
    next.accessToken.max = num(at.max, 'accessToken.max') ?? next.accessToken.max;
  }
  next.codeSeconds = num(body.codeSeconds, 'codeSeconds') ?? next.codeSeconds;
  next.refreshTokenSeconds = num(body.refreshTokenSeconds, 'refreshTokenSeconds') ?? next.refreshTokenSeconds;
  next.idTokenSeconds = num(body.idTokenSeconds, 'idTokenSeconds') ?? next.idTokenSeconds;
  if (next.accessToken.min < 1 || next.accessToken.max < next.accessToken.min) throw new ControlError('accessToken needs 1 <= min <= max');
  return next;
}

/** Clock body: {offsetMs} / {offsetSeconds} sets the offset, {advanceMs} / {advanceSeconds} adds to it. */
function clockFromBody(currentOffsetMs: number, body: Record<string, unknown>): number {
  const offsetMs = num(body.offsetMs, 'offsetMs') ?? (num(body.offsetSeconds, 'offsetSeconds') ?? NaN) * 1000;
  const advanceMs = num(body.advanceMs, 'advanceMs') ?? (num(body.advanceSeconds, 'advanceSeconds') ?? NaN) * 1000;
  if (Number.isFinite(offsetMs)) return offsetMs;
  if (Number.isFinite(advanceMs)) return currentOffsetMs + advanceMs;
  throw new ControlError('send offsetMs, offsetSeconds, advanceMs or advanceSeconds');
}

export function registerControlRoutes(router: Router, ctx: EmulatorContext, info: () => Record<string, unknown>): void {
  const st = ctx.state;
  const route = (method: string, path: string, fn: (req: Req) => unknown) =>
    router.on(method, `/_emulator${path}`, async (req) => {
      try {
        const result = await fn(req);
        sendJson(req.res, 200, result ?? { ok: true }, { 'Cache-Control': 'no-store' });
      } catch (error) {
        const status = error instanceof ControlError ? error.status : 400;
        sendJson(req.res, status, { error: (error as Error).message });
      }
    });

  route('GET', '', () => info());
  route('GET', '/users', () => ({ users: Object.values(EMULATOR_USERS), tenants: EMULATOR_TENANTS }));

  route('GET', '/apps', () => ({ apps: [...st.apps.values()].map(appView) }));
  route('POST', '/apps', (req) => appView(st.registerApp(req.body as unknown as EmulatorAppRegistration)));
  route('DELETE', '/apps/:clientId', (req) => {
    if (!st.apps.delete(req.params.clientId.toLowerCase())) throw new ControlError('unknown app', 404);
    return { ok: true };
  });
  route('POST', '/apps/:clientId/expire-secret', (req) => {
    if (!st.getApp(req.params.clientId)) throw new ControlError('unknown app', 404);
    st.expireSecret(req.params.clientId);
    return appView(st.getApp(req.params.clientId)!);
  });

  route('POST', '/grants/revoke', (req) => ({
    revokedRefreshTokens: st.revokeUserGrant(userKey(req.body.user), str(req.body.clientId)),
  }));
  route('POST', '/users/:user/revoke-sessions', (req) => ({
    revokedRefreshTokens: st.revokeUserSessions(userKey(req.params.user), num(req.body.code, 'code') ?? 50173, str(req.body.clientId)),
  }));
  // Every refresh grant of this user fails with the given error until DELETEd (per-user, per-tenant failures).
  route('POST', '/users/:user/refresh-error', (req) => {
    const error = str(req.body.error);
    const code = num(req.body.code, 'code');
    if (!error || code === undefined) throw new ControlError('error and code are required');
    const spec = { error, code, status: num(req.body.status, 'status'), message: str(req.body.message) };
    st.refreshErrors.set(userKey(req.params.user), spec);
    return spec;
  });
  route('DELETE', '/users/:user/refresh-error', (req) => ({ cleared: st.refreshErrors.delete(userKey(req.params.user)) }));
  route('POST', '/refresh-tokens/revoke', (req) => {
    const token = str(req.body.refresh_token) ?? str(req.body.refreshToken);
    if (!token) throw new ControlError('refresh_token is required');
    if (!st.revokeRefreshToken(token, num(req.body.code, 'code') ?? 50173)) throw new ControlError('unknown refresh token', 404);
    return { ok: true };
  });

  route('POST', '/refresh-tokens/clone', (req) => {
    const token = str(req.body.refresh_token) ?? str(req.body.refreshToken);
    if (!token) throw new ControlError('refresh_token is required');
    if (!st.refreshTokens.has(token)) throw new ControlError('unknown refresh token', 404);
    const count = num(req.body.count, 'count') ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new ControlError('count must be a whole number from 1 to 1000000');
    return { refreshTokens: st.cloneRefreshToken(token, count) };
  });

  route('GET', '/faults', () => ({ faults: st.faults }));
  route('POST', '/faults', (req) => {
    const body = req.body as { faults?: FaultSpec[] } & Partial<FaultSpec>;
    const specs = Array.isArray(body.faults) ? body.faults : [body as FaultSpec];
    return { added: st.injectFaults(specs), faults: st.faults };
  });
  route('DELETE', '/faults', () => {
    st.faults = [];
    return { faults: [] };
  });

  route('GET', '/clock', () => ({ offsetMs: st.clockOffsetMs, now: st.nowDate().toISOString() }));
  route('POST', '/clock', (req) => {
    st.clockOffsetMs = clockFromBody(st.clockOffsetMs, req.body);
    return { offsetMs: st.clockOffsetMs, now: st.nowDate().toISOString() };
  });

  route('GET', '/lifetimes', () => st.lifetimes);
  route('POST', '/lifetimes', (req) => (st.lifetimes = applyLifetimes(st.lifetimes, req.body)));

  route('GET', '/counters', () => st.counters);
  route('DELETE', '/counters', () => {
    st.resetCounters();
    return st.counters;
  });
  route('GET', '/token-requests', () => ({ requests: st.tokenLog }));

  route('POST', '/reset', (req) => {
    st.reset({ apps: req.body.apps === true });
    return { ok: true };
  });

  route('POST', '/users/:user/messages/:id/attachments', (req) => {
    const name = str(req.body.name);
    const size = num(req.body.size, 'size');
    if (!name || size === undefined) throw new ControlError('name and size are required');
    const attachment = attachOrThrow(() => st.mailboxes.attach(userKey(req.params.user), req.params.id, { name, size, contentType: str(req.body.contentType) }));
    return { id: attachment.id, name: attachment.name, size: attachment.size, sha256: attachment.sha256 };
  });
  route('GET', '/graph-limits', () => st.mailboxConcurrency.limits);
  route('POST', '/graph-limits', (req) =>
    attachOrThrow(() => st.mailboxConcurrency.setLimits({ concurrency: num(req.body.concurrency, 'concurrency'), latencyMs: num(req.body.latencyMs, 'latencyMs') })),
  );
  route('GET', '/users/:user/mailbox-load', (req) => st.mailboxConcurrency.load(userKey(req.params.user), req.url.searchParams.get('clientId') ?? undefined));
  route('POST', '/users/:user/expire-access-tokens', (req) => ({ expired: st.expireAccessTokens(userKey(req.params.user)) }));
}

/** A store call whose refusal (an Error, or undefined for "no such message") becomes a 400/404 control answer. */
function attachOrThrow<T>(fn: () => T | undefined): T {
  let out: T | undefined;
  try {
    out = fn();
  } catch (error) {
    throw new ControlError((error as Error).message);
  }
  if (out === undefined) throw new ControlError('no such message in that mailbox', 404);
  return out;
}
