import type { EmulatorMessage, MailChange, MailChangeKind, Mailboxes, MailFolder } from './mailbox';
import { HeldItem, NotificationAttempt, Notifier } from './notifier';
import { EMULATOR_USERS, EmulatorUserKey, findUser } from './users';
import { guid } from './util';

/** A Graph change-notification subscription on a mailbox (the emulator only serves message resources). */
export interface EmulatorSubscription {
  id: string;
  resource: string;
  changeType: string;
  changeTypes: MailChangeKind[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: string;
  applicationId: string;
  creatorId: string;
  userKey: EmulatorUserKey;
  /** Undefined: the whole mailbox (`me/messages`). */
  folder?: MailFolder;
  createdAt: string;
  /** Removed by Graph (`subscriptionRemoved`) or deleted by the app: answers 404 from then on. */
  removed: boolean;
  /** Set by `reauthorizationRequired`, cleared by reauthorize or a renewal. */
  needsReauth: boolean;
  notificationAttempts: number;
}

export interface SubscriptionLimits {
  /** Longest lifetime a create or renewal may ask for, minutes (Outlook resources without resource data: 10,080). */
  maxMinutes: number;
  /** How long each validation handshake may take (Graph: 10 s). */
  validationTimeoutMs: number;
  /** How long the emulator waits for a notification's answer before it logs a timeout. */
  notificationTimeoutMs: number;
  /** Live subscriptions per mailbox (Graph: 1,000). */
  maxPerMailbox: number;
}

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';
export const LIFECYCLE_EVENTS: readonly LifecycleEvent[] = ['reauthorizationRequired', 'subscriptionRemoved', 'missed'];

/** How a mailbox change is notified: once (default), twice (at least once delivery), or held until a flush. */
export interface DeliveryOptions {
  twice?: boolean;
  hold?: boolean;
}

/** A refusal in Graph's terms: status, error code and message. */
export class GraphRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_LIMITS: SubscriptionLimits = { maxMinutes: 10_080, validationTimeoutMs: 10_000, notificationTimeoutMs: 10_000, maxPerMailbox: 1000 };
const CHANGE_TYPES: readonly MailChangeKind[] = ['created', 'updated', 'deleted'];
const FOLDERS: Record<string, MailFolder> = { inbox: 'inbox', sentitems: 'sentitems', drafts: 'drafts' };
const RESOURCE_RE = /^\/?(me|users\/[^/]+)\/(?:mailFolders(?:\('([^']*)'\)|\/([^/]+))\/)?messages\/?$/i;

/** Graph's date format for subscriptions: seven fractional digits. */
const graphIso = (ms: number) => new Date(ms).toISOString().replace(/Z$/, '0000Z');

const invalid = (message: string) => new GraphRefusal(400, 'InvalidRequest', message);

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function parseFolder(name: string): MailFolder | undefined {
  return FOLDERS[name.toLowerCase()];
}

function absoluteHttpUrl(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value) throw invalid(`${field} is required.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`${field} '${value}' is not a valid absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`${field} '${value}' must be an http(s) URL.`);
  return value;
}

/**
 * The subscriptions of all mailboxes: Graph's create / renew / delete / reauthorize rules, and the notifications a
 * mailbox change causes (one POST per notification URL, batching the items of several subscriptions).
 */
export class Subscriptions {
  private readonly subs = new Map<string, EmulatorSubscription>();
  limits: SubscriptionLimits = { ...DEFAULT_LIMITS };
  readonly notifier: Notifier;
  private capture: { opts: DeliveryOptions; sends: Array<Promise<NotificationAttempt[]>>; held: HeldItem[] } | undefined;

  constructor(
    private readonly now: () => number,
    mailboxes: Mailboxes,
  ) {
    this.notifier = new Notifier(now, this.limits, (attempt) => {
      for (const id of attempt.subscriptionIds) {
        const sub = this.subs.get(id);
        if (sub) sub.notificationAttempts++;
      }
    });
    mailboxes.onChange((change, message) => this.onMailChange(change, message));
  }

  setLimits(limits: Partial<SubscriptionLimits>): SubscriptionLimits {
    for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof SubscriptionLimits>) {
      const value = limits[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new Error(`${key} must be a positive number`);
      this.limits[key] = value;
    }
    return { ...this.limits };
  }

  isLive(sub: EmulatorSubscription): boolean {
    return !sub.removed && Date.parse(sub.expirationDateTime) > this.now();
  }

  all(): EmulatorSubscription[] {
    return [...this.subs.values()];
  }

