import type { MailChangeType, MailFolderSetting } from '@app/database';

/** `data` of mail.message.created / updated / deleted: identifiers only, never the message's content. */
export interface MailMessageEventData {
  connectionId: string;
  endUserId: string;
  messageId: string;
  changeType: MailChangeType;
  /** As Graph named it, e.g. Users/{userId}/Messages/{messageId}. */
  resource: string;
  folder: MailFolderSetting;
  subscriptionId: string;
}

type SyncRequiredReason = 'subscription_removed' | 'missed';

/** `data` of mail.sync_required: notifications may have been lost since `since`; run a delta query. */
export interface MailSyncRequiredData {
  connectionId: string;
  endUserId: string;
  reason: SyncRequiredReason;
  /** Since when to catch up: the last moment the subscription was known to work (ISO 8601). */
  since: string;
  subscriptionId: string;
}
