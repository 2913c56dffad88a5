import { DomainError } from '@app/common';
import type { ConnectorEntity, MailChangeType, MailFolderSetting } from '@app/database';

export const MAIL_FOLDERS: readonly MailFolderSetting[] = ['inbox', 'all'];
export const MAIL_CHANGE_TYPES: readonly MailChangeType[] = ['created', 'updated', 'deleted'];

/** Graph's mail resources: one folder, or the whole mailbox. */
export const MAIL_RESOURCES: Record<MailFolderSetting, string> = {
  inbox: "me/mailFolders('Inbox')/messages",
  all: 'me/messages',
};

/** Any of these lets Graph accept a mail subscription (Mail.ReadWrite includes reading). */
const MAIL_READ_SCOPES = ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'];

/** A save of the connector's mail notifications: fields left out keep their value. */
export interface MailNotificationsInput {
  enabled?: boolean;
  folder?: MailFolderSetting;
  changeTypes?: MailChangeType[];
}

export interface MailNotificationsView {
  enabled: boolean;
  folder: MailFolderSetting;
  changeTypes: MailChangeType[];
  /** Where Graph sends change notifications ({PUBLIC_URL}/graph/notifications). */
  notificationUrl: string;
  /** Where Graph sends lifecycle notifications ({PUBLIC_URL}/graph/lifecycle). */
  lifecycleNotificationUrl: string;
}

/** The stored settings with `input` applied; the change types deduplicated in Graph's order. */
export function applyMailNotifications(next: ConnectorEntity, input: MailNotificationsInput | undefined): void {
  if (!input) return;
  if (input.enabled !== undefined) next.mailNotificationsEnabled = input.enabled;
  if (input.folder !== undefined) next.mailNotificationsFolder = input.folder;
  if (input.changeTypes !== undefined) {
    if (input.changeTypes.length === 0) {
      throw DomainError.invalidField('mailNotifications.changeTypes', 'empty', 'mailNotifications.changeTypes needs at least one of created, updated, deleted');
    }
    next.mailNotificationsChangeTypes = MAIL_CHANGE_TYPES.filter((t) => input.changeTypes!.includes(t));
  }
}

/**
 * Enabled notifications need a scope that lets Graph accept the subscription, on an installation Graph can reach.
 * `.default` asks for whatever the Azure app has configured: accepted, as Latchkey cannot see it.
 */
export function checkMailNotifications(next: ConnectorEntity, available: boolean): void {
  if (!next.mailNotificationsEnabled) return;
  if (!available) {
    throw new DomainError(
      'MAIL_NOTIFICATIONS_UNAVAILABLE',
      'Mail notifications need this installation to be reachable by Microsoft Graph over https: its PUBLIC_URL is not https. Ask the operator.',
      { errors: [{ field: 'mailNotifications.enabled', code: 'unavailable', message: 'PUBLIC_URL is not https' }] },
    );
  }
  if (next.scopes.some((s) => MAIL_READ_SCOPES.includes(s) || s === '.default')) return;
  throw new DomainError(
    'MAIL_SCOPE_REQUIRED',
    'Mail notifications need Graph to let Latchkey subscribe to the mailbox: add "Mail.ReadBasic" (or "Mail.Read") to scopes. End users connected before must reconnect to grant it.',
    { errors: [{ field: 'scopes', code: 'mail_scope_required', value: 'Mail.ReadBasic', allowed: ['Mail.ReadBasic', 'Mail.Read'], message: 'Add Mail.ReadBasic or Mail.Read to scopes' }] },
  );
}

/** Whether a save changed what the connections' subscriptions must be (on, off, another folder or change types). */
export function mailNotificationsChanged(before: ConnectorEntity | null, after: ConnectorEntity): boolean {
  if (!before) return after.mailNotificationsEnabled;
  if (before.mailNotificationsEnabled !== after.mailNotificationsEnabled) return true;
  if (!after.mailNotificationsEnabled) return false;
  return before.mailNotificationsFolder !== after.mailNotificationsFolder || before.mailNotificationsChangeTypes.join(',') !== after.mailNotificationsChangeTypes.join(',');
}

export function toMailNotificationsView(entity: ConnectorEntity, urls: { notificationUrl: string; lifecycleUrl: string }): MailNotificationsView {
  return {
    enabled: entity.mailNotificationsEnabled,
    folder: entity.mailNotificationsFolder,
    changeTypes: entity.mailNotificationsChangeTypes,
    notificationUrl: urls.notificationUrl,
    lifecycleNotificationUrl: urls.lifecycleUrl,
  };
}
