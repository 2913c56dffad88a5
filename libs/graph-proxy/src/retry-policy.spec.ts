import { DomainError } from '@app/common';
import { backoffMs, isRetryable, maxWaitMs, parseRetryAfter, retryWaitMs } from './retry-policy';

describe('Graph proxy retry policy', () => {
  it('retries 429 for every method, 503 and 504 only for GET, HEAD, PUT and DELETE', () => {
    for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) expect(isRetryable(429, method)).toBe(true);
    expect(['GET', 'HEAD', 'PUT', 'DELETE', 'POST', 'PATCH'].map((m) => isRetryable(503, m))).toEqual([true, true, true, true, false, false]);
    expect(isRetryable(504, 'POST')).toBe(false);
    expect(isRetryable(504, 'GET')).toBe(true);
    expect(isRetryable(500, 'GET')).toBe(false);
    expect(isRetryable(401, 'GET')).toBe(false);
  });

  it('reads Retry-After as seconds (Graph) and tolerates fractions and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('Thursday, 01-Jan-26 00:00:04 GMT', now)).toBe(4000);
    expect(parseRetryAfter('Thu Jan  1 00:00:05 2026', now)).toBe(5000);
  });

  it('reads garbage Retry-After as absent, not as a date long past (Date.parse reads "-1" as 2001)', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    for (const garbage of ['-1', 'abc 5', '1 2', '2 days', '1e3', '0x10']) expect(parseRetryAfter(garbage, now)).toBeNull();
  });

  it('waits what Retry-After asks but never less than the backoff: 0, a past date or garbage cannot make a tight retry loop', () => {
    expect(retryWaitMs('2', 1, () => 0.999)).toBe(2000);
    expect(retryWaitMs('0', 1, () => 0.5)).toBe(250);
    expect(retryWaitMs('Wed, 31 Dec 2025 00:00:00 GMT', 1, () => 0)).toBe(50);
    expect(retryWaitMs('-1', 2, () => 0.5)).toBe(500);
    expect(retryWaitMs(undefined, 1, () => 0)).toBe(50);
    expect(retryWaitMs('1', 4, () => 0.5)).toBe(2000);
  });

  it('X-Latchkey-Max-Wait: default 10 s, 0 to 60, anything else a coded 400 naming the header', () => {
    expect(maxWaitMs(undefined)).toBe(10_000);
    expect(maxWaitMs('0')).toBe(0);
    expect(maxWaitMs('2.5')).toBe(2500);
    expect(maxWaitMs('60')).toBe(60_000);
    for (const bad of ['61', '-1', 'abc', '', '1e3', '10s', ['1', '2']]) {
      let error: unknown;
      try {
        maxWaitMs(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).extras.errors?.[0].field).toBe('X-Latchkey-Max-Wait');
    }
  });

  it('backs off with full jitter, doubling to a cap', () => {
    expect(backoffMs(1, () => 0.999)).toBeLessThanOrEqual(500);
    expect(backoffMs(3, () => 0.999)).toBeGreaterThan(1000);
    expect(backoffMs(20, () => 0.999)).toBeLessThanOrEqual(8000);
    expect(backoffMs(1, () => 0)).toBe(50);
  });
});
