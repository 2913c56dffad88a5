import type { EmulatorContext } from '../context';
import { aad, missingParameter } from '../errors';
import { normalizeRedirectUri } from '../redirect-uri';
import { parseScopes } from '../scopes';
import type { EmulatorAppRegistration, ResolvedTenant } from '../state';
import { EMULATOR_USERS } from '../users';
import { sha256Base64Url } from '../util';
import { checkScopes, issueTokens, MALFORMED, requireConsent } from './issue-tokens';
import { fail } from './shared';

/** grant_type=authorization_code: a code is redeemed once, by its client, in its tenant, with its redirect URI and PKCE verifier. */
export async function redeemCode(ctx: EmulatorContext, tenant: ResolvedTenant, app: EmulatorAppRegistration, form: Record<string, string>) {
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
