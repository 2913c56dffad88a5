/** Queue and job names. Values never change once shipped: jobs already in Redis carry them. */
export const QUEUES = {
  system: 'system',
  refresh: 'connection-refresh',
  webhooks: 'webhook-delivery',
  mailSubscriptions: 'mail-subscriptions',
} as const;

export const JOBS = {
  heartbeat: 'heartbeat',
  sweepRefreshes: 'sweep-refreshes',
  refreshConnection: 'refresh-connection',
  housekeeping: 'housekeeping',
  resealSecrets: 'reseal-secrets',
  deliverWebhook: 'deliver-webhook',
  sweepWebhookDeliveries: 'sweep-webhook-deliveries',
  secretExpiryNotices: 'secret-expiry-notices',
  syncMailSubscription: 'sync-mail-subscription',
  sweepMailSubscriptions: 'sweep-mail-subscriptions',
} as const;

/** Housekeeping (abandoned attempts, expired records) runs this often. */
export const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

/** Re-sealing secrets under the active encryption key runs at worker boot and this often (a no-op when done). */
export const RESEAL_SECRETS_EVERY_MS = 60 * 60_000;

export interface RefreshJobData {
  customerId: string;
  connectionId: string;
}

/**
 * Every producer of refresh jobs uses these. Nothing is kept: Postgres holds the state, and a kept job (a failed
 * one above all) would hold its id, so the sweep could never schedule that connection for that due time again.
 */
export const REFRESH_JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true } as const;

/**
 * One job per connection and due time: re-sweeping the same due connection adds nothing. No `:` (BullMQ builds its
 * keys with it). Jobs queued under the old `refresh:` ids still run after an upgrade; the sweep adds the new id
 * too, and the refresher's re-read of the connection makes the second one a no-op.
 */
export function refreshJobId(connectionId: string, dueAt: Date): string {
  return `refresh-${connectionId}-${dueAt.getTime()}`;
}

export const WORKER_HEARTBEAT_EVERY_MS = 15_000;

export interface WebhookJobData {
  customerId: string;
  deliveryId: string;
  /** The attempt this job makes (1 for the first): a job for an attempt already made is a no-op. */
  attempt: number;
}

/** One job per delivery attempt: the relay, the retry and the sweep that re-adds a lost one agree on it (no `:`). */
export function webhookJobId(deliveryId: string, attempt: number): string {
  return `whd-${deliveryId}-${attempt}`;
}

/** Kept for nothing: Postgres holds each delivery's state and attempt log. */
export const WEBHOOK_JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true } as const;

export interface MailSubscriptionJobData {
  customerId: string;
  connectionId: string;
}

/**
 * One job per connection and due time, like refreshes: the sweep re-adding a due row adds nothing, and the sync
 * re-reads the row (a job for a time already handled claims nothing).
 */
export function mailSubscriptionJobId(connectionId: string, dueAt: Date): string {
  return `mailsub-${connectionId}-${dueAt.getTime()}`;
}

/** Kept for nothing: Postgres holds each subscription's state and due time. */
export const MAIL_SUBSCRIPTION_JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true } as const;
