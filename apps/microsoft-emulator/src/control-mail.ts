import type { EmulatorContext } from './context';
import { Req, Router, sendJson, str } from './http';
import type { EmulatorMessage, NewMessage } from './mailbox';
import type { HeldItem, NotificationAttempt } from './notifier';
import type { EmulatorState } from './state';
import { DeliveryOptions, EmulatorSubscription, LIFECYCLE_EVENTS, LifecycleEvent, parseFolder, SubscriptionLimits } from './subscriptions';
import { EmulatorUserKey, findUser } from './users';

/** A control-call refusal: HTTP status and message. */
class MailControlError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface MailDeliveryInput extends Omit<NewMessage, 'folder'>, DeliveryOptions {
  /** inbox (default), sentitems or drafts, case-insensitive. */
  folder?: string;
}

export type MailUpdate = Partial<Pick<EmulatorMessage, 'isRead' | 'subject' | 'importance'>>;

/** What a mail control call did: the message, the notification POSTs it made, and the items it held for a flush. */
export interface MailControlResult {
  message: EmulatorMessage;
  notifications: NotificationAttempt[];
  held: HeldItem[];
}

/** A subscription as the control API shows it: Graph's fields plus its state in the emulator. */
export interface SubscriptionStatus extends Omit<EmulatorSubscription, 'changeTypes'> {
  state: 'active' | 'expired' | 'removed';
}

/** A hand-made notification: a raw body or `items`, or one well-formed item of the subscription with `override` merged in. */
export interface CustomNotificationInput {
  subscriptionId?: string;
  /** Default: the subscription's notificationUrl (its lifecycleNotificationUrl with `target: "lifecycle"`). */
  url?: string;
  target?: 'notification' | 'lifecycle';
  items?: unknown[];
  /** Sent as is when a string, else as JSON. */
  body?: unknown;
  contentType?: string;
  messageId?: string;
  changeType?: 'created' | 'updated' | 'deleted';
  override?: Record<string, unknown>;
}

function userKey(ref: unknown): EmulatorUserKey {
  const user = findUser(typeof ref === 'string' ? ref : undefined);
  if (!user) throw new MailControlError(`unknown user ${String(ref)} (use work, personal, guest, an oid or a UPN)`);
  return user.key;
}

function subscription(state: EmulatorState, id: string): EmulatorSubscription {
  const sub = state.subscriptions.get(id);
  if (!sub) throw new MailControlError(`unknown subscription ${id}`, 404);
  return sub;
}

export function subscriptionStatus(state: EmulatorState, sub: EmulatorSubscription): SubscriptionStatus {
  const { changeTypes: _changeTypes, ...rest } = sub;
  return { ...rest, state: sub.removed ? 'removed' : state.subscriptions.isLive(sub) ? 'active' : 'expired' };
}

function deliveryOptions(input: DeliveryOptions): DeliveryOptions {
  return { twice: input.twice === true, hold: input.hold === true };
}

/** Puts a message into a user's mailbox and notifies the subscriptions that cover it. */
export async function deliverMail(state: EmulatorState, user: EmulatorUserKey, input: MailDeliveryInput = {}): Promise<MailControlResult> {
  const folder = input.folder === undefined ? undefined : parseFolder(String(input.folder));
  if (input.folder !== undefined && !folder) throw new MailControlError(`unknown folder ${String(input.folder)} (use inbox, sentitems or drafts)`);
  if (input.from !== undefined && (typeof input.from !== 'object' || input.from === null || typeof input.from.address !== 'string')) {
    throw new MailControlError('from must be {name?, address}');
  }
  for (const field of ['subject', 'body'] as const) {
    if (input[field] !== undefined && typeof input[field] !== 'string') throw new MailControlError(`${field} must be a string`);
  }
  const message: NewMessage = { subject: input.subject, body: input.body, from: input.from, folder, importance: input.importance, hasAttachments: input.hasAttachments };
  const run = await state.subscriptions.withDelivery(deliveryOptions(input), () => state.mailboxes.deliver(user, message));
  return { message: run.result, notifications: run.notifications, held: run.held };
}

/** Changes a message (an `updated` change) and notifies. */
export async function updateMail(state: EmulatorState, user: EmulatorUserKey, id: string, patch: MailUpdate, opts: DeliveryOptions = {}): Promise<MailControlResult> {
  const clean: MailUpdate = {};
  if (patch.isRead !== undefined) clean.isRead = patch.isRead === true;
  if (typeof patch.subject === 'string') clean.subject = patch.subject;
  if (patch.importance === 'low' || patch.importance === 'normal' || patch.importance === 'high') clean.importance = patch.importance;
  const run = await state.subscriptions.withDelivery(deliveryOptions(opts), () => state.mailboxes.update(user, id, clean));
  if (!run.result) throw new MailControlError(`unknown message ${id}`, 404);
  return { message: run.result, notifications: run.notifications, held: run.held };
}

/** Deletes a message (a `deleted` change) and notifies. */
export async function deleteMail(state: EmulatorState, user: EmulatorUserKey, id: string, opts: DeliveryOptions = {}): Promise<MailControlResult> {
  const run = await state.subscriptions.withDelivery(deliveryOptions(opts), () => state.mailboxes.remove(user, id));
  if (!run.result) throw new MailControlError(`unknown message ${id}`, 404);
  return { message: run.result, notifications: run.notifications, held: run.held };
}

