import { dueForRenewal, renewAt, retryAt } from './sync-policy';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const DAY = 86_400_000;

describe('subscription sync policy', () => {
  it('renews a day before a week-long subscription expires', () => {
    const expires = new Date(NOW + 7 * DAY);
    expect(renewAt(expires, 86_400, NOW).getTime()).toBe(NOW + 6 * DAY);
  });

  it('renews a short-lived subscription before 90% of its lifetime, never in the past', () => {
    expect(renewAt(new Date(NOW + 60_000), 86_400, NOW).getTime()).toBe(NOW + 6_000);
    expect(renewAt(new Date(NOW - 1000), 86_400, NOW).getTime()).toBe(NOW);
  });

  it('is due for renewal within the lead, or without an expiry', () => {
    expect(dueForRenewal(new Date(NOW + DAY - 1), 86_400, NOW)).toBe(true);
    expect(dueForRenewal(new Date(NOW + 2 * DAY), 86_400, NOW)).toBe(false);
    expect(dueForRenewal(null, 86_400, NOW)).toBe(true);
  });

  it('backs off exponentially up to an hour and honours Retry-After', () => {
    const first = retryAt(1, null, NOW).getTime() - NOW;
    expect(first).toBeGreaterThanOrEqual(4_000);
    expect(first).toBeLessThanOrEqual(6_000);
    expect(retryAt(20, null, NOW).getTime() - NOW).toBeLessThanOrEqual(72 * 60_000);
    expect(retryAt(1, 600, NOW).getTime() - NOW).toBe(600_000);
  });
});