  /** A live subscription of this app and user, or a 404 refusal. */
  find(id: string, applicationId: string, userKey: EmulatorUserKey): EmulatorSubscription {
    const sub = this.subs.get(id.toLowerCase());
    if (!sub || !this.isLive(sub) || sub.applicationId.toLowerCase() !== applicationId.toLowerCase() || sub.userKey !== userKey) {
      throw new GraphRefusal(404, 'ResourceNotFound', `The object was not found. Subscription '${id}' does not exist or has expired.`);
    }
    return sub;
  }

  /** Any known subscription, live or not (control calls). */
  get(id: string): EmulatorSubscription | undefined {
    return this.subs.get(id.toLowerCase());
  }

  /** Checks a create body, runs the validation handshake on both URLs, then stores the subscription. */
  async create(body: Record<string, unknown>, applicationId: string, userKey: EmulatorUserKey): Promise<EmulatorSubscription> {
    const user = EMULATOR_USERS[userKey];
    const changeTypes = this.parseChangeType(body.changeType);
    const { resource, folder } = this.parseResource(body.resource, userKey);
    const notificationUrl = absoluteHttpUrl(body.notificationUrl, 'notificationUrl');
    const lifecycleNotificationUrl =
      body.lifecycleNotificationUrl === undefined || body.lifecycleNotificationUrl === null ? null : absoluteHttpUrl(body.lifecycleNotificationUrl, 'lifecycleNotificationUrl');
    const clientState = body.clientState === undefined || body.clientState === null ? null : body.clientState;
    if (clientState !== null && typeof clientState !== 'string') throw invalid('clientState must be a string.');
    if (clientState !== null && clientState.length > 128) throw invalid('clientState must not be longer than 128 characters.');
    if (body.includeResourceData === true) throw invalid('includeResourceData needs an encryptionCertificate, which the emulator does not support.');
    const expiresAt = this.parseExpiration(body.expirationDateTime, 'Create');
    const live = this.all().filter((s) => s.userKey === userKey && this.isLive(s)).length;
    if (live >= this.limits.maxPerMailbox) {
      throw new GraphRefusal(403, 'ExtensionError', `Operation: Create; Exception: [Status Code: Forbidden; Reason: The mailbox has reached the limit of ${this.limits.maxPerMailbox} subscriptions.]`);
    }

    const urls = lifecycleNotificationUrl ? [notificationUrl, lifecycleNotificationUrl] : [notificationUrl];
    const failures = await Promise.all(urls.map((url) => this.notifier.validate(url, this.limits.validationTimeoutMs)));
    const failure = failures.find((f) => f !== undefined);
    if (failure) throw new GraphRefusal(400, 'ValidationError', `Subscription validation request failed. ${failure}`);

    const sub: EmulatorSubscription = {
      id: guid(),
      resource,
      changeType: changeTypes.join(','),
      changeTypes,
      notificationUrl,
      lifecycleNotificationUrl,
      clientState,
      expirationDateTime: graphIso(expiresAt),
      applicationId,
      creatorId: user.id,
      userKey,
      folder,
      createdAt: graphIso(this.now()),
      removed: false,
      needsReauth: false,
      notificationAttempts: 0,
    };
    this.subs.set(sub.id, sub);
    return sub;
  }

  /** PATCH: only `expirationDateTime` may change (a renewal also resolves a pending reauthorization). */
  renew(sub: EmulatorSubscription, body: Record<string, unknown>): EmulatorSubscription {
    const other = Object.keys(body).filter((k) => k !== 'expirationDateTime' && !k.startsWith('@odata'));
    if (other.length) throw invalid(`Only expirationDateTime can be updated (not ${other.join(', ')}).`);
    sub.expirationDateTime = graphIso(this.parseExpiration(body.expirationDateTime, 'Update'));
    sub.needsReauth = false;
    return sub;
  }

  remove(sub: EmulatorSubscription): void {
    sub.removed = true;
  }

  /** Control: the subscription expires now (404 and no notifications from then on). */
  expire(sub: EmulatorSubscription): void {
    sub.expirationDateTime = graphIso(this.now() - 1);
  }

  /**
   * Sends a lifecycle notification to the subscription's lifecycleNotificationUrl and applies it:
   * `subscriptionRemoved` removes the subscription, `reauthorizationRequired` marks it until reauthorized.
   * Resolves to the attempt, or null when the subscription has no lifecycle URL.
   */
  async lifecycle(sub: EmulatorSubscription, event: LifecycleEvent): Promise<NotificationAttempt | null> {
    if (event === 'subscriptionRemoved') sub.removed = true;
    if (event === 'reauthorizationRequired') sub.needsReauth = true;
    if (!sub.lifecycleNotificationUrl) return null;
    const item = {
      subscriptionId: sub.id,
      subscriptionExpirationDateTime: sub.expirationDateTime,
      tenantId: EMULATOR_USERS[sub.userKey].tid,
      clientState: sub.clientState,
      lifecycleEvent: event,
    };
    return this.notifier.post('lifecycle', sub.lifecycleNotificationUrl, [item], [sub.id]);
  }

