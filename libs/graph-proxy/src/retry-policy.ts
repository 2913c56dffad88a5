import { DomainError } from '@app/common';
import { parseRetryAfter as parseMicrosoftRetryAfter } from '@app/microsoft';

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

/** Milliseconds a Retry-After header asks for (Microsoft's one reading of it, strict about dates); null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  if (value === undefined) return null;
  const seconds = parseMicrosoftRetryAfter(Array.isArray(value) ? value[0] : value, now);
  return seconds === null ? null : Math.round(seconds * 1000);
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
