import { UUID_RE } from '@app/common';
import { MailboxConcurrency } from './graph/mailbox-concurrency';
import { Mailboxes } from './mailbox';
import { normalizeRedirectUri, redirectUriProblem } from './redirect-uri';
import { Subscriptions } from './subscriptions';
import { CONSUMERS_TENANT_ID, EMULATOR_TENANTS, EMULATOR_USERS, EmulatorUser, EmulatorUserKey, WORK_TENANT_ID } from './users';
import { randomToken } from './util';

export interface EmulatorAppRegistration {
  clientId: string;
  clientSecret?: string;
  /** ISO date; the secret answers AADSTS7000222 after it (emulator clock). */
  secretExpiresAt?: string;
  redirectUris: string[];
  clientType: 'confidential' | 'public';
  tenantId?: string;
  displayName?: string;
  /** Permissions `.default` stands for (default: User.Read). */
  defaultScopes?: string[];
}

export type FaultKind = 'throttle' | 'unavailable' | 'server_error' | 'delay' | 'drop' | 'malformed' | 'gateway_timeout';

export interface FaultSpec {
  /** Which endpoint: the token endpoint (default) or Graph. */
  target?: 'token' | 'graph';
  /** Also accepted: "429" (throttle), "503" (unavailable), "500" (server_error). */
  kind: FaultKind | '429' | '503' | '500' | '504';
  /** How many of the next matching calls it hits (default 1). */
  count?: number;
  /** Retry-After for 429/503: a string or number ("1.5" allowed); null = no header. Default "1" for 429, none for 503. */
  retryAfter?: string | number | null;
  /** For kind "delay": milliseconds before the call is answered normally (default 1000). */
  delayMs?: number;
  /** Only calls from this client id. */
  clientId?: string;
  /** Only token calls with this grant type. */
  grantType?: string;
  /** Only Graph calls with this method (GET, POST, ...). */
  method?: string;
  /** Only Graph calls whose path starts with this (case-insensitive), e.g. "/v1.0/me/messages". */
  path?: string;
  /** Graph error code of a throttle (default TooManyRequests; e.g. ApplicationThrottled). */
  code?: string;
}

export interface ActiveFault extends Required<Pick<FaultSpec, 'target' | 'count'>> {
  kind: FaultKind;
  retryAfter: string | null;
  delayMs: number;
  clientId?: string;
  grantType?: string;
  method?: string;
  path?: string;
  code?: string;
}

export interface Lifetimes {
  /** expires_in range, seconds. */
  accessToken: { min: number; max: number };
  /** Authorization code lifetime, seconds (default 600). */
  codeSeconds: number;
  /** Refresh-token inactivity limit, seconds (default 90 days). */
  refreshTokenSeconds: number;
  /** ID token lifetime, seconds (default 3600). */
  idTokenSeconds: number;
}

export interface CodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  tenantPath: string;
  tid: string;
  userKey: EmulatorUserKey;
  scope: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  nonce?: string;
  issuedAt: number;
  expiresAt: number;
  redeemed: boolean;
}

export interface RefreshErrorSpec {
  error: string;
  code: number;
  status?: number;
  message?: string;
}

export interface RefreshRecord {
  token: string;
  clientId: string;
  userKey: EmulatorUserKey;
  tid: string;
  scope: string;
  issuedAt: number;
  /** Set when revoked: the AADSTS code the next use answers (50173, 65001, 700082, 50076, ...). */
  revokedWith?: number;
}

export interface AccessRecord {
  token: string;
  clientId: string;
  userKey: EmulatorUserKey;
  resource: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
}

export interface PendingAuthorization {
  id: string;
  tenantPath: string;
  clientId: string;
  redirectUri: string;
  responseMode: 'query' | 'fragment' | 'form_post';
  state?: string;
  scope: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  loginHint?: string;
  createdAt: number;
}

interface OutcomeCounter {
  total: number;
  byOutcome: Record<string, number>;
}
interface ClientCounters extends OutcomeCounter {
  byGrantType: Record<string, number>;
}
export interface EmulatorCounters {
  token: OutcomeCounter & { byGrantType: Record<string, number>; byClientId: Record<string, ClientCounters>; byErrorCode: Record<string, number> };
  authorize: OutcomeCounter & { byClientId: Record<string, OutcomeCounter> };
  graph: OutcomeCounter & { byPath: Record<string, number> };
}

