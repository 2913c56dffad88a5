import type { AddressInfo } from 'node:net';
import type { EmulatorContext } from './context';
import { appView, applyLifetimes } from './control';
import {
  CustomNotificationInput,
  deleteMail,
  deliverMail,
  expireSubscription,
  MailControlResult,
  MailDeliveryInput,
  MailUpdate,
  sendCustomNotification,
  sendLifecycle,
  subscriptionStatus,
  SubscriptionStatus,
  updateMail,
} from './control-mail';
import { getSigningKey } from './keys';
import type { EmulatorMessage } from './mailbox';
import type { NotificationAttempt } from './notifier';
import { createEmulatorServer } from './server';
import { EmulatorAppRegistration, EmulatorCounters, EmulatorState, FaultSpec, Lifetimes, TokenRequestLogEntry } from './state';
import type { DeliveryOptions, LifecycleEvent, SubscriptionLimits } from './subscriptions';
import { EMULATOR_TENANTS, EMULATOR_USERS, EmulatorUserKey, findUser } from './users';
import type { GraphLimits, MailboxLoad } from './graph/mailbox-concurrency';

export { EMULATOR_USERS, EMULATOR_TENANTS, CONSUMERS_TENANT_ID, WORK_TENANT_ID, findUser } from './users';
export type { EmulatorUser, EmulatorUserKey } from './users';
export type { EmulatorAppRegistration, EmulatorCounters, FaultSpec, FaultKind, Lifetimes, TokenRequestLogEntry } from './state';
export { matchRedirectUri, normalizeRedirectUri } from './redirect-uri';
export type { GraphLimits, MailboxLoad } from './graph/mailbox-concurrency';
export { generatedBytes } from './attachments';
export type { CustomNotificationInput, MailControlResult, MailDeliveryInput, MailUpdate, SubscriptionStatus } from './control-mail';
export type { EmulatorMessage } from './mailbox';
export type { NotificationAttempt } from './notifier';
export type { DeliveryOptions, LifecycleEvent, SubscriptionLimits } from './subscriptions';

export interface EmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Enables the non-HTML consent shortcut (emulator_user / emulator_decision). Default true. */
  testMode?: boolean;
  /** Enables the /_emulator control API. Default true (test and sandbox modes). */
  controlApi?: boolean;
  /** Base URL used in issuer/discovery; defaults to http://{host}:{port}. */
  publicUrl?: string;
  /** expires_in range in seconds, default 3600-5400. */
  tokenLifetime?: { min: number; max: number };
  /** Pre-registered apps. */
  apps?: EmulatorAppRegistration[];
  /** Called after every validation handshake and notification the emulator sends (the sandbox logs them). */
  onNotification?: (attempt: NotificationAttempt) => void;
  /** URL prefixes swapped in the handshakes and notifications it sends, e.g. {from: 'http://localhost:3000', to: 'http://api:3000'}. */
  callbackRewrites?: Array<{ from: string; to: string }>;
}

export type UserRef = EmulatorUserKey | string;

