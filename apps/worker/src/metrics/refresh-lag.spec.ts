import { refreshLagSeconds } from './refresh-lag';

describe('refreshLagSeconds', () => {
  const added = Date.parse('2026-01-01T00:00:00Z');

  it('measures from the due time, the delay the job was added with', () => {
    expect(refreshLagSeconds({ timestamp: added, opts: { delay: 60_000 } }, added + 62_500)).toBe(2.5);
    expect(refreshLagSeconds({ timestamp: added, opts: {} }, added + 1_000)).toBe(1);
  });

  it('is 0 for a job started before it was due', () => {
    expect(refreshLagSeconds({ timestamp: added, opts: { delay: 60_000 } }, added + 59_000)).toBe(0);
  });
});