export interface ResolvedTenant {
  /** The path segment as sent (lower-cased). */
  path: string;
  kind: 'common' | 'organizations' | 'consumers' | 'tenant';
  /** Tenant id for GUID/domain/consumers paths. */
  tid?: string;
}

const DEFAULT_LIFETIMES: Lifetimes = {
  accessToken: { min: 3600, max: 5400 },
  codeSeconds: 600,
  refreshTokenSeconds: 90 * 24 * 3600,
  idTokenSeconds: 3600,
};

function emptyCounters(): EmulatorCounters {
  return {
    token: { total: 0, byOutcome: {}, byGrantType: {}, byClientId: {}, byErrorCode: {} },
    authorize: { total: 0, byOutcome: {}, byClientId: {} },
    graph: { total: 0, byOutcome: {}, byPath: {} },
  };
}

const inc = (rec: Record<string, number>, key: string) => (rec[key] = (rec[key] ?? 0) + 1);

export interface TokenRequestLogEntry {
  at: string;
  tenant: string;
  clientId?: string;
  grantType?: string;
  auth: 'basic' | 'body' | 'none';
  params: Record<string, string>;
  status: number;
  outcome: string;
}

/** Everything the emulator remembers. One instance per running emulator. */
export class EmulatorState {
  apps = new Map<string, EmulatorAppRegistration>();
  codes = new Map<string, CodeRecord>();
  refreshTokens = new Map<string, RefreshRecord>();
  /** Per-user refresh-grant errors (any error, AADSTS code and HTTP status), until cleared. */
  refreshErrors = new Map<EmulatorUserKey, RefreshErrorSpec>();
  accessTokens = new Map<string, AccessRecord>();
  /** Consented Graph/other permissions per user+client: key `${user}|${clientId}`, values `${resource} ${name}`. */
  grants = new Map<string, Set<string>>();
  pending = new Map<string, PendingAuthorization>();
  faults: ActiveFault[] = [];
  counters: EmulatorCounters = emptyCounters();
  tokenLog: TokenRequestLogEntry[] = [];
  clockOffsetMs = 0;
  /** Users' messages and their change log (on the emulator's clock). */
  readonly mailboxes = new Mailboxes(() => this.now());
  /** Outlook's concurrency limit per mailbox per app, and Graph's artificial latency. */
  readonly mailboxConcurrency = new MailboxConcurrency();
  /** Change-notification subscriptions on those mailboxes, and the notifications sent for them. */
  readonly subscriptions = new Subscriptions(() => this.now(), this.mailboxes);
  lifetimes: Lifetimes;
  readonly initialApps: EmulatorAppRegistration[];

