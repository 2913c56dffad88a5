/** Retry-After is honoured up to a day: a receiver asking for longer is treated as asking for a day. */
const MAX_RETRY_AFTER_SECONDS = 86_400;
const JITTER = 0.1;

/** A 2xx answer is a delivered webhook; anything else (3xx included) is a failed attempt. */
export function isSuccess(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

/** 429 and 503 are the answers whose Retry-After header we read. */
export function honoursRetryAfter(status: number | null): boolean {
  return status === 429 || status === 503;
}

/**
 * Seconds a Retry-After header asks for (delta-seconds or an HTTP date), capped at a day; null when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | undefined | null, now: Date): number | null {
  if (value === undefined || value === null) return null;
  const v = value.trim();
  if (v === '') return null;
  let seconds: number;
  if (/^\d+$/.test(v)) seconds = Number(v);
  else {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return null;
    seconds = Math.ceil((at - now.getTime()) / 1000);
  }
  if (seconds < 0) return 0;
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}

/**
 * When attempt `attemptMade + 1` is due: after attempt n (1-based) the delay is schedule[n-1] ±10% jitter, or the
 * Retry-After the receiver asked for when that is longer. Null after the last delay: the delivery failed for good.
 */
export function nextAttemptAt(
  attemptMade: number,
  schedule: readonly number[],
  now: Date,
  retryAfterSeconds?: number | null,
  random: () => number = Math.random,
): Date | null {
  if (attemptMade < 1 || attemptMade > schedule.length) return null;
  const base = schedule[attemptMade - 1];
  const jittered = base * (1 + (random() * 2 - 1) * JITTER);
  const asked = retryAfterSeconds == null ? 0 : Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS);
  const seconds = Math.max(jittered, asked);
  return new Date(now.getTime() + Math.round(seconds * 1000));
}
