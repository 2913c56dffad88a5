import type { EmulatorContext } from './context';
import { aad, aadErrorBody } from './errors';
import { CSS, STYLESHEET_PATH } from './html';
import { Router, sendJson } from './http';
import { getSigningKey } from './keys';

export function registerDiscoveryRoutes(router: Router, ctx: EmulatorContext): void {
  router.on('GET', '/:tenant/v2.0/.well-known/openid-configuration', (req) => {
    const tenant = ctx.state.resolveTenant(req.params.tenant);
    const base = ctx.publicUrl();
    if (!tenant) {
      return sendJson(
        req.res,
        400,
        aadErrorBody(aad('invalid_tenant', 90002, `Tenant '${req.params.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`), {
          now: ctx.state.nowDate(),
          publicUrl: base,
        }),
      );
    }
    const seg = req.params.tenant;
    // common / organizations: the issuer holds the literal "{tenantid}"; validate per token's tid.
    const issuerTenant = tenant.tid ?? '{tenantid}';
    sendJson(
      req.res,
      200,
      {
        token_endpoint: `${base}/${seg}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/${seg}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/${issuerTenant}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${base}/oidc/userinfo`,
        authorization_endpoint: `${base}/${seg}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/${seg}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/${seg}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
        kerberos_endpoint: `${base}/${seg}/kerberos`,
        tenant_region_scope: tenant.kind === 'tenant' ? 'EU' : null,
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: new URL(base).host,
        rbac_url: 'https://pas.windows.net',
      },
      { 'Cache-Control': 'max-age=86400, private', 'Access-Control-Allow-Origin': '*' },
    );
  });

  router.on('GET', '/:tenant/discovery/v2.0/keys', async (req) => {
    if (!ctx.state.resolveTenant(req.params.tenant)) {
      return sendJson(req.res, 400, aadErrorBody(aad('invalid_tenant', 90002, `Tenant '${req.params.tenant}' not found.`), { now: ctx.state.nowDate(), publicUrl: ctx.publicUrl() }));
    }
    const key = await getSigningKey();
    const issuerTenant = ctx.state.resolveTenant(req.params.tenant)?.tid ?? '{tenantid}';
    sendJson(req.res, 200, { keys: [{ ...key.publicJwk, issuer: `${ctx.publicUrl()}/${issuerTenant}/v2.0` }] }, { 'Access-Control-Allow-Origin': '*' });
  });

  router.on('GET', '/error', (req) => {
    const code = req.url.searchParams.get('code') ?? '';
    sendJson(req.res, 200, { code: /^\d+$/.test(code) ? Number(code) : null, note: 'Microsoft emulator: see https://learn.microsoft.com/entra/identity-platform/reference-error-codes' });
  });

  router.on('GET', '/favicon.ico', (req) => {
    req.res.writeHead(204, { 'Cache-Control': 'public, max-age=86400' });
    req.res.end();
  });

  router.on('GET', STYLESHEET_PATH, (req) => {
    req.res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
    req.res.end(CSS);
  });
}
