import type { EmulatorContext } from '../context';
import { aad, AadError, missingParameter } from '../errors';
import type { EmulatorAppRegistration, ResolvedTenant } from '../state';
import { EMULATOR_USERS } from '../users';
import { aadTimestamp } from '../util';
import { checkScopes, issueTokens, MALFORMED, requireConsent } from './issue-tokens';
import { fail, resourceOf } from './shared';

/** grant_type=refresh_token: injected failures and revocations first, then the 90-day inactivity limit, then consent. */
export async function redeemRefreshToken(ctx: EmulatorContext, tenant: ResolvedTenant, app: EmulatorAppRegistration, form: Record<string, string>) {
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

/** Microsoft's answer for a refresh token revoked with `code` (a password reset, MFA, admin consent, ...). */
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
