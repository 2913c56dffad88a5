import type { AppConfig } from '@app/config';
import type { ConnectorEntity } from '@app/database';
import { callbackRegistration, callbackUrl, CallbackRegistration } from './callback-url';
import { MailNotificationsView, toMailNotificationsView } from './mail-notifications';
import { findScope } from './outlook-email.scopes';

/** Days before its expiry from which a client secret shows a warning. */
const SECRET_EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface ConnectorWarning {
  code: 'client_secret_expiring' | 'client_secret_expired' | 'connector_misconfigured' | 'connections_missing_scopes';
  message: string;
}

/** Answer of a save that re-checked a flagged connector's credentials against Microsoft's token endpoint. */
export interface CredentialCheck {
  /** passed: the flag is lifted; failed: Microsoft still refuses the app (flag kept); unverified: lifted, not proven. */
  result: 'passed' | 'failed' | 'unverified';
  connectionId: string | null;
  microsoftError: string | null;
  message: string;
}

export interface ConnectorView {
  kind: 'outlook-email';
  configured: boolean;
  id: string | null;
  appMode: 'private' | 'default';
  defaultAppAvailable: boolean;
  clientId: string | null;
  clientType: 'confidential' | 'public';
  clientSecret: {
    set: boolean;
    updatedAt: string | null;
    hint: string | null;
    expiresAt: string | null;
    expiresInDays: number | null;
  };
  tenant: string;
  scopes: string[];
  requiredScopes: string[];
  scopeDetails: Array<{ name: string; required: boolean; adminConsentRequired: boolean; workAccountsOnly: boolean }>;
  callbackUrl: string;
  redirectUri: CallbackRegistration & { registrationRequired: boolean };
  displayName: string;
  description: string | null;
  logoUrl: string | null;
  enabled: boolean;
  /** false: one Microsoft account per end user (a new one replaces the old); true: several. */
  multipleAccounts: boolean;
  /** Graph change notifications for every active connection's mailbox, forwarded as mail.message.* events. */
  mailNotifications: MailNotificationsView;
  warnings: ConnectorWarning[];
  /** Active connections to which Microsoft did not grant every scope of the connector (their Graph calls may get 403). */
  connectionsMissingScopes: number;
  /** Only in the answer of a save that re-checked a flagged connector. */
  credentialCheck?: CredentialCheck;
  createdAt: string | null;
  updatedAt: string | null;
}

/** The platform-wide callback of the default app: registered once by the operator, shared by every customer. */
export function defaultAppCallbackUrl(publicUrl: string): string {
  return `${publicUrl}/oauth/callback`;
}

/** The one mapper from a stored connector to what the API shows: the secret never leaves as anything but metadata. */
export function toConnectorView(
  entity: ConnectorEntity,
  customerSlug: string,
  config: AppConfig,
  configured: boolean,
  connectionsMissingScopes = 0,
  now = new Date(),
): ConnectorView {
  const defaultMode = entity.appMode === 'default';
  const clientSecret = clientSecretView(entity, now);
  return {
    kind: 'outlook-email',
    configured,
    id: configured ? entity.id : null,
    appMode: entity.appMode,
    defaultAppAvailable: config.microsoft.defaultApp !== null,
    clientId: defaultMode ? (config.microsoft.defaultApp?.clientId ?? null) : entity.clientId,
    clientType: entity.clientType,
    clientSecret,
    tenant: entity.tenant,
    scopes: entity.scopes,
    requiredScopes: ['offline_access'],
    scopeDetails: entity.scopes.map(scopeDetail),
    callbackUrl: defaultMode ? defaultAppCallbackUrl(config.publicUrl) : callbackUrl(config.publicUrl, customerSlug),
    redirectUri: redirectUriView(entity, customerSlug, config.publicUrl),
    displayName: entity.displayName,
    description: entity.description,
    logoUrl: entity.logoUrl,
    enabled: entity.enabled,
    multipleAccounts: entity.multipleAccounts,
    mailNotifications: toMailNotificationsView(entity, config.mailNotifications),
    warnings: connectorWarnings(entity, configured, clientSecret.expiresInDays, connectionsMissingScopes, now),
    connectionsMissingScopes,
    createdAt: configured ? entity.createdAt.toISOString() : null,
    updatedAt: configured ? entity.updatedAt.toISOString() : null,
  };
}

