import { TokenCache } from './token-cache';

const answer = (expiresInMs: number, now: number) => ({ accessToken: 'EwB-x', expiresAt: new Date(now + expiresInMs).toISOString() }) as never;

describe('TokenCache', () => {
  it('serves a token for a second, to the same customer only, while it stays valid for 5 more minutes', () => {
    const cache = new TokenCache();
    const now = Date.parse('2026-01-01T00:00:00Z');
    cache.set('c1', 'conn', answer(3600_000, now), now);
    expect(cache.get('c1', 'conn', now + 999)).not.toBeNull();
    expect(cache.get('c1', 'conn', now + 1000)).toBeNull();
    expect(cache.get('c2', 'conn', now)).toBeNull();
    expect(cache.get('c1', 'other', now)).toBeNull();
    cache.set('c1', 'short', answer(300_500, now), now);
    expect(cache.get('c1', 'short', now)).not.toBeNull();
    expect(cache.get('c1', 'short', now + 600)).toBeNull();
  });

  it('keeps at most 10,000 connections, dropping the oldest', () => {
    const cache = new TokenCache();
    const now = Date.now();
    for (let i = 0; i <= 10_000; i++) cache.set('c', `conn-${i}`, answer(3600_000, now), now);
    expect(cache.get('c', 'conn-0', now)).toBeNull();
    expect(cache.get('c', 'conn-10000', now)).not.toBeNull();
  });
});