  /** A change-notification item for a message of this subscription (exported shape for control calls). */
  changeItem(sub: EmulatorSubscription, kind: MailChangeKind, message: Pick<EmulatorMessage, 'id' | 'changeKey'>): Record<string, unknown> {
    const userId = EMULATOR_USERS[sub.userKey].id;
    const path = `Users/${userId}/Messages/${message.id}`;
    return {
      subscriptionId: sub.id,
      subscriptionExpirationDateTime: sub.expirationDateTime,
      changeType: kind,
      resource: path,
      resourceData: { '@odata.type': '#Microsoft.Graph.Message', '@odata.id': path, '@odata.etag': `W/"${message.changeKey}"`, id: message.id },
      clientState: sub.clientState,
      tenantId: EMULATOR_USERS[sub.userKey].tid,
    };
  }

  /**
   * Runs a mailbox change with delivery options and resolves to what it sent (held items are not sent).
   * The notifications of changes made elsewhere go out once, in the background.
   */
  async withDelivery<T>(opts: DeliveryOptions, change: () => T): Promise<{ result: T; notifications: NotificationAttempt[]; held: HeldItem[] }> {
    const capture = { opts, sends: [] as Array<Promise<NotificationAttempt[]>>, held: [] as HeldItem[] };
    this.capture = capture;
    let result: T;
    try {
      result = change();
    } finally {
      this.capture = undefined;
    }
    const notifications = (await Promise.all(capture.sends)).flat();
    return { result, notifications, held: capture.held };
  }

  reset(): void {
    this.subs.clear();
    this.notifier.reset();
    Object.assign(this.limits, DEFAULT_LIMITS);
  }

  private onMailChange(change: MailChange, message: EmulatorMessage): void {
    const entries: HeldItem[] = this.all()
      .filter((s) => s.userKey === change.userKey && this.isLive(s) && s.changeTypes.includes(change.kind) && (!s.folder || s.folder === change.folder))
      .map((s) => ({ url: s.notificationUrl, subscriptionId: s.id, item: this.changeItem(s, change.kind, message) }));
    if (!entries.length) return;
    const opts = this.capture?.opts ?? {};
    if (opts.hold) {
      this.notifier.held.push(...entries);
      this.capture?.held.push(...entries);
      return;
    }
    const sending = this.notifier.sendGrouped('change', entries, opts.twice ? 2 : 1);
    if (this.capture) this.capture.sends.push(sending);
  }

  private parseChangeType(value: unknown): MailChangeKind[] {
    if (typeof value !== 'string' || !value.trim()) throw invalid('changeType is required: a comma list of created, updated, deleted.');
    const kinds = value.split(',').map((k) => k.trim());
    for (const kind of kinds) {
      if (!(CHANGE_TYPES as readonly string[]).includes(kind)) throw invalid(`changeType '${kind}' is not supported for messages (use created, updated, deleted).`);
    }
    return [...new Set(kinds as MailChangeKind[])];
  }

  private parseResource(value: unknown, userKey: EmulatorUserKey): { resource: string; folder?: MailFolder } {
    if (typeof value !== 'string' || !value) throw invalid('resource is required.');
    const m = RESOURCE_RE.exec(value.trim());
    if (!m) throw invalid(`Resource '${value}' is not supported: the emulator serves me/messages and me/mailFolders('{folder}')/messages.`);
    if (m[1].toLowerCase() !== 'me' && findUser(safeDecode(m[1].slice('users/'.length)))?.key !== userKey) {
      throw new GraphRefusal(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    }
    const folderName = m[2] ?? m[3];
    if (folderName === undefined) return { resource: value };
    const folder = parseFolder(folderName);
    if (!folder) throw invalid(`Folder '${folderName}' is not known (use Inbox, SentItems or Drafts).`);
    return { resource: value, folder };
  }

  private parseExpiration(value: unknown, operation: 'Create' | 'Update'): number {
    const at = typeof value === 'string' ? Date.parse(value) : NaN;
    if (!Number.isFinite(at)) throw invalid('expirationDateTime is required: an ISO 8601 date and time.');
    const now = this.now();
    if (at <= now) {
      throw new GraphRefusal(400, 'ExtensionError', `Operation: ${operation}; Exception: [Status Code: BadRequest; Reason: Subscription expiration must be in the future.]`);
    }
    if (at > now + this.limits.maxMinutes * 60_000) {
      throw new GraphRefusal(
        400,
        'ExtensionError',
        `Operation: ${operation}; Exception: [Status Code: BadRequest; Reason: Subscription expiration can only be ${this.limits.maxMinutes} minutes in the future.]`,
      );
    }
    return at;
  }
}