/** The stored secret as metadata only: whether it is set, when, its hint and its expiry. */
function clientSecretView(entity: ConnectorEntity, now: Date): ConnectorView['clientSecret'] {
  const expiresAt = entity.clientSecretExpiresAt;
  return {
    set: Boolean(entity.clientSecretEncrypted),
    updatedAt: entity.clientSecretUpdatedAt?.toISOString() ?? null,
    hint: entity.clientSecretHint,
    expiresAt: expiresAt?.toISOString() ?? null,
    expiresInDays: expiresAt ? Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS) : null,
  };
}

function scopeDetail(name: string): ConnectorView['scopeDetails'][number] {
  const def = findScope(name);
  return {
    name,
    required: def?.required ?? false,
    adminConsentRequired: def?.adminConsentRequired ?? false,
    workAccountsOnly: def?.workAccountsOnly ?? false,
  };
}

/** Where Microsoft sends the user back: the customer's own callback to register, or the default app's shared one. */
function redirectUriView(entity: ConnectorEntity, customerSlug: string, publicUrl: string): ConnectorView['redirectUri'] {
  if (entity.appMode === 'default') {
    return { url: defaultAppCallbackUrl(publicUrl), platform: 'web', platformLabel: 'Web', registrationRequired: false };
  }
  return { ...callbackRegistration(publicUrl, customerSlug, entity.clientType), registrationRequired: true };
}

/** What needs the customer's attention, most urgent first: a refused app, then the secret's expiry, then missing scopes. */
function connectorWarnings(
  entity: ConnectorEntity,
  configured: boolean,
  expiresInDays: number | null,
  connectionsMissingScopes: number,
  now: Date,
): ConnectorWarning[] {
  const warnings: ConnectorWarning[] = [];
  if (configured && entity.misconfiguredAt) {
    warnings.push({
      code: 'connector_misconfigured',
      message: `Microsoft refused this app on ${entity.misconfiguredAt.toISOString()}${entity.misconfiguredCode ? ` (${entity.misconfiguredCode})` : ''}: ${entity.misconfiguredReason ?? 'check the client ID and secret'} Token refreshes are paused until you save a fix here.`,
    });
  }
  const expiry = configured ? secretExpiryWarning(entity, expiresInDays, now) : null;
  if (expiry) warnings.push(expiry);
  if (connectionsMissingScopes > 0) {
    warnings.push({
      code: 'connections_missing_scopes',
      message: `${connectionsMissingScopes} connection(s) lack scopes this connector asks for (see missingScopes on each): Microsoft did not grant them, so Graph answers 403 to calls that need them. Ask those end users to reconnect, or an admin to consent.`,
    });
  }
  return warnings;
}

/** Only a private confidential app has a secret of its own to renew. */
function secretExpiryWarning(entity: ConnectorEntity, expiresInDays: number | null, now: Date): ConnectorWarning | null {
  const expiresAt = entity.clientSecretExpiresAt;
  if (entity.appMode === 'default' || entity.clientType !== 'confidential' || !expiresAt) return null;
  if (expiresAt.getTime() <= now.getTime()) {
    return {
      code: 'client_secret_expired',
      message: `The client secret expired on ${expiresAt.toISOString().slice(0, 10)}. Create a new secret in Azure (Certificates & secrets) and save its value here; until then no one can connect.`,
    };
  }
  if (expiresInDays !== null && expiresInDays < SECRET_EXPIRY_WARNING_DAYS) {
    return {
      code: 'client_secret_expiring',
      message: `The client secret expires in ${expiresInDays} day(s), on ${expiresAt.toISOString().slice(0, 10)}. Create a new secret in Azure and save its value here before then.`,
    };
  }
  return null;
}
