/** Longest wait between tries of a failing subscription (a reconnect or a settings change runs it at once anyway). */
const MAX_BACKOFF_MS = 60 * 60_000;
const FIRST_BACKOFF_MS = 5_000;

/**
 * When to renew a subscription that expires at `expiresAt`: `renewBeforeSeconds` ahead, but never later than 90% of
 * the way (a short lifetime, in tests, still leaves time to renew), and never in the past.
 */
export function renewAt(expiresAt: Date, renewBeforeSeconds: number, now = Date.now()): Date {
  const left = expiresAt.getTime() - now;
  const before = Math.min(renewBeforeSeconds * 1000, Math.floor(left * 0.9));
  return new Date(Math.max(now, expiresAt.getTime() - Math.max(0, before)));
}

/** Whether a subscription expiring at `expiresAt` is due for renewal now. */
export function dueForRenewal(expiresAt: Date | null, renewBeforeSeconds: number, now = Date.now()): boolean {
  return !expiresAt || expiresAt.getTime() - now <= renewBeforeSeconds * 1000;
}

/** The next try after `failures` failures in a row: exponential from 5 s, capped at an hour, never before Retry-After. */
export function retryAt(failures: number, retryAfterSeconds: number | null, now = Date.now()): Date {
  const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  const jittered = backoff * (0.8 + Math.random() * 0.4);
  return new Date(now + Math.max(jittered, (retryAfterSeconds ?? 0) * 1000));
}

/**
 * The next try after Graph refused for good (403: a scope missing; 400: a request it will not take): the longest
 * wait at once, so a refusal costs Graph a call an hour, not a burst. A reconnect or a settings change runs it sooner.
 */
export function retryAfterRefusal(now = Date.now()): Date {
  return new Date(now + MAX_BACKOFF_MS * (0.8 + Math.random() * 0.2));
}
