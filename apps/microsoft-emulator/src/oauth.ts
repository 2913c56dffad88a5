import { SignJWT } from 'jose';
import type { EmulatorContext } from './context';
import { aad, AadError, aadErrorBody, missingParameter } from './errors';
import { consentPage, errorPage, formPostPage } from './html';
import { redirect, Req, Router, sendHtml, sendJson, str } from './http';
import { getSigningKey } from './keys';
import { matchRedirectUri, normalizeRedirectUri } from './redirect-uri';
import { displayScope, GRAPH_RESOURCE, mixesDefault, oidcResponseScopes, parseScopes, ScopeSet } from './scopes';
import type { EmulatorAppRegistration, PendingAuthorization, ResolvedTenant } from './state';
import { EMULATOR_USERS, EmulatorUser, findUser } from './users';
import { aadTimestamp, guid, randomToken, sha256Base64Url } from './util';

class TokenError extends Error {
  constructor(readonly aad: AadError) {
    super(aad.message);
  }
}
const fail = (err: AadError): never => {
  throw new TokenError(err);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function registerOAuthRoutes(router: Router, ctx: EmulatorContext): void {
  router.on(['GET', 'POST'], '/:tenant/oauth2/v2.0/authorize', (req) => authorize(ctx, req));
  router.on('POST', '/:tenant/oauth2/v2.0/consent', (req) => consent(ctx, req));
  router.on('POST', '/:tenant/oauth2/v2.0/token', (req) => token(ctx, req));
  router.on('GET', '/:tenant/oauth2/v2.0/logout', (req) => logout(req));
}

// ---------------------------------------------------------------------------------------------------------------
// Authorize

function authorizeParams(req: Req): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of req.url.searchParams) if (!(k in out)) out[k] = v;
  if (req.method === 'POST') for (const [k, v] of Object.entries(req.body)) if (typeof v === 'string' && !(k in out)) out[k] = v;
  return out;
}

function showError(ctx: EmulatorContext, req: Req, clientId: string | undefined, code: number, message: string, outcome: string): void {
  ctx.state.countAuthorize(clientId, outcome);
  sendHtml(
    req.res,
    400,
    errorPage(code, message, {
      'Request Id': guid(),
      'Correlation Id': str(req.headers['client-request-id']) ?? guid(),
      Timestamp: ctx.state.nowDate().toISOString(),
      'App id': clientId ?? '',
    }),
  );
}

type ResponseMode = 'query' | 'fragment' | 'form_post';

function respondToClient(req: Req, mode: ResponseMode, redirectUri: string, fields: Record<string, string>): void {
  if (mode === 'form_post') {
    sendHtml(req.res, 200, formPostPage(redirectUri, fields));
    return;
  }
  const url = new URL(redirectUri);
  if (mode === 'fragment') url.hash = new URLSearchParams(fields).toString();
  else for (const [k, v] of Object.entries(fields)) url.searchParams.append(k, v);
  redirect(req.res, url.toString());
}

function errorFields(ctx: EmulatorContext, err: AadError, state: string | undefined): Record<string, string> {
  const body = aadErrorBody(err, { now: ctx.state.nowDate(), publicUrl: ctx.publicUrl() });
  const fields: Record<string, string> = { error: err.error, error_description: String(body.error_description) };
  if (err.suberror) fields.suberror = err.suberror;
  if (state !== undefined) fields.state = state;
  return fields;
}

function tenantNotFound(segment: string): string {
  return `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`;
}

const appNotFound = (clientId: string, tenant: string) =>
  `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`;

const redirectMismatch = (uri: string, clientId: string) =>
  `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`;

function expandResourceScopes(app: EmulatorAppRegistration, resource: string, names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const expanded = name === '.default' ? (resource === GRAPH_RESOURCE ? (app.defaultScopes ?? ['User.Read']) : []) : [name];
    for (const n of expanded) if (!out.includes(n)) out.push(n);
  }
  return out;
}

/** The resource a scope set targets (Graph when only OIDC scopes were named) and its permission names. */
function resourceOf(app: EmulatorAppRegistration, set: ScopeSet): { resource: string; names: string[] } {
  const resource = set.resources[0] ?? GRAPH_RESOURCE;
  const names = set.resources.length ? expandResourceScopes(app, resource, set.byResource.get(resource) ?? []) : ['User.Read'];
  return { resource, names };
}

