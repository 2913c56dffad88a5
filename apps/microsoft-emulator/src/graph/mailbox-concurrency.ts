/** What a test reads about one mailbox and app: requests in flight now, the most seen at once, and how many were refused. */
export interface MailboxLoad {
  inFlight: number;
  maxInFlight: number;
  throttled: number;
}

export interface GraphLimits {
  /** Requests in flight per mailbox per app before Graph answers 429 MailboxConcurrency (Outlook's limit: 4). */
  concurrency: number;
  /** Artificial time every admitted Graph call takes before it is answered, so concurrency can be observed. */
  latencyMs: number;
}

const DEFAULT_LIMITS: GraphLimits = { concurrency: 4, latencyMs: 0 };

/**
 * Outlook's per-app-per-mailbox concurrency limit: a call is admitted while fewer than `concurrency` calls of the same
 * app on the same mailbox are in flight, and holds its place until its answer is fully sent (a streamed download too).
 */
export class MailboxConcurrency {
  limits: GraphLimits = { ...DEFAULT_LIMITS };
  private readonly loads = new Map<string, MailboxLoad>();

  /** Admits a call (answers the release to call once the answer is done), or null when the limit is reached. */
  enter(userKey: string, clientId: string): (() => void) | null {
    const key = `${userKey}|${clientId.toLowerCase()}`;
    let load = this.loads.get(key);
    if (!load) this.loads.set(key, (load = { inFlight: 0, maxInFlight: 0, throttled: 0 }));
    if (load.inFlight >= this.limits.concurrency) {
      load.throttled++;
      return null;
    }
    load.inFlight++;
    load.maxInFlight = Math.max(load.maxInFlight, load.inFlight);
    let released = false;
    const entered = load;
    return () => {
      if (released) return;
      released = true;
      entered.inFlight--;
    };
  }

  /** One mailbox's load for one app, or the busiest app's (max and in flight) with every refusal when no app is named. */
  load(userKey: string, clientId?: string): MailboxLoad {
    if (clientId) return { ...(this.loads.get(`${userKey}|${clientId.toLowerCase()}`) ?? { inFlight: 0, maxInFlight: 0, throttled: 0 }) };
    const out: MailboxLoad = { inFlight: 0, maxInFlight: 0, throttled: 0 };
    for (const [key, l] of this.loads) {
      if (!key.startsWith(`${userKey}|`)) continue;
      out.inFlight = Math.max(out.inFlight, l.inFlight);
      out.maxInFlight = Math.max(out.maxInFlight, l.maxInFlight);
      out.throttled += l.throttled;
    }
    return out;
  }

  setLimits(next: Partial<GraphLimits>): GraphLimits {
    const limits = { ...this.limits, ...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) };
    if (!Number.isInteger(limits.concurrency) || limits.concurrency < 1) throw new Error('concurrency must be a whole number from 1');
    if (!Number.isFinite(limits.latencyMs) || limits.latencyMs < 0 || limits.latencyMs > 60_000) throw new Error('latencyMs must be 0 to 60000');
    return (this.limits = limits);
  }

  /** Forgets the highest marks and refusals (calls in flight stay counted). */
  resetCounters(): void {
    for (const [key, l] of this.loads) {
      if (l.inFlight === 0) this.loads.delete(key);
      else Object.assign(l, { maxInFlight: l.inFlight, throttled: 0 });
    }
  }

  reset(): void {
    this.limits = { ...DEFAULT_LIMITS };
    this.resetCounters();
  }
}
