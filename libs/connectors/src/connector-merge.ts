import { DomainError, FieldError, UUID_RE } from '@app/common';
import { ConnectorEntity } from '@app/database';
import { defaultConnector } from './connector-defaults';
import type { ConnectorInput } from './connector.input';
import { applyMailNotifications, checkMailNotifications } from './mail-notifications';
import { normalizeScopes } from './scope-policy';
import { normalizeTenant } from './tenant-policy';

/** What a merge needs from outside, passed in so that it stays a pure function of its arguments. */
export interface MergeContext {
  customerId: string;
  /** graphResource of MICROSOFT_GRAPH_URL: qualified scopes must name it. */
  graphResource: string;
  /** Whether the operator configured a platform app (appMode "default" needs one). */
  defaultAppAvailable: boolean;
  /** Whether Graph can reach this installation (PUBLIC_URL https in production): mail notifications need it. */
  mailNotificationsAvailable: boolean;
  /** Seals a client secret to the connector row it is stored in (SecretBox with the row's AAD in the service). */
  sealSecret: (secret: string, connectorId: string) => string;
  now: Date;
}

/**
 * The connector a save stores: the stored one (or the defaults on the first save) with the input applied, checked as
 * a whole. Throws the first DomainError that stops the save, or VALIDATION_FAILED with every field error collected.
 * A misconfiguration flag stays through the save: CredentialCheckService.recheckCredentials lifts it once Microsoft accepts
 * the new settings, so the sweeper does not pick these connections before that.
 */
export function mergeConnector(existing: ConnectorEntity | null, input: ConnectorInput, context: MergeContext): ConnectorEntity {
  const next = Object.assign(new ConnectorEntity(), existing ?? defaultConnector(context.customerId, context.now));
  applyAppFields(next, input, existing === null, context.graphResource);
  applyCatalogFields(next, input);
  const errors = applyClientSecret(next, input, context);
  checkAppMode(next, errors, context.defaultAppAvailable);
  if (errors.length > 0) {
    throw new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), { errors });
  }
  applyMailNotifications(next, input.mailNotifications);
  // Also when only the scopes change: removing the last mail scope of a connector with notifications on is refused.
  if (existing === null || input.mailNotifications !== undefined || input.scopes !== undefined || input.tenant !== undefined) {
    checkMailNotifications(next, context.mailNotificationsAvailable);
  }
  return next;
}

/** The Azure app and what it signs in for; scopes are renormalised on the first save and whenever the tenant changes. */
function applyAppFields(next: ConnectorEntity, input: ConnectorInput, firstSave: boolean, graphResource: string): void {
  if (input.appMode !== undefined) next.appMode = input.appMode;
  if (input.clientType !== undefined) next.clientType = input.clientType;
  if (input.clientId !== undefined) next.clientId = input.clientId === null ? null : input.clientId.toLowerCase();
  if (input.tenant !== undefined) next.tenant = normalizeTenant(input.tenant);
  if (input.scopes !== undefined || firstSave || input.tenant !== undefined) {
    next.scopes = normalizeScopes(input.scopes ?? next.scopes, next.tenant, graphResource);
  }
}

/** How the connector shows in the customer's catalog. */
function applyCatalogFields(next: ConnectorEntity, input: ConnectorInput): void {
  if (input.displayName !== undefined) next.displayName = input.displayName.trim();
  if (input.description !== undefined) next.description = input.description;
  if (input.logoUrl !== undefined) next.logoUrl = input.logoUrl;
  if (input.enabled !== undefined) next.enabled = input.enabled;
  if (input.multipleAccounts !== undefined) next.multipleAccounts = input.multipleAccounts;
}

/** The client secret and its expiry; returns the field errors of a secret that cannot be what Azure issued. */
function applyClientSecret(next: ConnectorEntity, input: ConnectorInput, context: MergeContext): FieldError[] {
  if (input.clientSecretExpiresAt !== undefined) {
    next.clientSecretExpiresAt = input.clientSecretExpiresAt === null ? null : new Date(input.clientSecretExpiresAt);
  }
  if (input.clientSecret === undefined) return [];
  if (input.clientSecret === null) {
    next.clientSecretEncrypted = null;
    next.clientSecretHint = null;
    next.clientSecretUpdatedAt = context.now;
    return [];
  }
  const secret = input.clientSecret.trim();
  if (next.clientType === 'public') {
    throw new DomainError(
      'CLIENT_SECRET_NOT_ALLOWED',
      'A public client (registered under "Mobile and desktop applications") signs in with PKCE only; Microsoft refuses a secret from it (AADSTS700025). Remove clientSecret or set clientType to "confidential".',
      { errors: [{ field: 'clientSecret', code: 'not_allowed_for_public_client', message: 'Public clients have no client secret' }] },
    );
  }
  if (UUID_RE.test(secret)) {
    return [
      {
        field: 'clientSecret',
        code: 'secret_id_not_value',
        message: 'This looks like the Secret ID (a GUID). Paste the secret\'s Value column from "Certificates & secrets" instead; Microsoft would refuse the ID with AADSTS7000215.',
      },
    ];
  }
  if (secret === '' || /\s/.test(secret)) {
    return [{ field: 'clientSecret', code: 'invalid_secret', message: 'clientSecret must not be empty or contain spaces' }];
  }
  next.clientSecretEncrypted = context.sealSecret(secret, next.id);
  next.clientSecretHint = secret.slice(-4);
  next.clientSecretUpdatedAt = context.now;
  return [];
}

/** What the chosen app mode needs: a platform app for "default"; a client id, and a secret if confidential, for "private". */
function checkAppMode(next: ConnectorEntity, errors: FieldError[], defaultAppAvailable: boolean): void {
  if (next.appMode === 'default' && !defaultAppAvailable) {
    throw new DomainError(
      'DEFAULT_APP_UNAVAILABLE',
      'This Latchkey installation has no default Microsoft app (MICROSOFT_CLIENT_ID is not set). Use appMode "private" with your own Azure app.',
      { errors: [{ field: 'appMode', code: 'default_app_unavailable', message: 'No platform default app is configured' }] },
    );
  }
  if (next.appMode !== 'private') return;
  if (!next.clientId) {
    errors.push({ field: 'clientId', code: 'required', message: 'clientId is required for a private app: copy the Application (client) ID from the Azure app overview' });
  }
  if (next.clientType === 'confidential' && !next.clientSecretEncrypted && !errors.some((e) => e.field === 'clientSecret')) {
    throw new DomainError(
      'CLIENT_SECRET_REQUIRED',
      'A confidential app needs its client secret: in Azure, open "Certificates & secrets", create a secret and paste its Value. Or set clientType to "public" if the redirect URI is registered under "Mobile and desktop applications".',
      { errors: [...errors, { field: 'clientSecret', code: 'required', message: 'clientSecret is required for a confidential client' }] },
    );
  }
}
