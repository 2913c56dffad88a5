/** Shapes of the /v1 answers the console reads (see the API's views and presenters). */

export interface ConsoleSession {
  signedIn: true;
  member: { id: string; email: string };
  customer: { id: string; name: string; slug: string };
  csrfToken: string;
}

/** GET /v1/console/session answers 200 either way. */
export type SessionAnswer = ConsoleSession | { signedIn: false };

export interface InviteView {
  email: string;
  customerName: string;
  expiresAt: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export type AppMode = 'private' | 'default';
export type ClientType = 'confidential' | 'public';

export interface ConnectorWarning {
  code: 'client_secret_expiring' | 'client_secret_expired' | 'connector_misconfigured' | string;
  message: string;
}

export interface ConnectorView {
  kind: 'outlook-email';
  configured: boolean;
  id: string | null;
  appMode: AppMode;
  /** False when the platform has no default Microsoft app: appMode "default" cannot be chosen. */
  defaultAppAvailable: boolean;
  clientId: string | null;
  clientType: ClientType;
  clientSecret: { set: boolean; updatedAt: string | null; hint: string | null; expiresAt: string | null; expiresInDays: number | null };
  tenant: string;
  scopes: string[];
  requiredScopes: string[];
  callbackUrl: string;
  redirectUri: { url: string; platform: 'web' | 'mobile_and_desktop'; platformLabel: string; registrationRequired: boolean };
  displayName: string;
  description: string | null;
  logoUrl: string | null;
  enabled: boolean;
  multipleAccounts: boolean;
  warnings: ConnectorWarning[];
  /** Active connections missing a scope the connector asks for. */
  connectionsMissingScopes: number;
  createdAt: string | null;
  updatedAt: string | null;
}

/** The body of PUT /v1/connectors/outlook-email: fields left out keep their value. */
export interface ConnectorUpdate {
  appMode?: AppMode;
  clientId?: string | null;
  clientType?: ClientType;
  clientSecret?: string | null;
  clientSecretExpiresAt?: string | null;
  tenant?: string;
  scopes?: string[];
  displayName?: string;
  description?: string | null;
  logoUrl?: string | null;
  enabled?: boolean;
  multipleAccounts?: boolean;
}

export interface ScopeDefinition {
  name: string;
  group: string;
  description: string;
  adminConsentRequired: boolean;
  workAccountsOnly: boolean;
  required: boolean;
}

export type ConnectionStatus = 'active' | 'needs_reauth' | 'tenant_blocked' | 'error';

export interface ConnectionView {
  id: string;
  connector: 'outlook-email';
  endUser: { id: string; email: string | null; displayName: string | null };
  account: { tenantId: string; objectId: string; label: string | null; displayName: string | null; type: 'personal' | 'work_or_school' };
  scopes: string[];
  missingScopes: string[];
  status: ConnectionStatus;
  statusReason: string | null;
  statusCode: string | null;
  tokenExpiresAt: string | null;
  nextRefreshAt: string | null;
  refreshFailures: number;
  lastRefreshError: string | null;
  readCount: number;
  lastRefreshedAt: string | null;
  lastReadAt: string | null;
  connectedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConnectionEvent {
  id: string;
  status: string;
  code: string | null;
  reason: string | null;
  /** Not sent by every API version; shown when present. */
  explanation?: string | null;
  at: string;
}

export type AttemptStatus = 'pending' | 'connected' | 'failed' | 'declined' | 'abandoned';

export interface ConnectAttempt {
  id: string;
  connector: 'outlook-email';
  endUserId: string;
  status: AttemptStatus;
  error: string | null;
  errorCode: string | null;
  explanation: string | null;
  connectionId: string | null;
  accountLabel: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface ApiKey {
  id: string;
  name: string | null;
  prefix: string;
  status: 'active' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey extends ApiKey {
  secret: string;
}

export interface ConnectSessionCreated {
  token: string;
  url: string;
  expiresAt: string;
  endUserId: string;
}

export interface CustomerSettings {
  allowedReturnOrigins: string[];
}
