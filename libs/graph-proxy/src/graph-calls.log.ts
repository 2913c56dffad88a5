import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS, redisKeys, RedisKeys } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { GraphCallView } from './graph-call.view';

const KEPT = 50;
/** A connection nobody calls through the proxy for a week loses its list. */
const KEPT_SECONDS = 7 * 86_400;
/** One command per call (not a MULTI of three): KEYS: list. ARGV: entry, kept, seconds. */
const PUSH = `
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
return redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))`;

type WithPush = Redis & { latchkeyGraphCallPush(key: string, entry: string, kept: number, seconds: number): Promise<number> };

/** The recent proxied calls of each connection: a capped Redis list, written after the answer, newest first. */
@Injectable()
export class GraphCallsLog {
  private readonly logger = new Logger(GraphCallsLog.name);
  private readonly keys: RedisKeys;
  private readonly redis: WithPush;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    if (!('latchkeyGraphCallPush' in redis)) redis.defineCommand('latchkeyGraphCallPush', { numberOfKeys: 1, lua: PUSH });
    this.redis = redis as WithPush;
    this.keys = redisKeys(config.queuePrefix);
  }

  /** Best effort: a lost entry costs a line of history, never the call. */
  record(customerId: string, connectionId: string, call: GraphCallView): void {
    if (this.redis.status !== 'ready') return;
    this.redis
      .latchkeyGraphCallPush(this.keys.graphCalls(customerId, connectionId), JSON.stringify(call), KEPT, KEPT_SECONDS)
      .catch((error: Error) => this.logger.warn({ customerId, connectionId, error: error.message }, 'Graph call not recorded'));
  }

  /** Newest first. The caller checks that the connection is the customer's. */
  async list(customerId: string, connectionId: string): Promise<GraphCallView[]> {
    const rows = await this.redis.lrange(this.keys.graphCalls(customerId, connectionId), 0, KEPT - 1);
    return rows.map((row) => JSON.parse(row) as GraphCallView);
  }
}
