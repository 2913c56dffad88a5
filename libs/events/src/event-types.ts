/** Every event type, in the order the API documents them. Values never change once shipped: receivers switch on them. */
export const EVENT_TYPES = [
  'connection.created',
  'connection.reconnected',
  'connection.needs_reauth',
  'connection.recovered',
  'connection.deleted',
  'connector.misconfigured',
  'connector.recovered',
  'connector.secret_expiring',
  'mail.message.created',
  'mail.message.updated',
  'mail.message.deleted',
  'mail.sync_required',
  'webhook.test',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}
