import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, JWTPayload, jwtVerify } from 'jose';
import { APP_CONFIG, AppConfig } from '@app/config';
import { MicrosoftErrorBody, MicrosoftTokenError, parseRetryAfter } from './microsoft-errors';
import { graphResource, wireScopes } from './graph-resource';
import { FormAnswer, postForm } from './post-form';

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  idToken: string | null;
  /** Seconds, as Microsoft returned them (3600-5400 typically; never assume 3600). */
  expiresIn: number;
  /**
   * When to treat the access token as expired: counted from before the request was sent (the lifetime started at
   * Microsoft no later than that), minus a skew margin for clock drift and the time the answer took to arrive.
   */
  expiresAt: Date;
  scopes: string[];
  tokenType: string;
}

export interface ClientCredentials {
  clientId: string;
  /** null for public clients (PKCE only). */
  clientSecret: string | null;
}

export interface IdTokenIdentity {
  oid: string;
  tid: string;
  preferredUsername: string | null;
  email: string | null;
  name: string | null;
}

export interface GraphMe {
  id: string;
  displayName: string | null;
  mail: string | null;
  userPrincipalName: string | null;
}

export const CONSUMERS_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
const TOKEN_TIMEOUT_MS = 15_000;
const OPENID_SCOPES = new Set(['openid', 'profile', 'email']);
/** Seconds taken off every token lifetime (clock skew between hosts, latency of the answer). */
export const TOKEN_EXPIRY_SKEW_SECONDS = 30;

/**
 * Talks to the Microsoft identity platform and Graph. Hosts come from configuration, so tests and development
 * point at the emulator and production at Microsoft (or a sovereign cloud).
 */
@Injectable()
export class MicrosoftIdentityClient {
  private readonly jwks = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private wire(scopes: string[]): string {
    return wireScopes(scopes, graphResource(this.config.microsoft.graphUrl)).join(' ');
  }

  authorizeUrl(params: {
    tenant: string;
    clientId: string;
    redirectUri: string;
    scopes: string[];
    state: string;
    codeChallenge: string;
    nonce: string;
    prompt?: string;
    loginHint?: string | null;
  }): string {
    const url = new URL(`${this.config.microsoft.loginUrl}/${encodeURIComponent(params.tenant)}/oauth2/v2.0/authorize`);
    const q = url.searchParams;
    q.set('client_id', params.clientId);
    q.set('response_type', 'code');
    q.set('redirect_uri', params.redirectUri);
    q.set('response_mode', 'query');
    q.set('scope', this.wire(params.scopes));
    q.set('state', params.state);
    q.set('nonce', params.nonce);
    q.set('code_challenge', params.codeChallenge);
    q.set('code_challenge_method', 'S256');
    if (params.prompt) q.set('prompt', params.prompt);
    if (params.loginHint) q.set('login_hint', params.loginHint);
    return url.toString();
  }

  redeemCode(
    tenant: string,
    client: ClientCredentials,
    params: { code: string; redirectUri: string; codeVerifier: string; scopes: string[] },
  ): Promise<TokenSet> {
    return this.tokenRequest(tenant, client, {
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
      code_verifier: params.codeVerifier,
      scope: this.wire(params.scopes),
    });
  }

  /**
   * The refresh grant asks for the resource scopes and offline_access only (a subset is allowed): without `openid`
   * Microsoft signs no ID token, which a refresh never uses, and the answer is 1-2 KB smaller. The OpenID scopes left
   * out stay granted, so they are added back to the scopes the answer reports.
   */
  async refresh(tenant: string, client: ClientCredentials, params: { refreshToken: string; scopes: string[] }): Promise<TokenSet> {
    const omitted = params.scopes.filter((s) => OPENID_SCOPES.has(s.toLowerCase()));
    const asked = params.scopes.filter((s) => !OPENID_SCOPES.has(s.toLowerCase()));
    const hasResource = asked.some((s) => s.toLowerCase() !== 'offline_access');
    const tokens = await this.tokenRequest(tenant, client, {
      grant_type: 'refresh_token',
      refresh_token: params.refreshToken,
      scope: this.wire(hasResource ? asked : params.scopes),
    });
    if (hasResource && tokens.scopes.length) tokens.scopes = [...new Set([...omitted, ...tokens.scopes])];
    return tokens;
  }

