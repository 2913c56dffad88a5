import type { MailChangeType } from '@app/database';

/** A change notification item that passed the shape checks (still untrusted until its clientState matches). */
export interface ChangeItem {
  subscriptionId: string;
  clientState: unknown;
  changeType: MailChangeType;
  resource: string;
  messageId: string;
  /** The message version Graph names (@odata.etag); two real updates differ, a redelivery does not. */
  etag: string;
}

type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface LifecycleItem {
  subscriptionId: string;
  clientState: unknown;
  lifecycleEvent: LifecycleEvent;
}

const CHANGE_TYPES: readonly string[] = ['created', 'updated', 'deleted'];
const LIFECYCLE_EVENTS: readonly string[] = ['reauthorizationRequired', 'subscriptionRemoved', 'missed'];
/** Graph ids are base64url-ish: letters, digits, - _ = + / and a few more; never control characters or quotes. */
const ID = /^[A-Za-z0-9\-_=+/.:!@$()]{1,512}$/;
const SUBSCRIPTION_ID = /^[A-Za-z0-9-]{1,128}$/;
const PRINTABLE = /^[\x20-\x7e]*$/;

/** The items of a notification body: null when the body is not Graph's envelope (`{"value": [...]}`). */
export function notificationItems(body: unknown): unknown[] | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const value = (body as { value?: unknown }).value;
  return Array.isArray(value) ? value : null;
}

/**
 * One change item read defensively: every field is untrusted. Null when anything Latchkey relies on is missing or
 * odd (the caller drops and counts it); the message id is resourceData.id, and the resource must name it.
 */
export function readChangeItem(raw: unknown): ChangeItem | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const item = raw as Record<string, unknown>;
  const data = item.resourceData as Record<string, unknown> | null | undefined;
  const { subscriptionId, changeType, resource } = item;
  if (typeof subscriptionId !== 'string' || !SUBSCRIPTION_ID.test(subscriptionId)) return null;
  if (typeof changeType !== 'string' || !CHANGE_TYPES.includes(changeType)) return null;
  if (typeof data !== 'object' || data === null) return null;
  const messageId = data.id;
  if (typeof messageId !== 'string' || !ID.test(messageId)) return null;
  if (typeof resource !== 'string' || resource.length > 1024 || !PRINTABLE.test(resource) || !resource.includes(messageId)) return null;
  const etag = data['@odata.etag'];
  if (etag !== undefined && (typeof etag !== 'string' || etag.length > 256)) return null;
  return { subscriptionId, clientState: item.clientState, changeType: changeType as MailChangeType, resource, messageId, etag: etag ?? '' };
}

export function readLifecycleItem(raw: unknown): LifecycleItem | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { subscriptionId, lifecycleEvent, clientState } = raw as Record<string, unknown>;
  if (typeof subscriptionId !== 'string' || !SUBSCRIPTION_ID.test(subscriptionId)) return null;
  if (typeof lifecycleEvent !== 'string' || !LIFECYCLE_EVENTS.includes(lifecycleEvent)) return null;
  return { subscriptionId, clientState, lifecycleEvent: lifecycleEvent as LifecycleEvent };
}
