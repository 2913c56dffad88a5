import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { REDIS, redisKeys, SecretBox, withTimeout } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { KeyRotationService } from '@app/connect';

/** Counting sealed values scans the sealed tables: done at most this often per API instance, not on every probe. */
const SEALED_COUNT_TTL_MS = 60_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  private sealedCount: { at: number; counts: Record<string, number> | null; message?: string } | null = null;

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keyRotation: KeyRotationService,
    private readonly secrets: SecretBox,
  ) {}

  /** The process is up. */
  @Get('live')
  @ApiOperation({ summary: 'The process is up.' })
  @ApiOkResponse({ schema: { type: 'object', required: ['status'], additionalProperties: false, properties: { status: { type: 'string', enum: ['ok'] } } } })
  live() {
    return { status: 'ok' };
  }

  /**
   * Postgres and Redis answer; the worker's last heartbeat is reported but does not fail readiness. So are the
   * values each encryption key still seals (a key can be removed once it seals none) and the keys that seal values
   * but are not configured (those values cannot be opened: add the key back); neither fails readiness either.
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 2000 }),
      async () => {
        const redis = this.indicators.check('redis');
        try {
          const [pong, heartbeat] = await withTimeout(
            Promise.all([this.redis.ping(), this.redis.get(redisKeys(this.config.queuePrefix).workerHeartbeat)]),
            2000,
          );
          return pong === 'PONG' ? redis.up({ workerHeartbeatAt: heartbeat }) : redis.down({ message: 'unexpected PING answer' });
        } catch (error) {
          return redis.down({ message: error instanceof Error ? error.message : 'unreachable' });
        }
      },
      async () => {
        const { counts: sealedByKey, message } = await this.sealedByKey();
        const unavailableKeys = sealedByKey ? Object.keys(sealedByKey).filter((id) => !this.secrets.hasKey(id)) : null;
        return this.indicators.check('encryption').up({ activeKeyId: this.secrets.activeKeyId, sealedByKey, unavailableKeys, message });
      },
    ]);
  }

  /** A count that fails or times out is reported (and cached like a result), never a reason to fail readiness. */
  private async sealedByKey(): Promise<{ counts: Record<string, number> | null; message?: string }> {
    if (!this.sealedCount || Date.now() - this.sealedCount.at > SEALED_COUNT_TTL_MS) {
      const at = Date.now();
      try {
        this.sealedCount = { at, counts: await withTimeout(this.keyRotation.countByKey(), 2000) };
      } catch (error) {
        this.sealedCount = { at, counts: null, message: `could not count: ${error instanceof Error ? error.message : 'unknown error'}` };
      }
    }
    return this.sealedCount;
  }
}
