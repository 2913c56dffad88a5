import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS, redisKeys, RedisKeys } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { GraphCallView } from './graph-call.view';

const KEPT = 50;
/** A connection nobody calls through the proxy for a week loses its list. */
const KEPT_SECONDS = 7 * 86_400;

/** The recent proxied calls of each connection: a capped Redis list, written after the answer, newest first. */
@Injectable()
export class GraphCallsLog {
  private readonly logger = new Logger(GraphCallsLog.name);
  private readonly keys: RedisKeys;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keys = redisKeys(config.queuePrefix);
  }

  /** Best effort: a lost entry costs a line of history, never the call. */
  record(customerId: string, connectionId: string, call: GraphCallView): void {
    const key = this.keys.graphCalls(connectionId);
    this.redis
      .multi()
      .lpush(key, JSON.stringify(call))
      .ltrim(key, 0, KEPT - 1)
      .expire(key, KEPT_SECONDS)
      .exec()
      .catch((error: Error) => this.logger.warn({ customerId, connectionId, error: error.message }, 'Graph call not recorded'));
  }

  /** Newest first. The caller checks that the connection is the customer's. */
  async list(connectionId: string): Promise<GraphCallView[]> {
    const rows = await this.redis.lrange(this.keys.graphCalls(connectionId), 0, KEPT - 1);
    return rows.map((row) => JSON.parse(row) as GraphCallView);
  }
}