export async function sendLifecycle(state: EmulatorState, id: string, event: unknown): Promise<NotificationAttempt | null> {
  if (!LIFECYCLE_EVENTS.includes(event as LifecycleEvent)) throw new MailControlError(`event must be one of ${LIFECYCLE_EVENTS.join(', ')}`);
  return state.subscriptions.lifecycle(subscription(state, id), event as LifecycleEvent);
}

export function expireSubscription(state: EmulatorState, id: string): SubscriptionStatus {
  const sub = subscription(state, id);
  state.subscriptions.expire(sub);
  return subscriptionStatus(state, sub);
}

export function sendCustomNotification(state: EmulatorState, input: CustomNotificationInput): Promise<NotificationAttempt> {
  const sub = input.subscriptionId === undefined ? undefined : subscription(state, input.subscriptionId);
  const url = input.url ?? (input.target === 'lifecycle' ? sub?.lifecycleNotificationUrl : sub?.notificationUrl);
  if (!url) throw new MailControlError('give a url, or a subscriptionId whose notification URL (or lifecycle URL) to use');
  const ids = sub ? [sub.id] : [];
  if (input.body !== undefined) {
    const raw = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
    return state.subscriptions.notifier.postRaw(url, raw, input.contentType ?? 'application/json', ids, null);
  }
  let items = input.items;
  if (items === undefined) {
    if (!sub) throw new MailControlError('give items or body, or a subscriptionId to build an item for');
    const messageId = input.messageId ?? state.mailboxes.list(sub.userKey, sub.folder)[0]?.id ?? 'AAMkAGunknown';
    const item = state.subscriptions.changeItem(sub, input.changeType ?? 'created', { id: messageId, changeKey: 'CQAAABcustom' });
    items = [{ ...item, ...(input.override ?? {}) }];
  }
  if (!Array.isArray(items)) throw new MailControlError('items must be an array');
  return state.subscriptions.notifier.postRaw(url, JSON.stringify({ value: items }), input.contentType ?? 'application/json', ids, items);
}

/** A JSON body also when it came without `Content-Type: application/json` (`curl -d` sends form encoding). */
function jsonBody(req: Req): Record<string, unknown> {
  const text = req.text?.trim() ?? '';
  if (req.contentType.includes('application/json') || !text.startsWith('{')) return req.body;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : req.body;
  } catch {
    throw new MailControlError('the body looks like JSON but does not parse');
  }
}

/** Control calls for mail notifications: deliver/change/delete mail, subscriptions' lifecycle, the notification log. */
export function registerMailControlRoutes(router: Router, ctx: EmulatorContext): void {
  const st = ctx.state;
  const route = (method: string, path: string, fn: (req: Req, body: Record<string, unknown>) => unknown, status = 200) =>
    router.on(method, `/_emulator${path}`, async (req) => {
      try {
        const result = await fn(req, jsonBody(req));
        sendJson(req.res, status, result ?? { ok: true }, { 'Cache-Control': 'no-store' });
      } catch (error) {
        sendJson(req.res, error instanceof MailControlError ? error.status : 400, { error: (error as Error).message });
      }
    });
  const options = (req: Req, body: Record<string, unknown>): DeliveryOptions => ({
    twice: body.twice === true || req.url.searchParams.get('twice') === 'true',
    hold: body.hold === true || req.url.searchParams.get('hold') === 'true',
  });

  route('GET', '/mailboxes/:user/messages', (req) => {
    const folder = req.url.searchParams.get('folder');
    const parsed = folder ? parseFolder(folder) : undefined;
    if (folder && !parsed) throw new MailControlError(`unknown folder ${folder}`);
    return { messages: st.mailboxes.list(userKey(req.params.user), parsed) };
  });
  route('POST', '/mailboxes/:user/messages', (req, body) => deliverMail(st, userKey(req.params.user), { ...(body as MailDeliveryInput), ...options(req, body) }), 201);
  route('PATCH', '/mailboxes/:user/messages/:id', (req, body) => updateMail(st, userKey(req.params.user), req.params.id, body as MailUpdate, options(req, body)));
  route('DELETE', '/mailboxes/:user/messages/:id', (req, body) => deleteMail(st, userKey(req.params.user), req.params.id, options(req, body)));

  route('GET', '/notifications', () => ({ notifications: st.subscriptions.notifier.attempts(), held: st.subscriptions.notifier.held }));
  route('POST', '/notifications/flush', async () => ({ notifications: await st.subscriptions.notifier.flush() }));
  route('POST', '/notifications/send', async (_req, body) => ({ notification: await sendCustomNotification(st, body as CustomNotificationInput) }));

  route('GET', '/subscriptions', () => ({ subscriptions: st.subscriptions.all().map((s) => subscriptionStatus(st, s)) }));
  route('POST', '/subscriptions/:id/lifecycle', async (req, body) => {
    const notification = await sendLifecycle(st, req.params.id, str(body.event) ?? req.url.searchParams.get('event'));
    return { subscription: subscriptionStatus(st, subscription(st, req.params.id)), notification };
  });
  route('POST', '/subscriptions/:id/expire', (req) => ({ subscription: expireSubscription(st, req.params.id) }));
  route('GET', '/subscription-limits', () => ({ ...st.subscriptions.limits }));
  route('POST', '/subscription-limits', (_req, body) => st.subscriptions.setLimits(body as Partial<SubscriptionLimits>));
}
