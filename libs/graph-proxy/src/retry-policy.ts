import { DomainError } from '@app/common';

export const MAX_WAIT_HEADER = 'x-latchkey-max-wait';
const DEFAULT_MAX_WAIT_SECONDS = 10;
const MAX_MAX_WAIT_SECONDS = 60;
/** Backoff without Retry-After: full jitter from 0.5 s doubling, capped at 8 s. */
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8000;
/** 503 and 504 are retried only for methods that are safe to repeat; a 429 means Graph did not process the request. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/** The total wait `X-Latchkey-Max-Wait` allows (seconds, default 10, 0 to 60), in milliseconds. */
export function maxWaitMs(header: string | string[] | undefined): number {
  if (header === undefined) return DEFAULT_MAX_WAIT_SECONDS * 1000;
  const value = Array.isArray(header) ? header.join(',') : header.trim();
  if (!/^\d{1,2}(\.\d{1,3})?$/.test(value) || Number(value) > MAX_MAX_WAIT_SECONDS) {
    throw DomainError.invalidField('X-Latchkey-Max-Wait', 'invalid_max_wait', `X-Latchkey-Max-Wait must be a number of seconds from 0 to ${MAX_MAX_WAIT_SECONDS}.`, {
      value,
    });
  }
  return Math.round(Number(value) * 1000);
}

/** Whether a Graph answer may be retried: 429 for any method, 503 and 504 for idempotent ones. */
export function isRetryable(status: number, method: string): boolean {
  return status === 429 || ((status === 503 || status === 504) && IDEMPOTENT.has(method));
}

/** Whether a failed connection to Graph (no answer at all) may be retried. */
export function isRetryableWithoutAnswer(method: string): boolean {
  return IDEMPOTENT.has(method);
}

/** RFC 9110 HTTP-date: IMF-fixdate or the obsolete RFC 850 form (both GMT); asctime below. */
const HTTP_DATE = /^[A-Za-z]{3,9}, \d{2}[ -][A-Za-z]{3}[ -]\d{2}(\d{2})? \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * Milliseconds a Retry-After header asks for: delta-seconds (Graph's form, fractions tolerated) or an HTTP date; null
 * when absent or unreadable. Only an HTTP date's own forms are read as dates: Date.parse alone reads garbage such as
 * `-1` or `abc 5` as dates in 2001, which would mean "retry at once".
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  if (value === undefined) return null;
  const v = (Array.isArray(value) ? value[0] : value).trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  let at = NaN;
  if (HTTP_DATE.test(v)) at = Date.parse(v);
  else if (ASCTIME_DATE.test(v)) at = Date.parse(`${v} GMT`);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/**
 * How long to wait before retrying the `attempt`th Graph answer (1-based): what Retry-After asks, but never less than
 * the backoff, so a Retry-After of 0, a date in the past or garbage cannot make the proxy hammer Graph until Max-Wait.
 */
export function retryWaitMs(retryAfter: string | string[] | undefined, attempt: number, random: () => number = Math.random): number {
  return Math.max(parseRetryAfter(retryAfter) ?? 0, backoffMs(attempt, random));
}

/** Exponential backoff with full jitter for the `attempt`th retry (1-based) when Graph gave no Retry-After. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.max(50, Math.floor(random() * ceiling));
}
