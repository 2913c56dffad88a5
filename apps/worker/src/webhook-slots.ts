import Redis from 'ioredis';

/**
 * Per-endpoint concurrency in one Redis sorted set of job ids scored by slot expiry: drop the lapsed, then take a
 * slot if fewer than the limit are held (re-taking one already held succeeds). A worker that died lets go when it lapses.
 */
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`;

export class EndpointSlots {
  constructor(
    private readonly redis: Redis,
    private readonly keyOf: (endpointId: string) => string,
  ) {}

  async take(endpointId: string, holder: string, limit: number, holdMs: number, now = Date.now()): Promise<boolean> {
    const taken = await this.redis.eval(TAKE, 1, this.keyOf(endpointId), now, limit, holder, now + holdMs, holdMs);
    return taken === 1;
  }

  async release(endpointId: string, holder: string): Promise<void> {
    await this.redis.zrem(this.keyOf(endpointId), holder);
  }
}
