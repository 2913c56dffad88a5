import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A lease in Redis (SET NX PX). It can expire while its holder still works, so it only avoids duplicate work:
 * correctness comes from re-reading after taking it and from the compare-and-swap on the connection's version.
 */
type WithRelease = Redis & { latchkeyReleaseLock(key: string, owner: string): Promise<number> };

export class RedisLock {
  private readonly redis: WithRelease;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // A defined command goes as EVALSHA (the script is sent once, not with every release).
    if (!('latchkeyReleaseLock' in redis)) redis.defineCommand('latchkeyReleaseLock', { numberOfKeys: 1, lua: RELEASE });
    this.redis = redis as WithRelease;
  }

  async acquire(name: string, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const key = `${this.prefix}:lock:${name}`;
    const owner = randomUUID();
    const ok = await this.redis.set(key, owner, 'PX', ttlMs, 'NX');
    if (ok !== 'OK') return null;
    return async () => {
      await this.redis.latchkeyReleaseLock(key, owner).catch(() => undefined);
    };
  }
}
