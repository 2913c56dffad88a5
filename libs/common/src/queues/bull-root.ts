import { BullModule } from '@nestjs/bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { redisOptions } from '../redis/redis.module';

/** BullMQ's root configuration, shared by the API (producers) and the worker (consumers). */
export const bullRootModule = () =>
  BullModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => {
      const url = new URL(config.redisUrl);
      return {
        prefix: config.queuePrefix,
        connection: {
          host: url.hostname,
          port: Number(url.port || 6379),
          username: url.username ? decodeURIComponent(url.username) : undefined,
          password: url.password ? decodeURIComponent(url.password) : undefined,
          db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
          tls: url.protocol === 'rediss:' ? {} : undefined,
          ...redisOptions(),
        },
      };
    },
  });
