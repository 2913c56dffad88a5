import { isSuccess, nextAttemptAt, parseRetryAfter } from './retry-policy';

describe('retry policy', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const schedule = [5, 300, 1800];
  const after = (d: Date | null) => (d ? (d.getTime() - now.getTime()) / 1000 : null);

  it('uses schedule[n-1] after attempt n, within ±10%', () => {
    for (let i = 0; i < 50; i++) {
      const s = after(nextAttemptAt(2, schedule, now))!;
      expect(s).toBeGreaterThanOrEqual(270);
      expect(s).toBeLessThanOrEqual(330);
    }
    expect(after(nextAttemptAt(1, schedule, now, null, () => 0))).toBe(4.5);
    expect(after(nextAttemptAt(1, schedule, now, null, () => 1))).toBe(5.5);
  });

  it('gives up after the last delay', () => {
    expect(nextAttemptAt(3, schedule, now)).not.toBeNull();
    expect(nextAttemptAt(4, schedule, now)).toBeNull();
    expect(nextAttemptAt(0, schedule, now)).toBeNull();
  });

  it('honours a longer Retry-After, capped at a day, and ignores a shorter one', () => {
    expect(after(nextAttemptAt(1, schedule, now, 120, () => 0.5))).toBe(120);
    expect(after(nextAttemptAt(2, schedule, now, 10, () => 0.5))).toBe(300);
    expect(after(nextAttemptAt(1, schedule, now, 10 * 86_400, () => 0.5))).toBe(86_400);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:10:00 GMT', now)).toBe(600);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('9999999', now)).toBe(86_400);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('counts only 2xx as success', () => {
    expect([200, 204, 299].every(isSuccess)).toBe(true);
    expect([null, 199, 301, 404, 500].some(isSuccess)).toBe(false);
  });
});
