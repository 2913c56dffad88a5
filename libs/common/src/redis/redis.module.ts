import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';

export const REDIS = Symbol('REDIS');

/** ioredis options shared by every connection the platform opens (BullMQ needs maxRetriesPerRequest: null). */
export function redisOptions(): { maxRetriesPerRequest: null; enableReadyCheck: boolean; lazyConnect: boolean } {
  return { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false };
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

/** One shared general-purpose Redis connection (locks, counters, health). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      // Auto-pipelining: commands issued in the same tick (leases of concurrent refreshes) go out in one write.
      // Only on this client: BullMQ's connections keep their own settings.
      useFactory: (config: AppConfig) => new Redis(config.redisUrl, { ...redisOptions(), maxRetriesPerRequest: 2, enableAutoPipelining: true }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
