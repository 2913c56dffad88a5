import type { WebhookEventType } from '../api/types';

/** The event types an endpoint can subscribe to, grouped as the form shows them (the API's EVENT_TYPES, in order). */
export const WEBHOOK_EVENT_GROUPS: Array<{ label: string; types: WebhookEventType[] }> = [
  { label: 'Connections', types: ['connection.created', 'connection.reconnected', 'connection.needs_reauth', 'connection.recovered', 'connection.deleted'] },
  { label: 'Connector', types: ['connector.misconfigured', 'connector.recovered', 'connector.secret_expiring'] },
  { label: 'Mail', types: ['mail.message.created', 'mail.message.updated', 'mail.message.deleted', 'mail.sync_required'] },
  { label: 'Webhooks', types: ['webhook.test'] },
];

export const ALL_WEBHOOK_EVENT_TYPES = WEBHOOK_EVENT_GROUPS.flatMap((g) => g.types);
