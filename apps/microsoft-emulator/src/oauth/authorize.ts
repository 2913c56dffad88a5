import type { EmulatorContext } from '../context';
import { aad, AadError, missingParameter } from '../errors';
import { consentPage } from '../html';
import { Req, sendHtml } from '../http';
import { matchRedirectUri, normalizeRedirectUri } from '../redirect-uri';
import { displayScope, mixesDefault, parseScopes, ScopeSet } from '../scopes';
import type { EmulatorAppRegistration, PendingAuthorization, ResolvedTenant } from '../state';
import { findUser } from '../users';
import { randomToken } from '../util';
import { finishAuthorization } from './finish-authorization';
import { errorFields, respondToClient, ResponseMode, showError } from './front-channel';
import { appNotFound, consentMessage, hasConsent, tenantNotFound } from './shared';

type Params = Record<string, string>;

/** The query string, then (for POST) the form; the first value of a parameter wins. */
function authorizeParams(req: Req): Params {
  const out: Params = {};
  for (const [k, v] of req.url.searchParams) if (!(k in out)) out[k] = v;
  if (req.method === 'POST') for (const [k, v] of Object.entries(req.body)) if (typeof v === 'string' && !(k in out)) out[k] = v;
  return out;
}

const redirectMismatch = (uri: string, clientId: string) =>
  `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`;

interface Client {
  tenant: ResolvedTenant;
  app: EmulatorAppRegistration;
  redirectUri: string;
}

/** Tenant, app and redirect URI: until they are known to be good, problems are shown on Microsoft's error page. */
function identifyClient(ctx: EmulatorContext, req: Req, p: Params): Client | undefined {
  const refuse = (clientId: string | undefined, code: number, message: string, outcome: string): undefined => {
    showError(ctx, req, clientId, code, message, outcome);
    return undefined;
  };
  const st = ctx.state;
  const tenant = st.resolveTenant(req.params.tenant);
  if (!tenant) return refuse(p.client_id, 90002, tenantNotFound(req.params.tenant), 'error_page_90002');
  if (!p.client_id) return refuse(undefined, 900144, "The request body must contain the following parameter: 'client_id'.", 'error_page_900144');
  const app = st.getApp(p.client_id);
  if (!app) return refuse(p.client_id, 700016, appNotFound(p.client_id, req.params.tenant), 'error_page_700016');
  if (!p.redirect_uri) return refuse(p.client_id, 900144, "The request body must contain the following parameter: 'redirect_uri'.", 'error_page_900144');
  if (!matchRedirectUri(app.redirectUris, p.redirect_uri)) {
    return refuse(p.client_id, 50011, redirectMismatch(p.redirect_uri, app.clientId), 'error_page_50011');
  }
  return { tenant, app, redirectUri: normalizeRedirectUri(p.redirect_uri) };
}

interface CheckedRequest {
  scopes: ScopeSet;
  codeChallengeMethod: 'S256' | 'plain' | undefined;
}

/** The rest of the request, in Microsoft's order; a problem goes back to the app's redirect URI. */
function checkRequest(ctx: EmulatorContext, app: EmulatorAppRegistration, p: Params, modeParam: string): CheckedRequest | AadError {
  if (!['query', 'fragment', 'form_post'].includes(modeParam)) {
    return aad('invalid_request', 900144, `The response_mode '${modeParam}' is not supported.`);
  }
  if (!p.response_type) return missingParameter('response_type');
  if (p.response_type !== 'code') {
    return aad('unsupported_response_type', 700054, `response_type '${p.response_type}' is not enabled for the application.`);
  }
  if (!p.scope) return missingParameter('scope');
  const scopes = parseScopes(p.scope, ctx.publicUrl());
  if (mixesDefault(scopes)) {
    return aad('invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope '${p.scope}' is not valid. static scope limit exceeded.`);
  }
  if (scopes.unknown.length) {
    return aad('invalid_client', 650053, `The application '${app.displayName ?? app.clientId}' asked for scope '${scopes.unknown[0]}' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'. Contact the app vendor.`);
  }
  let codeChallengeMethod: 'S256' | 'plain' | undefined;
  if (p.code_challenge !== undefined) {
    const method = p.code_challenge_method ?? 'plain';
    if (method !== 'S256' && method !== 'plain') {
      return aad('invalid_request', 501491, `Invalid code_challenge_method '${method}'. Supported: S256, plain.`);
    }
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(p.code_challenge) || (method === 'S256' && p.code_challenge.length !== 43)) {
      return aad('invalid_request', 501491, 'Invalid size of Code_Challenge parameter.');
    }
    codeChallengeMethod = method;
  }
  return { scopes, codeChallengeMethod };
}

/** GET or POST /{tenant}/oauth2/v2.0/authorize: the consent page, or (test mode) a consent decided by parameters. */
export async function authorize(ctx: EmulatorContext, req: Req): Promise<void> {
  const st = ctx.state;
  const p = authorizeParams(req);
  const client = identifyClient(ctx, req, p);
  if (!client) return;
  const { tenant, app, redirectUri } = client;
  const state = p.state;
  const modeParam = p.response_mode ?? 'query';
  const mode: ResponseMode = modeParam === 'fragment' || modeParam === 'form_post' ? modeParam : 'query';
  const reject = (err: AadError) => {
    st.countAuthorize(app.clientId, err.error);
    respondToClient(req, mode, redirectUri, errorFields(ctx, err, state));
  };

  const checked = checkRequest(ctx, app, p, modeParam);
  if (!('scopes' in checked)) return reject(checked);
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
    codeChallengeMethod: checked.codeChallengeMethod,
    loginHint: p.login_hint,
    createdAt: st.now(),
  };

  const shortcutUser = ctx.testMode ? p.emulator_user : undefined;
  if (p.prompt === 'none') {
    if (!shortcutUser) {
      return reject(aad('login_required', 50058, 'A silent sign-in request was sent but no user is signed in.'));
    }
  }
  if (shortcutUser) return decideByParameters(ctx, req, p, shortcutUser, { pending, tenant, app, scopes: checked.scopes, reject });
  showConsentPage(ctx, req, p, pending, tenant, app, checked.scopes);
}

interface Shortcut {
  pending: PendingAuthorization;
  tenant: ResolvedTenant;
  app: EmulatorAppRegistration;
  scopes: ScopeSet;
  reject: (err: AadError) => void;
}

/** Test mode: emulator_user and emulator_decision stand for the choices a person would make on the consent page. */
function decideByParameters(ctx: EmulatorContext, req: Req, p: Params, shortcutUser: string, { pending, tenant, app, scopes, reject }: Shortcut): void {
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

/** The HTML page where a person picks an account and accepts or declines; its form posts to the consent endpoint. */
function showConsentPage(
  ctx: EmulatorContext,
  req: Req,
  p: Params,
  pending: PendingAuthorization,
  tenant: ResolvedTenant,
  app: EmulatorAppRegistration,
  scopes: ScopeSet,
): void {
  const st = ctx.state;
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
