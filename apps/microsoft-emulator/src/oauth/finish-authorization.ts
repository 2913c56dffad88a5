import type { EmulatorContext } from '../context';
import { aad } from '../errors';
import type { Req } from '../http';
import { GRAPH_RESOURCE, parseScopes } from '../scopes';
import type { EmulatorAppRegistration, PendingAuthorization, ResolvedTenant } from '../state';
import type { EmulatorUser } from '../users';
import { guid, randomToken } from '../util';
import { errorFields, respondToClient, showError } from './front-channel';
import { appNotFound, expandResourceScopes } from './shared';

/** The user's decision, from the consent page or the test-mode shortcut: a code for the app, or access_denied. */
export function finishAuthorization(
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
  recordConsent(ctx, app, user, pending.scope);
  const code = issueCode(ctx, app, pending, tenant, user);
  st.countAuthorize(app.clientId, 'code');
  const fields: Record<string, string> = { code };
  if (pending.state !== undefined) fields.state = pending.state;
  fields.session_state = guid();
  respondToClient(req, pending.responseMode, pending.redirectUri, fields);
}

/** A union: the app keeps what the user granted before. */
function recordConsent(ctx: EmulatorContext, app: EmulatorAppRegistration, user: EmulatorUser, scope: string): void {
  const st = ctx.state;
  const scopes = parseScopes(scope, ctx.publicUrl());
  for (const resource of scopes.resources.length ? scopes.resources : [GRAPH_RESOURCE]) {
    const names = scopes.resources.length ? expandResourceScopes(app, resource, scopes.byResource.get(resource) ?? []) : ['User.Read'];
    const key = st.grantKey(user.key, app.clientId);
    const grant = st.grants.get(key) ?? new Set<string>();
    for (const n of names) grant.add(`${resource} ${n}`);
    st.grants.set(key, grant);
  }
}

function issueCode(ctx: EmulatorContext, app: EmulatorAppRegistration, pending: PendingAuthorization, tenant: ResolvedTenant, user: EmulatorUser): string {
  const st = ctx.state;
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
  return code;
}
