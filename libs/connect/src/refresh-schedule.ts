import type { AppConfig } from '@app/config';

/**
 * When to refresh a token that expires at `expiresAt`: lead time before, minus random jitter, never in the past.
 * Lead plus jitter is clamped below half the remaining lifetime, so a short-lived token is not refreshed at once
 * (and again and again) when the lead is configured longer than the token lives.
 */
export function nextRefreshAt(expiresAt: Date, refresh: AppConfig['refresh'], now = Date.now()): Date {
  const jitterMs = Math.floor(Math.random() * refresh.jitterSeconds * 1000);
  const halfLife = Math.floor((expiresAt.getTime() - now) / 2);
  const beforeMs = Math.max(0, Math.min(refresh.leadSeconds * 1000 + jitterMs, halfLife - 1));
  return new Date(Math.max(now, expiresAt.getTime() - beforeMs));
}

/**
 * When to try again after a transient failure: exponential backoff with full jitter (1 s doubling, capped at
 * 5 minutes), at least what Retry-After asks, and while the stored token is still valid, early enough to retry
 * before it expires.
 */
export function retryAt(failures: number, retryAfterSeconds: number | null, expiresAt: Date | null, now = Date.now()): Date {
  const ceiling = Math.min(300_000, 1000 * 2 ** Math.min(failures, 20));
  let delay = Math.max(1000, Math.floor(Math.random() * ceiling));
  if (expiresAt && expiresAt.getTime() > now) {
    const remaining = expiresAt.getTime() - now;
    delay = Math.min(delay, Math.max(1000, Math.floor(remaining / 3)));
  }
  if (retryAfterSeconds !== null) delay = Math.max(delay, Math.ceil(retryAfterSeconds * 1000));
  return new Date(now + delay);
}
