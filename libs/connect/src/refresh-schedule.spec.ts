import type { AppConfig } from '@app/config';
import { nextRefreshAt } from './refresh-schedule';

describe('nextRefreshAt', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const refresh = (leadSeconds: number, jitterSeconds: number) => ({ leadSeconds, jitterSeconds }) as AppConfig['refresh'];

  it('refreshes lead time (minus jitter) before expiry when the token lives long enough', () => {
    for (let i = 0; i < 50; i++) {
      const at = nextRefreshAt(new Date(now + 3600_000), refresh(600, 60), now).getTime();
      expect(at).toBeLessThanOrEqual(now + 3000_000);
      expect(at).toBeGreaterThan(now + 2940_000);
    }
  });

  it('clamps lead plus jitter below half the token lifetime', () => {
    for (let i = 0; i < 50; i++) {
      // A 10-minute token with a 10-minute lead and a minute of jitter: not at once, but past the half-way point.
      const at = nextRefreshAt(new Date(now + 600_000), refresh(600, 60), now).getTime();
      expect(at).toBeGreaterThan(now + 300_000);
      expect(at).toBeLessThan(now + 600_000);
    }
    // Lead alone within the bound is kept as is.
    expect(nextRefreshAt(new Date(now + 600_000), refresh(200, 0), now).getTime()).toBe(now + 400_000);
  });

  it('is never in the past, even for an expired token', () => {
    expect(nextRefreshAt(new Date(now - 1000), refresh(600, 60), now).getTime()).toBe(now);
  });
});
