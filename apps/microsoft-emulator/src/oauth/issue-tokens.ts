import { SignJWT } from 'jose';
import type { EmulatorContext } from '../context';
import { aad } from '../errors';
import { getSigningKey } from '../keys';
import { displayScope, mixesDefault, oidcResponseScopes, parseScopes, ScopeSet } from '../scopes';
import type { EmulatorAppRegistration } from '../state';
import type { EmulatorUser } from '../users';
import { guid, randomToken, sha256Base64Url } from '../util';
import { consentMessage, fail, hasConsent, resourceOf } from './shared';

/** What both grants share: the scope checks, the consent check and the tokens they answer with. */

export const MALFORMED = 'Invalid request. Request is malformed or invalid.';

export function checkScopes(ctx: EmulatorContext, text: string): ScopeSet {
  const scopes = parseScopes(text, ctx.publicUrl());
  if (scopes.resources.length > 1) {
    fail(aad('invalid_scope', 28000, `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${text} is not valid.`));
  }
  if (mixesDefault(scopes)) fail(aad('invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope '${text}' is not valid.`));
  return scopes;
}

export function requireConsent(ctx: EmulatorContext, app: EmulatorAppRegistration, user: EmulatorUser, scopes: ScopeSet): void {
  if (!hasConsent(ctx, app, user, scopes)) fail(aad('invalid_grant', 65001, consentMessage(app), { suberror: 'consent_required' }));
}

export async function issueTokens(
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
