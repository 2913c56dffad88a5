import type { AppMode, ClientType } from '@app/database';
import type { MailNotificationsInput } from './mail-notifications';

/**
 * A save of the Outlook Email connector: a field left out keeps its stored value (or its default on first save),
 * `null` clears a nullable field. The stored client secret changes only when `clientSecret` is given.
 */
export interface ConnectorInput {
  appMode?: AppMode;
  clientId?: string | null;
  /** The secret's value as pasted from Azure; sealed before it is stored. */
  clientSecret?: string | null;
  /** ISO 8601. */
  clientSecretExpiresAt?: string | null;
  clientType?: ClientType;
  tenant?: string;
  scopes?: string[];
  displayName?: string;
  description?: string | null;
  logoUrl?: string | null;
  enabled?: boolean;
  multipleAccounts?: boolean;
  mailNotifications?: MailNotificationsInput;
}