  constructor(
    private readonly initialLifetimes: Partial<Lifetimes> = {},
    apps: EmulatorAppRegistration[] = [],
  ) {
    this.lifetimes = { ...DEFAULT_LIFETIMES, ...initialLifetimes };
    this.initialApps = apps;
    for (const app of apps) this.registerApp(app);
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  nowDate(): Date {
    return new Date(this.now());
  }

  registerApp(app: EmulatorAppRegistration): EmulatorAppRegistration {
    if (!app || typeof app.clientId !== 'string' || !app.clientId) throw new Error('clientId is required');
    if (!Array.isArray(app.redirectUris)) throw new Error('redirectUris must be an array');
    if (app.clientType !== 'confidential' && app.clientType !== 'public') throw new Error("clientType must be 'confidential' or 'public'");
    if (app.clientType === 'confidential' && !app.clientSecret) throw new Error('a confidential app needs a clientSecret');
    for (const uri of app.redirectUris) {
      const problem = redirectUriProblem(uri);
      if (problem) throw new Error(`redirect URI ${uri}: ${problem}`);
    }
    if (app.secretExpiresAt !== undefined && Number.isNaN(Date.parse(app.secretExpiresAt))) throw new Error('secretExpiresAt must be an ISO date');
    const stored: EmulatorAppRegistration = { ...app, redirectUris: app.redirectUris.map(normalizeRedirectUri) };
    this.apps.set(app.clientId.toLowerCase(), stored);
    return stored;
  }

  getApp(clientId: string | undefined): EmulatorAppRegistration | undefined {
    return clientId ? this.apps.get(clientId.toLowerCase()) : undefined;
  }

  expireSecret(clientId: string): void {
    const app = this.getApp(clientId);
    if (!app) throw new Error(`unknown app ${clientId}`);
    app.secretExpiresAt = new Date(this.now() - 1000).toISOString();
  }

  resolveTenant(segment: string): ResolvedTenant | undefined {
    const path = segment.toLowerCase();
    if (path === 'common' || path === 'organizations') return { path, kind: path };
    if (path === 'consumers') return { path, kind: 'consumers', tid: CONSUMERS_TENANT_ID };
    if (UUID_RE.test(path)) {
      if (path === WORK_TENANT_ID || path === CONSUMERS_TENANT_ID) return { path, kind: 'tenant', tid: path };
      return undefined;
    }
    if ((EMULATOR_TENANTS.work.domains as readonly string[]).includes(path)) return { path, kind: 'tenant', tid: WORK_TENANT_ID };
    return undefined;
  }

  /** Users who can sign in through a tenant path. */
  usersFor(tenant: ResolvedTenant): EmulatorUser[] {
    const all = Object.values(EMULATOR_USERS);
    switch (tenant.kind) {
      case 'common':
        return all;
      case 'organizations':
        return all.filter((u) => u.accountType !== 'personal');
      case 'consumers':
        return all.filter((u) => u.accountType === 'personal');
      default:
        return all.filter((u) => u.tid === tenant.tid);
    }
  }

  grantKey(user: EmulatorUserKey, clientId: string): string {
    return `${user}|${clientId.toLowerCase()}`;
  }

  /** Revokes a user's consent to an app (or to every app): refresh tokens answer AADSTS65001 consent_required. */
  revokeUserGrant(user: EmulatorUserKey, clientId?: string): number {
    let count = 0;
    for (const key of [...this.grants.keys()]) {
      const [u, c] = key.split('|');
      if (u === user && (!clientId || c === clientId.toLowerCase())) this.grants.delete(key);
    }
    for (const rt of this.refreshTokens.values()) {
      if (rt.userKey === user && (!clientId || rt.clientId.toLowerCase() === clientId.toLowerCase()) && !rt.revokedWith) {
        rt.revokedWith = 65001;
        count++;
      }
    }
    return count;
  }

  /** Revokes every refresh token of a user (password reset / admin revocation: 50173; MFA step-up: 50076...). */
  revokeUserSessions(user: EmulatorUserKey, code = 50173, clientId?: string): number {
    let count = 0;
    for (const rt of this.refreshTokens.values()) {
      if (rt.userKey === user && (!clientId || rt.clientId.toLowerCase() === clientId.toLowerCase())) {
        rt.revokedWith = code;
        count++;
      }
    }
    return count;
  }

  /**
   * Load-testing helper: `count` new refresh tokens with the same user, app, tenant and scope as `token`, as if the
   * user had consented that many times (bench/ seeds 100k connections without 100k browser round trips).
   */
  cloneRefreshToken(token: string, count: number): string[] {
    const source = this.refreshTokens.get(token);
    if (!source) throw new Error('unknown refresh token');
    if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new Error('count must be 1 to 1000000');
    const prefix = token.slice(0, token.startsWith('M.C5') ? 4 : 3);
    const issuedAt = this.now();
    return Array.from({ length: count }, () => {
      const clone = `${prefix}${randomToken(160)}`;
      this.refreshTokens.set(clone, { ...source, token: clone, issuedAt, revokedWith: undefined });
      return clone;
    });
  }

  revokeRefreshToken(token: string, code = 50173): boolean {
    const rt = this.refreshTokens.get(token);
    if (!rt) return false;
    rt.revokedWith = code;
    return true;
  }

  injectFaults(specs: FaultSpec | FaultSpec[]): ActiveFault[] {
    const list = Array.isArray(specs) ? specs : [specs];
    const added = list.map((spec): ActiveFault => {
      const kind = ({ '429': 'throttle', '503': 'unavailable', '500': 'server_error', '504': 'gateway_timeout' } as Record<string, FaultKind>)[spec.kind] ?? spec.kind;
      if (!['throttle', 'unavailable', 'server_error', 'delay', 'drop', 'malformed', 'gateway_timeout'].includes(kind)) throw new Error(`unknown fault kind ${spec.kind}`);
      const target = spec.target ?? 'token';
      if (target !== 'token' && target !== 'graph') throw new Error(`unknown fault target ${String(target)}`);
      let retryAfter: string | null;
      if (spec.retryAfter === null) retryAfter = null;
      else if (spec.retryAfter === undefined) retryAfter = kind === 'throttle' ? '1' : null;
      else retryAfter = String(spec.retryAfter);
      return {
        target,
        kind: kind as FaultKind,
        count: Math.max(1, Math.floor(spec.count ?? 1)),
        retryAfter,
        delayMs: spec.delayMs ?? 1000,
        clientId: spec.clientId,
        grantType: spec.grantType,
        method: spec.method?.toUpperCase(),
        path: spec.path,
        code: spec.code,
      };
    });
    this.faults.push(...added);
    return added;
  }

  /** Takes the first fault that applies to this call (and uses up one of its count). */
  takeFault(target: 'token' | 'graph', clientId?: string, grantType?: string, call?: { method: string; path: string }): ActiveFault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        f.target === target &&
        (!f.clientId || f.clientId.toLowerCase() === (clientId ?? '').toLowerCase()) &&
        (!f.grantType || f.grantType === grantType) &&
        (!f.method || f.method === call?.method) &&
        (!f.path || (call?.path ?? '').toLowerCase().startsWith(f.path.toLowerCase())),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.count--;
    if (fault.count <= 0) this.faults.splice(index, 1);
    return fault;
  }

