import { guid } from './util';

export type AttemptKind = 'validation' | 'change' | 'lifecycle' | 'custom';

/** One HTTP call the emulator made to a subscriber (handshake or notification), as tests and the sandbox see it. */
export interface NotificationAttempt {
  id: number;
  at: string;
  kind: AttemptKind;
  url: string;
  subscriptionIds: string[];
  /** The `value` array that was posted (null for handshakes and raw bodies). */
  items: unknown[] | null;
  /** HTTP status of the answer; null when there was none (timeout, refused connection). */
  status: number | null;
  outcome: 'accepted' | 'failed' | 'timeout' | 'unreachable';
  durationMs: number;
  error?: string;
}

/** A notification item waiting for `flush()` (the `hold` option of the mail control calls). */
export interface HeldItem {
  url: string;
  subscriptionId: string;
  item: Record<string, unknown>;
}

const LOG_LIMIT = 2000;

/**
 * Graph's validation token: form-encoded as Graph sends it (`+` for spaces, lower-case `%3a`), so a receiver
 * that decodes it with a bare decodeURIComponent fails the handshake as it would against Microsoft.
 */
function formEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/%20/g, '+')
    .replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

function withQuery(url: string, name: string, encodedValue: string): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  return `${base}${base.includes('?') ? '&' : '?'}${name}=${encodedValue}`;
}

/** Makes the emulator's outgoing calls (validation handshakes, notifications) and keeps a log of them. */
export class Notifier {
  private log: NotificationAttempt[] = [];
  private nextId = 1;
  private readonly listeners: Array<(attempt: NotificationAttempt) => void> = [];
  held: HeldItem[] = [];
  /**
   * URL prefixes swapped before a call is made (the log keeps the URL as subscribed): in docker compose the sandbox
   * cannot reach `http://localhost:3000`, the public URL Latchkey subscribes with, but reaches `http://api:3000`.
   */
  rewrites: ReadonlyArray<{ from: string; to: string }> = [];

  constructor(
    private readonly now: () => number,
    private readonly limits: { notificationTimeoutMs: number },
    private readonly onAttempt: (attempt: NotificationAttempt) => void,
  ) {}

  /** Hears every attempt as it completes (the sandbox logs them). */
  listen(listener: (attempt: NotificationAttempt) => void): void {
    this.listeners.push(listener);
  }

  attempts(): NotificationAttempt[] {
    return this.log;
  }

  reset(): void {
    this.log = [];
    this.held = [];
  }

  /**
   * The handshake: POST `{url}?validationToken=...`; the answer must be 200, `text/plain` and exactly the decoded
   * token, within `timeoutMs`. Resolves to the reason of a failure, or undefined when the endpoint passed.
   */
  async validate(url: string, timeoutMs: number): Promise<string | undefined> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${guid()}`;
    const target = withQuery(url, 'validationToken', formEncode(token));
    let reason: string | undefined;
    const attempt = await this.call('validation', url, target, '', 'text/plain; charset=utf-8', timeoutMs, [], null, async (res, text) => {
      const type = (res.headers.get('content-type') ?? '').toLowerCase();
      if (res.status !== 200) reason = `Notification endpoint must respond with 200 OK to validation request (got ${res.status}).`;
      else if (!type.startsWith('text/plain')) reason = `Validation response must have Content-Type text/plain (got ${type || 'none'}).`;
      else if (text !== token) reason = 'Response must exactly match validationToken query parameter.';
      return reason === undefined;
    });
    if (attempt.outcome === 'timeout') return `Validation request timed out after ${timeoutMs} ms.`;
    if (attempt.outcome === 'unreachable') return `Validation request could not reach ${url}: ${attempt.error ?? 'no answer'}.`;
    return reason;
  }

  /** POSTs `{value: items}` to one URL. */
  post(kind: AttemptKind, url: string, items: Record<string, unknown>[], subscriptionIds: string[]): Promise<NotificationAttempt> {
    return this.call(kind, url, url, JSON.stringify({ value: items }), 'application/json; charset=utf-8', this.limits.notificationTimeoutMs, subscriptionIds, items);
  }

  /** POSTs any body (garbage included) to a URL, for tests of a receiver's input handling. */
  postRaw(url: string, body: string, contentType: string, subscriptionIds: string[], items: unknown[] | null): Promise<NotificationAttempt> {
    return this.call('custom', url, url, body, contentType, this.limits.notificationTimeoutMs, subscriptionIds, items);
  }

  /** Sends items grouped by URL, one POST per URL (a batch mixes subscriptions), `times` times in a row. */
  async sendGrouped(kind: AttemptKind, entries: HeldItem[], times = 1): Promise<NotificationAttempt[]> {
    const byUrl = new Map<string, HeldItem[]>();
    for (const entry of entries) byUrl.set(entry.url, [...(byUrl.get(entry.url) ?? []), entry]);
    const perUrl = await Promise.all(
      [...byUrl].map(async ([url, group]) => {
        const out: NotificationAttempt[] = [];
        const ids = [...new Set(group.map((g) => g.subscriptionId))];
        for (let i = 0; i < times; i++) out.push(await this.post(kind, url, group.map((g) => g.item), ids));
        return out;
      }),
    );
    return perUrl.flat();
  }

  /** Sends everything held, one POST per URL. */
  flush(): Promise<NotificationAttempt[]> {
    const entries = this.held;
    this.held = [];
    return this.sendGrouped('change', entries);
  }

  private async call(
    kind: AttemptKind,
    url: string,
    target: string,
    body: string,
    contentType: string,
    timeoutMs: number,
    subscriptionIds: string[],
    items: unknown[] | null,
    judge: (res: Response, text: string) => Promise<boolean> | boolean = (res) => res.status >= 200 && res.status < 300,
  ): Promise<NotificationAttempt> {
    const started = Date.now();
    const attempt: NotificationAttempt = {
      id: this.nextId++,
      at: new Date(this.now()).toISOString(),
      kind,
      url,
      subscriptionIds,
      items,
      status: null,
      outcome: 'unreachable',
      durationMs: 0,
    };
    try {
      const rewrite = this.rewrites.find((r) => target.startsWith(r.from));
      const sent = rewrite ? rewrite.to + target.slice(rewrite.from.length) : target;
      const res = await fetch(sent, { method: 'POST', headers: { 'Content-Type': contentType }, body, signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      attempt.status = res.status;
      attempt.outcome = (await judge(res, text)) ? 'accepted' : 'failed';
    } catch (error) {
      const name = (error as Error).name;
      attempt.outcome = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable';
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      attempt.error = cause?.code ?? cause?.message ?? (error as Error).message;
    }
    attempt.durationMs = Date.now() - started;
    this.log.push(attempt);
    if (this.log.length > LOG_LIMIT) this.log.shift();
    this.onAttempt(attempt);
    for (const listener of this.listeners) listener(attempt);
    return attempt;
  }
}
