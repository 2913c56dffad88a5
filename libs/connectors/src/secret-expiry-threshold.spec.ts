import { dueSecretExpiryNotice } from './secret-expiry-threshold';

const DAY = 86_400_000;
const now = new Date('2026-12-03T12:00:00Z');
const inDays = (d: number) => new Date(now.getTime() + d * DAY);

describe('dueSecretExpiryNotice', () => {
  const fresh = (expiresAt: Date | null) => ({ expiresAt, notifiedDays: null, notifiedFor: null });

  it('tells nothing beyond 30 days, for no expiry, or for a secret already expired', () => {
    expect(dueSecretExpiryNotice(fresh(inDays(31)), now)).toBeNull();
    expect(dueSecretExpiryNotice(fresh(null), now)).toBeNull();
    expect(dueSecretExpiryNotice(fresh(inDays(-0.1)), now)).toBeNull();
    expect(dueSecretExpiryNotice(fresh(now), now)).toBeNull();
  });

  it('picks the smallest threshold at or above the whole days left', () => {
    expect(dueSecretExpiryNotice(fresh(inDays(30.5)), now)).toEqual({ threshold: 30, daysLeft: 30 });
    expect(dueSecretExpiryNotice(fresh(inDays(8)), now)).toEqual({ threshold: 30, daysLeft: 8 });
    expect(dueSecretExpiryNotice(fresh(inDays(7)), now)).toEqual({ threshold: 7, daysLeft: 7 });
    expect(dueSecretExpiryNotice(fresh(inDays(2)), now)).toEqual({ threshold: 7, daysLeft: 2 });
    expect(dueSecretExpiryNotice(fresh(inDays(1.5)), now)).toEqual({ threshold: 1, daysLeft: 1 });
    expect(dueSecretExpiryNotice(fresh(inDays(0.2)), now)).toEqual({ threshold: 1, daysLeft: 0 });
  });

  it('tells each threshold once per expiry, and starts again for a new expiry', () => {
    const expiresAt = inDays(5);
    expect(dueSecretExpiryNotice({ expiresAt, notifiedDays: 7, notifiedFor: expiresAt }, now)).toBeNull();
    expect(dueSecretExpiryNotice({ expiresAt, notifiedDays: 1, notifiedFor: expiresAt }, now)).toBeNull();
    expect(dueSecretExpiryNotice({ expiresAt, notifiedDays: 30, notifiedFor: expiresAt }, now)).toEqual({ threshold: 7, daysLeft: 5 });
    expect(dueSecretExpiryNotice({ expiresAt, notifiedDays: 1, notifiedFor: inDays(-40) }, now)).toEqual({ threshold: 7, daysLeft: 5 });
  });
});