  /**
   * Verifies an ID token: RS256 signature against the keys of the token's own tenant, audience, lifetime, and an
   * issuer of `{login}/{tid}/v2.0` (the common/organizations discovery documents carry a `{tenantid}` template).
   */
  async verifyIdToken(idToken: string, expected: { clientId: string; nonce: string | null }): Promise<IdTokenIdentity> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(idToken);
    } catch {
      throw new IdTokenError('The ID token is not a JWT');
    }
    const tid = typeof unverified.tid === 'string' ? unverified.tid : null;
    if (!tid || !/^[0-9a-f-]{36}$/i.test(tid)) throw new IdTokenError('The ID token has no valid tid claim');
    const issuer = `${this.config.microsoft.loginUrl}/${tid}/v2.0`;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.keysFor(tid), {
        issuer,
        audience: expected.clientId,
        algorithms: ['RS256'],
        clockTolerance: 300,
      }));
    } catch (error) {
      throw new IdTokenError(`The ID token could not be verified: ${(error as Error).message}`);
    }
    // A token without the nonce we sent could be one replayed from another sign-in: refuse it.
    if (expected.nonce !== null && payload.nonce !== expected.nonce) {
      throw new IdTokenError('The ID token nonce does not match this sign-in');
    }
    const oid = typeof payload.oid === 'string' ? payload.oid : null;
    if (!oid) throw new IdTokenError('The ID token has no oid claim');
    const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
    return { oid, tid, preferredUsername: str(payload.preferred_username), email: str(payload.email), name: str(payload.name) };
  }

  async getMe(accessToken: string): Promise<GraphMe> {
    const res = await fetch(`${this.config.microsoft.graphUrl}/v1.0/me`, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`Graph /me answered ${res.status}`);
    const body = (await res.json()) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return { id: String(body.id), displayName: str(body.displayName), mail: str(body.mail), userPrincipalName: str(body.userPrincipalName) };
  }

  private keysFor(tenantId: string): ReturnType<typeof createRemoteJWKSet> {
    let set = this.jwks.get(tenantId);
    if (!set) {
      set = createRemoteJWKSet(new URL(`${this.config.microsoft.loginUrl}/${tenantId}/discovery/v2.0/keys`), {
        timeoutDuration: 10_000,
        cooldownDuration: 30_000,
        cacheMaxAge: 24 * 3600_000,
      });
      this.jwks.set(tenantId, set);
    }
    return set;
  }

  private async tokenRequest(tenant: string, client: ClientCredentials, fields: Record<string, string>): Promise<TokenSet> {
    const body = new URLSearchParams({ client_id: client.clientId, ...fields });
    if (client.clientSecret) body.set('client_secret', client.clientSecret);
    let answer: FormAnswer;
    const sentAt = Date.now();
    try {
      answer = await postForm(`${this.config.microsoft.loginUrl}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, body.toString(), TOKEN_TIMEOUT_MS);
    } catch (error) {
      throw MicrosoftTokenError.network((error as Error).message);
    }
    const { status, text } = answer;
    const ok = status >= 200 && status < 300;
    const retryAfter = parseRetryAfter(answer.headers['retry-after'] ?? null);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MicrosoftTokenError(status >= 500 || status === 429 ? status : 502, ok ? 'malformed_response' : `http_${status}`, [], null, 'The answer was not JSON', retryAfter);
    }
    if (!ok) {
      const e = (json ?? {}) as MicrosoftErrorBody;
      throw new MicrosoftTokenError(
        status,
        typeof e.error === 'string' ? e.error : `http_${status}`,
        Array.isArray(e.error_codes) ? e.error_codes.filter((c) => typeof c === 'number') : [],
        typeof e.suberror === 'string' ? e.suberror : null,
        typeof e.error_description === 'string' ? e.error_description.split(/\r?\n/)[0] : null,
        retryAfter,
        typeof e.trace_id === 'string' ? e.trace_id : null,
      );
    }
    const t = json as Record<string, unknown>;
    const expiresIn = typeof t.expires_in === 'number' ? t.expires_in : Number(t.expires_in);
    if (typeof t.access_token !== 'string' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
      throw new MicrosoftTokenError(502, 'malformed_response', [], null, 'The token answer lacks access_token or expires_in');
    }
    return {
      accessToken: t.access_token,
      refreshToken: typeof t.refresh_token === 'string' ? t.refresh_token : null,
      idToken: typeof t.id_token === 'string' ? t.id_token : null,
      expiresIn,
      expiresAt: new Date(sentAt + (expiresIn - Math.min(TOKEN_EXPIRY_SKEW_SECONDS, expiresIn / 10)) * 1000),
      scopes: typeof t.scope === 'string' ? t.scope.split(' ').filter(Boolean) : [],
      tokenType: typeof t.token_type === 'string' ? t.token_type : 'Bearer',
    };
  }
}

export class IdTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdTokenError';
  }
}