export interface RunningEmulator {
  /** Login base and Graph base (one origin), e.g. http://127.0.0.1:54321. */
  url: string;
  port: number;
  testMode: boolean;
  close(): Promise<void>;
  registerApp(app: EmulatorAppRegistration): void;
  removeApp(clientId: string): boolean;
  /** Consent removal: the user's refresh tokens for that app (or all apps) answer AADSTS65001 consent_required. */
  revokeUserGrant(user: UserRef, clientId?: string): number;
  /** Password reset / admin revocation (default 50173 bad_token); e.g. 50076 simulates an MFA step-up. */
  revokeUserSessions(user: UserRef, code?: number, clientId?: string): number;
  /** One refresh token answers `code` (default 50173) from now on. */
  revokeRefreshToken(refreshToken: string, code?: number): boolean;
  /** The app's secret answers AADSTS7000222 from now on. */
  expireSecret(clientId: string): void;
  injectFaults(faults: FaultSpec | FaultSpec[]): void;
  clearFaults(): void;
  /** Shifts the emulator's clock (codes, tokens, refresh-token inactivity, id_token iat). */
  setClockOffset(offsetMs: number): void;
  advanceClock(ms: number): void;
  now(): Date;
  setTokenLifetime(range: { min: number; max: number }): void;
  setLifetimes(lifetimes: Partial<Omit<Lifetimes, 'accessToken'>> & { accessToken?: { min: number; max: number } }): void;
  counters(): EmulatorCounters;
  resetCounters(): void;
  tokenRequests(): TokenRequestLogEntry[];
  /** The user's messages, newest first (optionally one folder: inbox, sentitems, drafts). */
  mailbox(user: UserRef, folder?: EmulatorMessage['folder']): EmulatorMessage[];
  /** Delivers a message and notifies the subscriptions covering it (`twice`: the same POST again; `hold`: queue for flushNotifications). */
  deliverMail(user: UserRef, input?: MailDeliveryInput): Promise<MailControlResult>;
  /** Changes a message (an `updated` change) and notifies. */
  updateMail(user: UserRef, messageId: string, patch: MailUpdate, opts?: DeliveryOptions): Promise<MailControlResult>;
  /** Deletes a message (a `deleted` change) and notifies. */
  deleteMail(user: UserRef, messageId: string, opts?: DeliveryOptions): Promise<MailControlResult>;
  /** Sends every held notification item, one POST per notification URL (a batch mixes subscriptions). */
  flushNotifications(): Promise<NotificationAttempt[]>;
  /** Posts a hand-made (possibly malformed or wrong-clientState) notification. */
  sendNotification(input: CustomNotificationInput): Promise<NotificationAttempt>;
  /** Sends a lifecycle event to the subscription's lifecycleNotificationUrl and applies it (null: it has none). */
  sendLifecycle(subscriptionId: string, event: LifecycleEvent): Promise<NotificationAttempt | null>;
  /** Every subscription the emulator knows, live or not. */
  subscriptions(): SubscriptionStatus[];
  /** Validation handshakes and notifications sent, oldest first (the last 2,000). */
  notificationLog(): NotificationAttempt[];
  /** The subscription expires now: 404 at Graph and no notifications from then on. */
  expireSubscription(subscriptionId: string): SubscriptionStatus;
  /** Shorter maximum lifetimes, handshake or notification timeouts, or another per-mailbox limit (reset() restores them). */
  setSubscriptionLimits(limits: Partial<SubscriptionLimits>): SubscriptionLimits;
  /** Forgets codes, tokens, grants, mail, subscriptions, notifications, faults, counters, clock offset, lifetime changes (apps too when { apps: true }). */
  reset(opts?: { apps?: boolean }): void;
  /** Attaches `size` generated bytes to a message (deterministic, streamed by `$value`, never held in memory). */
  addAttachment(user: UserRef, messageId: string, input: { name: string; size: number; contentType?: string }): AttachmentInfo;
  /** An attachment as stored, with the SHA-256 of its bytes (what an upload through a proxy can be checked against). */
  attachment(user: UserRef, messageId: string, id: string): AttachmentInfo | undefined;
  /** Outlook's concurrency limit per mailbox per app (default 4) and an artificial latency per Graph call (default 0 ms). */
  setGraphLimits(limits: Partial<GraphLimits>): GraphLimits;
  /** Calls in flight now, the most at once and the 429s of one mailbox (for one app's client id, or the busiest app). */
  mailboxLoad(user: UserRef, clientId?: string): MailboxLoad;
  /** The user's access tokens (everyone's when no user is named) answer 401 InvalidAuthenticationToken from now on. */
  expireAccessTokens(user?: UserRef): number;
}