async function authorize(ctx: EmulatorContext, req: Req): Promise<void> {
  const st = ctx.state;
  const p = authorizeParams(req);
  const tenant = st.resolveTenant(req.params.tenant);
  if (!tenant) return showError(ctx, req, p.client_id, 90002, tenantNotFound(req.params.tenant), 'error_page_90002');
  if (!p.client_id) return showError(ctx, req, undefined, 900144, "The request body must contain the following parameter: 'client_id'.", 'error_page_900144');
  const app = st.getApp(p.client_id);
  if (!app) return showError(ctx, req, p.client_id, 700016, appNotFound(p.client_id, req.params.tenant), 'error_page_700016');
  if (!p.redirect_uri) return showError(ctx, req, p.client_id, 900144, "The request body must contain the following parameter: 'redirect_uri'.", 'error_page_900144');
  if (!matchRedirectUri(app.redirectUris, p.redirect_uri)) {
    return showError(ctx, req, p.client_id, 50011, redirectMismatch(p.redirect_uri, app.clientId), 'error_page_50011');
  }
  const redirectUri = normalizeRedirectUri(p.redirect_uri);
  const state = p.state;
  const modeParam = p.response_mode ?? 'query';
  const mode: ResponseMode = modeParam === 'fragment' || modeParam === 'form_post' ? modeParam : 'query';
  const reject = (err: AadError) => {
    st.countAuthorize(app.clientId, err.error);
    respondToClient(req, mode, redirectUri, errorFields(ctx, err, state));
  };

  if (!['query', 'fragment', 'form_post'].includes(modeParam)) {
    return reject(aad('invalid_request', 900144, `The response_mode '${modeParam}' is not supported.`));
  }
  if (!p.response_type) return reject(missingParameter('response_type'));
  if (p.response_type !== 'code') {
    return reject(aad('unsupported_response_type', 700054, `response_type '${p.response_type}' is not enabled for the application.`));
  }
  if (!p.scope) return reject(missingParameter('scope'));
  const scopes = parseScopes(p.scope, ctx.publicUrl());
  if (mixesDefault(scopes)) {
    return reject(aad('invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope '${p.scope}' is not valid. static scope limit exceeded.`));
  }
  if (scopes.unknown.length) {
    return reject(aad('invalid_client', 650053, `The application '${app.displayName ?? app.clientId}' asked for scope '${scopes.unknown[0]}' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'. Contact the app vendor.`));
  }
  let codeChallengeMethod: 'S256' | 'plain' | undefined;
  if (p.code_challenge !== undefined) {
    const method = p.code_challenge_method ?? 'plain';
    if (method !== 'S256' && method !== 'plain') {
      return reject(aad('invalid_request', 501491, `Invalid code_challenge_method '${method}'. Supported: S256, plain.`));
    }
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(p.code_challenge) || (method === 'S256' && p.code_challenge.length !== 43)) {
      return reject(aad('invalid_request', 501491, 'Invalid size of Code_Challenge parameter.'));
    }
    codeChallengeMethod = method;
  }

  const pending: PendingAuthorization = {
    id: randomToken(24),
    tenantPath: tenant.path,
    clientId: app.clientId,
    redirectUri,
    responseMode: mode,
    state,
    scope: p.scope,
    nonce: p.nonce,
    codeChallenge: p.code_challenge,
    codeChallengeMethod,
    loginHint: p.login_hint,
    createdAt: st.now(),
  };

  const shortcutUser = ctx.testMode ? p.emulator_user : undefined;
  if (p.prompt === 'none') {
    if (!shortcutUser) {
      return reject(aad('login_required', 50058, 'A silent sign-in request was sent but no user is signed in.'));
    }
  }
  if (shortcutUser) {
    const user = findUser(shortcutUser);
    if (!user) return showError(ctx, req, app.clientId, 50034, `The user account '${shortcutUser}' does not exist in the emulator (use work, personal or guest).`, 'error_page_50034');
    if (p.prompt === 'none' && !hasConsent(ctx, app, user, scopes)) {
      return reject(aad('consent_required', 65001, consentMessage(app), { suberror: 'consent_required' }));
    }
    const decision = (p.emulator_decision ?? 'accept').toLowerCase();
    if (decision !== 'accept' && decision !== 'decline') {
      return showError(ctx, req, app.clientId, 900144, "emulator_decision must be 'accept' or 'decline'.", 'error_page_900144');
    }
    return finishAuthorization(ctx, req, pending, tenant, user, decision === 'accept');
  }

  st.pending.set(pending.id, pending);
  const hinted = p.login_hint ? findUser(p.login_hint) : undefined;
  st.countAuthorize(app.clientId, 'consent_page');
  sendHtml(
    req.res,
    200,
    consentPage({
      action: `/${encodeURIComponent(req.params.tenant)}/oauth2/v2.0/consent`,
      requestId: pending.id,
      appName: app.displayName ?? 'Unnamed application',
      clientId: app.clientId,
      tenant: req.params.tenant,
      scopes: scopes.all.map((s) => (s.resource === 'oidc' ? s.name : displayScope(s.resource, s.name))),
      users: st.usersFor(tenant),
      selectedUserKey: hinted?.key,
    }),
  );
}

async function consent(ctx: EmulatorContext, req: Req): Promise<void> {
  const st = ctx.state;
  const requestId = str(req.body.request);
  const pending = requestId ? st.pending.get(requestId) : undefined;
  if (!pending || st.now() - pending.createdAt > 30 * 60 * 1000) {
    return showError(ctx, req, undefined, 50058, 'The sign-in request was not found or has expired. Start the sign-in again from the application.', 'error_page_expired');
  }
  const tenant = st.resolveTenant(pending.tenantPath);
  if (!tenant) return showError(ctx, req, pending.clientId, 90002, tenantNotFound(pending.tenantPath), 'error_page_90002');
  const decision = str(req.body.decision);
  const user = findUser(str(req.body.user));
  if (decision === 'accept' && !user) {
    return showError(ctx, req, pending.clientId, 50034, 'Choose an account to sign in with.', 'error_page_50034');
  }
  st.pending.delete(pending.id);
  return finishAuthorization(ctx, req, pending, tenant, user ?? EMULATOR_USERS.work, decision === 'accept');
}

function consentMessage(app: EmulatorAppRegistration): string {
  return `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName ?? app.clientId}'. Send an interactive authorization request for this user and resource.`;
}

function hasConsent(ctx: EmulatorContext, app: EmulatorAppRegistration, user: EmulatorUser, scopes: ScopeSet): boolean {
  const grant = ctx.state.grants.get(ctx.state.grantKey(user.key, app.clientId));
  if (!grant) return false;
  const { resource, names } = resourceOf(app, scopes);
  return names.every((n) => grant.has(`${resource} ${n}`));
}

function finishAuthorization(
  ctx: EmulatorContext,
  req: Req,
  pending: PendingAuthorization,
  tenant: ResolvedTenant,
  user: EmulatorUser,
  accepted: boolean,
): void {
  const st = ctx.state;
  const app = st.getApp(pending.clientId);
  if (!app) return showError(ctx, req, pending.clientId, 700016, appNotFound(pending.clientId, pending.tenantPath), 'error_page_700016');
  if (!accepted) {
    st.countAuthorize(app.clientId, 'access_denied');
    return respondToClient(
      req,
      pending.responseMode,
      pending.redirectUri,
      errorFields(ctx, aad('access_denied', 65004, 'User declined to consent to access the app.'), pending.state),
    );
  }
  if (!st.usersFor(tenant).some((u) => u.key === user.key)) {
    return showError(
      ctx,
      req,
      app.clientId,
      50020,
      `User account '${user.preferredUsername}' from identity provider does not exist in tenant '${pending.tenantPath}' and cannot access the application '${app.clientId}' in that tenant.`,
      'error_page_50020',
    );
  }
  // Record consent (a union: the app keeps what the user granted before).
  const scopes = parseScopes(pending.scope, ctx.publicUrl());
  for (const resource of scopes.resources.length ? scopes.resources : [GRAPH_RESOURCE]) {
    const names = scopes.resources.length ? expandResourceScopes(app, resource, scopes.byResource.get(resource) ?? []) : ['User.Read'];
    const key = st.grantKey(user.key, app.clientId);
    const grant = st.grants.get(key) ?? new Set<string>();
    for (const n of names) grant.add(`${resource} ${n}`);
    st.grants.set(key, grant);
  }
  const code = `${user.accountType === 'personal' ? 'M.C5' : '0.A'}${randomToken(96)}`;
  const tid = user.accountType === 'personal' ? user.tid : (tenant.tid ?? user.tid);
  const now = st.now();
  st.codes.set(code, {
    code,
    clientId: app.clientId,
    redirectUri: pending.redirectUri,
    tenantPath: pending.tenantPath,
    tid,
    userKey: user.key,
    scope: pending.scope,
    codeChallenge: pending.codeChallenge,
    codeChallengeMethod: pending.codeChallengeMethod,
    nonce: pending.nonce,
    issuedAt: now,
    expiresAt: now + st.lifetimes.codeSeconds * 1000,
    redeemed: false,
  });
  st.countAuthorize(app.clientId, 'code');
  const fields: Record<string, string> = { code };
  if (pending.state !== undefined) fields.state = pending.state;
  fields.session_state = guid();
  respondToClient(req, pending.responseMode, pending.redirectUri, fields);
}

function logout(req: Req): void {
  const target = req.url.searchParams.get('post_logout_redirect_uri');
  if (target && /^https?:\/\//.test(target)) return redirect(req.res, target);
  sendHtml(req.res, 200, errorPage(0, 'You have been signed out of the emulator.').replace('AADSTS0: ', ''));
}

// ---------------------------------------------------------------------------------------------------------------
// Token

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
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

async function token(ctx: EmulatorContext, req: Req): Promise<void> {
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
  const finish = (status: number, outcome: string, code?: number) => {
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
  if (fault) {
    const errCtx = { now: st.nowDate(), publicUrl: ctx.publicUrl(), correlationId };
    switch (fault.kind) {
      case 'delay':
        await sleep(fault.delayMs);
        break;
      case 'drop':
        finish(0, 'fault_drop');
        req.raw.socket.destroy();
        return;
      case 'malformed': {
        finish(200, 'fault_malformed');
        const text = '{"token_type":"Bearer","scope":"User.Read","expires_in":36';
        req.res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
        req.res.end(text);
        return;
      }
      case 'throttle': {
        finish(429, 'fault_throttle', 90055);
        const h = { ...headers, ...(fault.retryAfter !== null ? { 'Retry-After': fault.retryAfter } : {}) };
        return sendJson(req.res, 429, aadErrorBody(aad('temporarily_unavailable', 90055, 'TenantThrottlingError - There are too many incoming requests. This exception is thrown for blocked tenants.'), errCtx), h);
      }
      case 'unavailable': {
        finish(503, 'fault_unavailable', 90033);
        const h = { ...headers, ...(fault.retryAfter !== null ? { 'Retry-After': fault.retryAfter } : {}) };
        return sendJson(req.res, 503, aadErrorBody(aad('temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.'), errCtx), h);
      }
      case 'server_error':
        finish(500, 'fault_server_error', 50000);
        return sendJson(req.res, 500, aadErrorBody(aad('server_error', 50000, 'There was an error issuing a token or an issue with our sign-in service.'), errCtx), headers);
    }
  }

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

async function handleToken(
  ctx: EmulatorContext,
  req: Req,
  form: Record<string, string>,
  basic: { id: string; secret: string } | undefined,
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

  // Client authentication.
  const secret = basic?.secret ?? form.client_secret;
  if (app.clientType === 'public') {
    if (secret !== undefined || form.client_assertion !== undefined) {
      fail(aad('invalid_client', 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."));
    }
  } else {
    if (secret === undefined) fail(aad('invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."));
    if (secret !== app.clientSecret) {
      fail(aad('invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`));
    }
    if (app.secretExpiresAt && Date.parse(app.secretExpiresAt) <= st.now()) {
      fail(aad('invalid_client', 7000222, `The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`));
    }
  }

  return grantType === 'authorization_code' ? redeemCode(ctx, tenant, app, form) : redeemRefreshToken(ctx, tenant, app, form);
}

const MALFORMED = 'Invalid request. Request is malformed or invalid.';

async function redeemCode(ctx: EmulatorContext, tenant: ResolvedTenant, app: EmulatorAppRegistration, form: Record<string, string>) {
  const st = ctx.state;
  if (!form.code) fail(missingParameter('code'));
  if (!form.redirect_uri) fail(missingParameter('redirect_uri'));
  const rec = st.codes.get(form.code) ?? fail(aad('invalid_grant', 9002313, MALFORMED));
  if (rec.clientId.toLowerCase() !== app.clientId.toLowerCase()) {
    fail(aad('invalid_grant', 70000, 'Provided grant is invalid or malformed. The authorization code was issued to a different client.'));
  }
  if (rec.tenantPath !== tenant.path) {
    fail(aad('invalid_grant', 700005, 'Provided Authorization Code is intended to use against other tenant, thus rejected.'));
  }
  if (rec.redeemed) {
    fail(aad('invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.'));
  }
  if (st.now() > rec.expiresAt) {
    fail(aad('invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.'));
  }
  if (normalizeRedirectUri(form.redirect_uri) !== rec.redirectUri) {
    fail(aad('invalid_grant', 50011, `The redirect URI '${form.redirect_uri}' specified in the request does not match the redirect URI used in the authorization request for the application '${app.clientId}'.`));
  }
  if (rec.codeChallenge !== undefined) {
    const verifier = form.code_verifier;
    const computed = verifier === undefined ? undefined : rec.codeChallengeMethod === 'S256' ? sha256Base64Url(verifier) : verifier;
    if (computed !== rec.codeChallenge) {
      fail(aad('invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'));
    }
  }
  const scopeText = form.scope ?? rec.scope;
  const scopes = checkScopes(ctx, scopeText);
  const user = EMULATOR_USERS[rec.userKey];
  requireConsent(ctx, app, user, scopes);
  rec.redeemed = true;
  return issueTokens(ctx, app, user, rec.tid, scopes, {
    nonce: rec.nonce,
    refreshScope: rec.scope,
    withRefresh: parseScopes(rec.scope, ctx.publicUrl()).oidc.includes('offline_access'),
  });
}

function checkScopes(ctx: EmulatorContext, text: string): ScopeSet {
  const scopes = parseScopes(text, ctx.publicUrl());
  if (scopes.resources.length > 1) {
    fail(aad('invalid_scope', 28000, `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${text} is not valid.`));
  }
  if (mixesDefault(scopes)) fail(aad('invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope '${text}' is not valid.`));
  return scopes;
}

function requireConsent(ctx: EmulatorContext, app: EmulatorAppRegistration, user: EmulatorUser, scopes: ScopeSet): void {
  if (!hasConsent(ctx, app, user, scopes)) fail(aad('invalid_grant', 65001, consentMessage(app), { suberror: 'consent_required' }));
}

function revokedError(code: number, issuedAt: number, now: number, resource: string): AadError {
  const issued = aadTimestamp(new Date(issuedAt));
  switch (code) {
    case 65001:
      return aad('invalid_grant', 65001, "The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.", { suberror: 'consent_required' });
    case 700082:
      return aad('invalid_grant', 700082, `The refresh token has expired due to inactivity. The token was issued on ${issued} and was inactive for 90.00:00:00.`, { suberror: 'bad_token' });
    case 70008:
      return aad('invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.', { suberror: 'bad_token' });
    case 70000:
      return aad('invalid_grant', 70000, 'Provided grant is invalid or malformed.', { suberror: 'bad_token' });
    case 9002313:
      return aad('invalid_grant', 9002313, MALFORMED, { suberror: 'bad_token' });
    case 50076:
      return aad('invalid_grant', 50076, `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resource}'.`, { suberror: 'basic_action' });
    case 50079:
      return aad('invalid_grant', 50079, `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '${resource}'.`, { suberror: 'basic_action' });
    case 50078:
      return aad('invalid_grant', 50078, `Presented multi-factor authentication has expired due to policies configured by your administrator, you must refresh your multi-factor authentication to access '${resource}'.`, { suberror: 'basic_action' });
    case 90094:
      return aad('invalid_grant', 90094, 'The grant requires admin permission.');
    case 90095:
      return aad('invalid_grant', 90095, 'Admin consent is required for the permissions requested by this application. An admin consent request may be sent to the admin.');
    case 50173:
    default:
      return aad('invalid_grant', code, `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issued}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${aadTimestamp(new Date(now))}'.`, { suberror: 'bad_token' });
  }
}

async function redeemRefreshToken(ctx: EmulatorContext, tenant: ResolvedTenant, app: EmulatorAppRegistration, form: Record<string, string>) {
  const st = ctx.state;
  if (!form.refresh_token) fail(missingParameter('refresh_token'));
  const rec = st.refreshTokens.get(form.refresh_token) ?? fail(aad('invalid_grant', 9002313, MALFORMED, { suberror: 'bad_token' }));
  if (rec.clientId.toLowerCase() !== app.clientId.toLowerCase()) {
    fail(aad('invalid_grant', 70000, 'Provided grant is invalid or malformed. The refresh token was issued to a different client.', { suberror: 'bad_token' }));
  }
  const user = EMULATOR_USERS[rec.userKey];
  if (!st.usersFor(tenant).some((u) => u.key === user.key)) {
    fail(aad('invalid_grant', 50020, `User account '${user.preferredUsername}' from identity provider does not exist in tenant '${tenant.path}'.`));
  }
  const injected = st.refreshErrors.get(user.key);
  if (injected) fail(aad(injected.error, injected.code, injected.message ?? `Emulated refresh failure AADSTS${injected.code}.`, injected.status ? { status: injected.status } : {}));
  const now = st.now();
  const scopeText = form.scope ?? rec.scope;
  const scopes = checkScopes(ctx, scopeText);
  if (rec.revokedWith !== undefined) fail(revokedError(rec.revokedWith, rec.issuedAt, now, resourceOf(app, scopes).resource));
  if (now - rec.issuedAt > st.lifetimes.refreshTokenSeconds * 1000) fail(revokedError(700082, rec.issuedAt, now, ''));
  requireConsent(ctx, app, user, scopes);
  return issueTokens(ctx, app, user, rec.tid, scopes, { refreshScope: rec.scope, withRefresh: true });
}

async function issueTokens(
  ctx: EmulatorContext,
  app: EmulatorAppRegistration,
  user: EmulatorUser,
  tid: string,
  scopes: ScopeSet,
  opts: { nonce?: string; refreshScope: string; withRefresh: boolean },
): Promise<Record<string, unknown>> {
  const st = ctx.state;
  const now = st.now();
  const { resource, names } = resourceOf(app, scopes);
  // The answer lists everything the user granted the app on that resource (possibly a superset of the request).
  const granted = [...names];
  for (const entry of st.grants.get(st.grantKey(user.key, app.clientId)) ?? []) {
    const [res, name] = entry.split(' ');
    if (res === resource && !granted.includes(name)) granted.push(name);
  }
  const { min, max } = st.lifetimes.accessToken;
  const expiresIn = Math.floor(min + Math.random() * (Math.max(max, min) - min + 1));
  const accessToken = `${user.accountType === 'personal' ? 'EwA' : 'EwB'}${randomToken(120)}`;
  st.accessTokens.set(accessToken, {
    token: accessToken,
    clientId: app.clientId,
    userKey: user.key,
    resource,
    scopes: granted,
    issuedAt: now,
    expiresAt: now + expiresIn * 1000,
  });
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: [...granted.map((n) => displayScope(resource, n)), ...oidcResponseScopes(scopes.oidc)].join(' '),
    expires_in: expiresIn,
    ext_expires_in: expiresIn,
    access_token: accessToken,
  };
  if (opts.withRefresh) {
    const refreshToken = `${user.accountType === 'personal' ? 'M.C5' : '1.A'}${randomToken(160)}`;
    st.refreshTokens.set(refreshToken, { token: refreshToken, clientId: app.clientId, userKey: user.key, tid, scope: opts.refreshScope, issuedAt: now });
    body.refresh_token = refreshToken;
  }
  if (scopes.oidc.includes('openid')) body.id_token = await idToken(ctx, app, user, tid, scopes.oidc, now, opts.nonce);
  return body;
}

async function idToken(ctx: EmulatorContext, app: EmulatorAppRegistration, user: EmulatorUser, tid: string, oidc: string[], now: number, nonce?: string) {
  const key = await getSigningKey();
  const iat = Math.floor(now / 1000);
  const claims: Record<string, unknown> = {};
  if (oidc.includes('email') && user.email) claims.email = user.email;
  if (oidc.includes('profile')) claims.name = user.displayName;
  if (nonce !== undefined) claims.nonce = nonce;
  claims.oid = user.oid;
  if (oidc.includes('profile')) claims.preferred_username = user.preferredUsername;
  claims.rh = `0.${randomToken(24)}.`;
  claims.sid = guid();
  claims.tid = tid;
  claims.uti = randomToken(16);
  claims.ver = '2.0';
  return new SignJWT(claims)
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: key.kid })
    .setAudience(app.clientId)
    .setIssuer(`${ctx.publicUrl()}/${tid}/v2.0`)
    .setSubject(sha256Base64Url(`${user.oid}|${app.clientId.toLowerCase()}`).slice(0, 43))
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + ctx.state.lifetimes.idTokenSeconds)
    .sign(key.privateKey);
}

