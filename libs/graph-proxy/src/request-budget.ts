import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS, redisKeys, RedisKeys } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';

/** The window is counted in this many buckets. */
const BUCKETS = 60;

/**
 * Takes one request from a connection's budget: counts per bucket in a hash; the sum of the last BUCKETS + 1 buckets
 * (a span at least as long as the window) must stay under the limit, so no window of that length ever holds more.
 * KEYS: budget. ARGV: limit, windowMs, bucketMs. Returns -1 (taken) or the milliseconds until one is free.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit, window, size = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local current = math.floor(now / size)
local first = current - math.floor(window / size)
local all = redis.call('HGETALL', KEYS[1])
local sum, oldest = 0, nil
for i = 1, #all, 2 do
  local bucket, count = tonumber(all[i]), tonumber(all[i + 1])
  if bucket < first then redis.call('HDEL', KEYS[1], all[i])
  else
    sum = sum + count
    if oldest == nil or bucket < oldest then oldest = bucket end
  end
end
if sum >= limit then return (oldest + math.floor(window / size) + 1) * size - now end
redis.call('HINCRBY', KEYS[1], current, 1)
redis.call('PEXPIRE', KEYS[1], window + 2 * size)
return -1`;

type WithTake = Redis & { latchkeyGraphBudget(key: string, limit: number, windowMs: number, bucketMs: number): Promise<number> };

/**
 * A connection's Graph request budget (Outlook: 10,000 per 10 minutes per app per mailbox), shared by every API
 * instance, so the proxy answers 429 itself before Graph would throttle the mailbox. Every attempt counts, retries too:
 * Graph counts them.
 */
@Injectable()
export class RequestBudget {
  private readonly logger = new Logger(RequestBudget.name);
  private readonly redis: WithTake;
  private readonly keys: RedisKeys;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    if (!('latchkeyGraphBudget' in redis)) redis.defineCommand('latchkeyGraphBudget', { numberOfKeys: 1, lua: TAKE });
    this.redis = redis as WithTake;
    this.keys = redisKeys(config.queuePrefix);
  }

  /** Null when a request may go, else the milliseconds until one may. Not counted (and allowed) while Redis is unreachable. */
  async take(customerId: string, connectionId: string): Promise<number | null> {
    const { budget, budgetWindowSeconds } = this.config.graphProxy;
    const windowMs = budgetWindowSeconds * 1000;
    if (this.redis.status !== 'ready') return null;
    try {
      const waitMs = await this.redis.latchkeyGraphBudget(this.keys.graphBudget(customerId, connectionId), budget, windowMs, Math.ceil(windowMs / BUCKETS));
      return waitMs < 0 ? null : Math.max(1, waitMs);
    } catch (error) {
      this.logger.warn({ customerId, connectionId, error: (error as Error).message }, 'Graph call not counted in its budget: Redis unavailable');
      return null;
    }
  }
}