export interface AttachmentInfo {
  id: string;
  messageId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

function attachmentInfo({ id, messageId, name, contentType, size, sha256 }: AttachmentInfo): AttachmentInfo {
  return { id, messageId, name, contentType, size, sha256 };
}

function resolveUser(ref: UserRef): EmulatorUserKey {
  const user = findUser(ref);
  if (!user) throw new Error(`unknown emulator user ${ref}`);
  return user.key;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const testMode = opts.testMode ?? true;
  const state = new EmulatorState(opts.tokenLifetime ? { accessToken: { ...opts.tokenLifetime } } : {}, opts.apps ?? []);
  let baseUrl = opts.publicUrl?.replace(/\/+$/, '') ?? '';
  if (opts.onNotification) state.subscriptions.notifier.listen(opts.onNotification);
  state.subscriptions.notifier.rewrites = opts.callbackRewrites ?? [];
  const ctx: EmulatorContext = { state, publicUrl: () => baseUrl, testMode, controlApi: opts.controlApi ?? true };
  await getSigningKey();
  const info = () => ({
    url: baseUrl,
    mode: testMode ? 'test' : 'sandbox',
    users: Object.values(EMULATOR_USERS),
    tenants: EMULATOR_TENANTS,
    apps: [...state.apps.values()].map(appView),
  });
  const server = createEmulatorServer(ctx, info);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  if (!baseUrl) baseUrl = `http://${urlHost}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    testMode,
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      })),
    registerApp: (app) => void state.registerApp(app),
    removeApp: (clientId) => state.apps.delete(clientId.toLowerCase()),
    revokeUserGrant: (user, clientId) => state.revokeUserGrant(resolveUser(user), clientId),
    revokeUserSessions: (user, code, clientId) => state.revokeUserSessions(resolveUser(user), code, clientId),
    revokeRefreshToken: (token, code) => state.revokeRefreshToken(token, code),
    expireSecret: (clientId) => state.expireSecret(clientId),
    injectFaults: (faults) => void state.injectFaults(faults),
    clearFaults: () => void (state.faults = []),
    setClockOffset: (offsetMs) => void (state.clockOffsetMs = offsetMs),
    advanceClock: (ms) => void (state.clockOffsetMs += ms),
    now: () => state.nowDate(),
    setTokenLifetime: (range) => void (state.lifetimes = applyLifetimes(state.lifetimes, { accessToken: range })),
    setLifetimes: (lifetimes) => void (state.lifetimes = applyLifetimes(state.lifetimes, lifetimes as Record<string, unknown>)),
    counters: () => structuredClone(state.counters),
    resetCounters: () => state.resetCounters(),
    tokenRequests: () => structuredClone(state.tokenLog),
    mailbox: (user, folder) => structuredClone(state.mailboxes.list(resolveUser(user), folder)),
    deliverMail: (user, input) => deliverMail(state, resolveUser(user), input),
    updateMail: (user, id, patch, o) => updateMail(state, resolveUser(user), id, patch, o),
    deleteMail: (user, id, o) => deleteMail(state, resolveUser(user), id, o),
    flushNotifications: () => state.subscriptions.notifier.flush(),
    sendNotification: (input) => sendCustomNotification(state, input),
    sendLifecycle: (id, event) => sendLifecycle(state, id, event),
    subscriptions: () => state.subscriptions.all().map((s) => structuredClone(subscriptionStatus(state, s))),
    notificationLog: () => structuredClone(state.subscriptions.notifier.attempts()),
    expireSubscription: (id) => expireSubscription(state, id),
    setSubscriptionLimits: (limits) => state.subscriptions.setLimits(limits),
    reset: (o) => state.reset(o),
    addAttachment: (user, messageId, input) => {
      const attachment = state.mailboxes.attach(resolveUser(user), messageId, input);
      if (!attachment) throw new Error(`no message ${messageId} in the mailbox of ${user}`);
      return attachmentInfo(attachment);
    },
    attachment: (user, messageId, id) => {
      const attachment = state.mailboxes.attachments.get(resolveUser(user), messageId, id);
      return attachment && attachmentInfo(attachment);
    },
    setGraphLimits: (limits) => ({ ...state.mailboxConcurrency.setLimits(limits) }),
    mailboxLoad: (user, clientId) => state.mailboxConcurrency.load(resolveUser(user), clientId),
    expireAccessTokens: (user) => state.expireAccessTokens(user === undefined ? undefined : resolveUser(user)),
  };
}
