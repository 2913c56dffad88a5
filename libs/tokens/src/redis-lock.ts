import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** How long a lease command may take before Redis counts as down (a healthy Redis answers in well under 1 ms). */
const ANSWER_WITHIN_MS = 500;

/**
 * A lease in Redis (SET NX PX). It can expire while its holder still works, so it only avoids duplicate work:
 * correctness comes from re-reading after taking it and from the compare-and-swap on the connection's version.
 */
type WithRelease = Redis & { latchkeyReleaseLock(key: string, owner: string): Promise<number> };

/** Redis did not answer: the caller may go on without the lease (the compare-and-swap keeps that safe). */
export class LockUnavailableError extends Error {
  constructor(cause: string) {
    super(`Redis lease unavailable: ${cause}`);
    this.name = 'LockUnavailableError';
  }
}

export class RedisLock {
  private readonly redis: WithRelease;

  constructor(redis: Redis) {
    // A defined command goes as EVALSHA (the script is sent once, not with every release).
    if (!('latchkeyReleaseLock' in redis)) redis.defineCommand('latchkeyReleaseLock', { numberOfKeys: 1, lua: RELEASE });
    this.redis = redis as WithRelease;
  }

  /**
   * `key`: a full key name from redisKeys(). The release function, or null when someone else holds it. Throws
   * LockUnavailableError when Redis is down.
   */
  async acquire(key: string, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const owner = randomUUID();
    // Not connected: fail at once instead of waiting in ioredis' offline queue for a reconnect.
    if (this.redis.status !== 'ready') throw new LockUnavailableError(`connection ${this.redis.status}`);
    let ok: string | null;
    try {
      ok = await withinDeadline(this.redis.set(key, owner, 'PX', ttlMs, 'NX'));
    } catch (error) {
      throw new LockUnavailableError((error as Error).message);
    }
    if (ok !== 'OK') return null;
    return async () => {
      // Best effort and bounded: an unreleased lease lapses after its TTL.
      if (this.redis.status === 'ready') await withinDeadline(this.redis.latchkeyReleaseLock(key, owner)).catch(() => undefined);
    };
  }
}

function withinDeadline<T>(command: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS);
  });
  command.catch(() => undefined); // a late rejection after the deadline is not unhandled
  return Promise.race([command, late]).finally(() => clearTimeout(timer));
}
