import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModule, ThrottlerRequest } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { DomainError, REDIS, redisKeys } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { normaliseEmail } from '@app/customers';

const WINDOW_MS = 60_000;

const emailOf = (context: ExecutionContext): string | null => {
  const email = (context.switchToHttp().getRequest<{ body?: { email?: unknown } }>().body ?? {}).email;
  return typeof email === 'string' ? normaliseEmail(email) : null;
};

/**
 * Rate limits for console sign-in and invite acceptance (one budget for both): per client IP, and per IP and email
 * (sign-in only). Counters live in Redis under QUEUE_PREFIX, so they hold across API instances. req.ip is Express's,
 * under the app's "trust proxy" setting. Only routes with @UseGuards(SignInThrottlerGuard) are limited: never the token endpoint.
 */
export function signInThrottlerModule() {
  return ThrottlerModule.forRootAsync({
    inject: [APP_CONFIG, REDIS],
    useFactory: (config: AppConfig, redis: Redis) => ({
      storage: new ThrottlerStorageRedisService(redis),
      setHeaders: false,
      // One budget for both routes; the tracker (IP, email) is hashed so no address sits in Redis in clear.
      generateKey: (_context: ExecutionContext, tracker: string, name: string) =>
        redisKeys(config.queuePrefix).signInThrottle(name, createHash('sha256').update(tracker).digest('base64url')),
      throttlers: [
        { name: 'ip', ttl: WINDOW_MS, limit: config.signIn.perIpPerMinute },
        {
          name: 'email',
          ttl: WINDOW_MS,
          limit: config.signIn.perEmailPerMinute,
          skipIf: (context: ExecutionContext) => emailOf(context) === null,
          getTracker: (req: Record<string, unknown>, context: ExecutionContext) => `${req.ip}|${emailOf(context)}`,
        },
      ],
    }),
  });
}

@Injectable()
export class SignInThrottlerGuard extends ThrottlerGuard {
  private readonly log = new Logger(SignInThrottlerGuard.name);

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(request);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // Redis unavailable: sign-in stays possible; the per-member lockout in Postgres still bounds guessing.
      this.log.warn({ err: (error as Error).message }, 'Sign-in rate limit unavailable; request let through');
      return true;
    }
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    throw new DomainError('RATE_LIMITED', `Too many attempts from here: try again in ${seconds} second(s).`, {
      retryAfterSeconds: seconds,
    });
  }
}
