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