  countToken(clientId: string | undefined, grantType: string | undefined, outcome: string, errorCode?: number): void {
    const c = this.counters.token;
    const client = clientId || '(none)';
    const grant = grantType || '(none)';
    c.total++;
    inc(c.byOutcome, outcome);
    inc(c.byGrantType, grant);
    if (errorCode !== undefined) inc(c.byErrorCode, String(errorCode));
    const pc = (c.byClientId[client] ??= { total: 0, byOutcome: {}, byGrantType: {} });
    pc.total++;
    inc(pc.byOutcome, outcome);
    inc(pc.byGrantType, grant);
  }

  countAuthorize(clientId: string | undefined, outcome: string): void {
    const c = this.counters.authorize;
    c.total++;
    inc(c.byOutcome, outcome);
    const pc = (c.byClientId[clientId || '(none)'] ??= { total: 0, byOutcome: {} });
    pc.total++;
    inc(pc.byOutcome, outcome);
  }

  countGraph(path: string, outcome: string): void {
    const c = this.counters.graph;
    c.total++;
    inc(c.byOutcome, outcome);
    inc(c.byPath, path);
  }

  /** A user's access tokens (every one when no user is named) answer 401 "token is expired" from now on. */
  expireAccessTokens(userKey?: EmulatorUserKey): number {
    let count = 0;
    for (const token of this.accessTokens.values()) {
      if (userKey && token.userKey !== userKey) continue;
      token.expiresAt = Math.min(token.expiresAt, this.now());
      count++;
    }
    return count;
  }

  logToken(entry: TokenRequestLogEntry): void {
    this.tokenLog.push(entry);
    if (this.tokenLog.length > 200) this.tokenLog.shift();
  }

  resetCounters(): void {
    this.counters = emptyCounters();
    this.tokenLog = [];
    this.mailboxConcurrency.resetCounters();
  }

  /** Forgets codes, tokens, grants, delivered mail, faults, counters, clock offset and lifetime changes. Apps stay registered unless `apps` is true. */
  reset(opts: { apps?: boolean } = {}): void {
    this.codes.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
    this.grants.clear();
    this.pending.clear();
    this.mailboxes.reset();
    this.mailboxConcurrency.reset();
    this.subscriptions.reset();
    this.faults = [];
    this.resetCounters();
    this.clockOffsetMs = 0;
    this.lifetimes = { ...DEFAULT_LIFETIMES, ...this.initialLifetimes };
    if (opts.apps) {
      this.apps.clear();
      for (const app of this.initialApps) this.registerApp(app);
    }
  }
}
