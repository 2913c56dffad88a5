import { randomUUID } from 'node:crypto';
import { ConnectorEntity } from '@app/database';
import { DEFAULT_OUTLOOK_SCOPES } from './outlook-email.scopes';

export const OUTLOOK_EMAIL = 'outlook-email';

/** The connector before its first save: the view shows it (configured: false) and the first save starts from it. */
export function defaultConnector(customerId: string, now = new Date()): ConnectorEntity {
  return Object.assign(new ConnectorEntity(), {
    id: randomUUID(),
    customerId,
    kind: OUTLOOK_EMAIL,
    appMode: 'private',
    clientId: null,
    clientType: 'confidential',
    clientSecretEncrypted: null,
    clientSecretHint: null,
    clientSecretUpdatedAt: null,
    clientSecretExpiresAt: null,
    tenant: 'common',
    scopes: [...DEFAULT_OUTLOOK_SCOPES],
    displayName: 'Outlook Email',
    description: 'Connect your Microsoft 365 or Outlook.com mailbox.',
    logoUrl: null,
    enabled: true,
    multipleAccounts: false,
    misconfiguredAt: null,
    misconfiguredCode: null,
    misconfiguredReason: null,
    misconfiguredConnectionId: null,
    secretExpiryNotifiedDays: null,
    secretExpiryNotifiedFor: null,
    mailNotificationsEnabled: false,
    mailNotificationsFolder: 'inbox',
    mailNotificationsChangeTypes: ['created'],
    createdAt: now,
    updatedAt: now,
  } satisfies ConnectorEntity);
}
