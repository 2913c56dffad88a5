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
/**
 * Ids as Graph makes them are GUIDs (subscriptions) and base64url-ish strings (messages); anything printable without
 * spaces is taken (another Graph-like sender may shape them differently), never control characters or spaces.
 */
const ID = /^[\x21-\x7e]{1,512}$/;
const SUBSCRIPTION_ID = /^[\x21-\x7e]{1,256}$/;
const PRINTABLE = /^[\x20-\x7e]*$/;
/** The message id at the end of a resource path: Users/{id}/Messages/{id} or users('x')/messages('id'). */
const RESOURCE_MESSAGE = /messages(?:\/|\(')([^/'()]+)'?\)?$/i;

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
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const item = raw as Record<string, unknown>;
  const rd = item.resourceData;
  const data = typeof rd === 'object' && rd !== null && !Array.isArray(rd) ? (rd as Record<string, unknown>) : {};
  const { subscriptionId, resource } = item;
  const changeType = typeof item.changeType === 'string' ? item.changeType.toLowerCase() : null;
  if (typeof subscriptionId !== 'string' || !SUBSCRIPTION_ID.test(subscriptionId)) return null;
  if (!changeType || !CHANGE_TYPES.includes(changeType)) return null;
  if (typeof resource !== 'string' || resource.length > 1024 || !PRINTABLE.test(resource)) return null;
  // resourceData.id names the message; without resourceData, the resource's last segment does.
  const messageId = data.id !== undefined ? data.id : RESOURCE_MESSAGE.exec(resource)?.[1];
  if (typeof messageId !== 'string' || !ID.test(messageId) || !resource.includes(messageId)) return null;
  const etag = data['@odata.etag'];
  if (etag !== undefined && etag !== null && (typeof etag !== 'string' || etag.length > 256)) return null;
  return { subscriptionId, clientState: item.clientState, changeType: changeType as MailChangeType, resource, messageId, etag: typeof etag === 'string' ? etag : '' };
}

/** A lifecycle item read defensively; the event's name is matched case-insensitively, like changeType. */
export function readLifecycleItem(raw: unknown): LifecycleItem | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { subscriptionId, lifecycleEvent, clientState } = raw as Record<string, unknown>;
  if (Array.isArray(raw) || typeof subscriptionId !== 'string' || !SUBSCRIPTION_ID.test(subscriptionId)) return null;
  const event = typeof lifecycleEvent === 'string' ? LIFECYCLE_EVENTS.find((e) => e.toLowerCase() === lifecycleEvent.toLowerCase()) : undefined;
  if (!event) return null;
  return { subscriptionId, clientState, lifecycleEvent: event as LifecycleEvent };
}

/**
 * An item that carries `lifecycleEvent`: Graph sends lifecycle events to the notification URL when a subscription
 * has no lifecycle URL (or a sender does so anyway), so both endpoints route items by what they are, not by URL.
 */
export function isLifecycleItem(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && (raw as Record<string, unknown>).lifecycleEvent !== undefined;
}
