import type { EmulatorContext } from '../context';
import type { Router } from '../http';
import { EMULATOR_USERS } from '../users';
import { GraphHttp, ME_INSUFFICIENT, PROFILE_SCOPES, select } from './graph-http';

/** `/v1.0/me` and the OIDC userinfo endpoint. */
export function registerProfileRoutes(router: Router, ctx: EmulatorContext, http: GraphHttp): void {
  router.on('GET', '/v1.0/me', async (req) => {
    const token = await http.guard(req, PROFILE_SCOPES, ME_INSUFFICIENT);
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
    http.send(req, 200, select(me, req.url.searchParams.get('$select')));
  });

  router.on('GET', '/oidc/userinfo', async (req) => {
    const token = await http.guard(req, [...PROFILE_SCOPES, 'openid', 'profile', 'email'], ME_INSUFFICIENT);
    if (!token) return;
    const u = EMULATOR_USERS[token.userKey];
    ctx.state.countGraph(req.path, '200');
    http.send(req, 200, { sub: u.oid, name: u.displayName, family_name: u.surname, given_name: u.givenName, email: u.email });
  });
}
