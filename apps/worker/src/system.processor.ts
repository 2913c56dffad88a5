import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { JOBS, QUEUES, REDIS, WORKER_HEARTBEAT_EVERY_MS, WORKER_HEARTBEAT_KEY } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RefreshSweeper } from '@app/tokens';

/**
 * Periodic work through BullMQ job schedulers (idempotent: one scheduler whatever the number of workers):
 * the heartbeat the API's readiness shows, and the sweep that finds due refreshes in Postgres.
 */
@Processor(QUEUES.system)
export class SystemProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SystemProcessor.name);
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    @InjectQueue(QUEUES.system) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sweeper: RefreshSweeper,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSchedulers();
    // A Redis flush or restart erases the schedulers with everything else: put them back when they are gone.
    this.watchdog = setInterval(() => {
      this.ensureSchedulers(true).catch((err: unknown) => this.logger.warn({ err }, 'Could not check job schedulers'));
    }, this.config.refresh.sweepIntervalSeconds * 1000);
    this.watchdog.unref();
    await this.recordHeartbeat();
    // Catch up at once after a restart or a Redis flush, without waiting for the first scheduled sweep.
    const scheduled = await this.sweeper.sweep();
    this.logger.log({ scheduled }, 'Worker ready');
  }

  onApplicationShutdown(): void {
    if (this.watchdog) clearInterval(this.watchdog);
  }

  private async ensureSchedulers(onlyIfMissing = false): Promise<void> {
    if (onlyIfMissing && (await this.queue.getJobScheduler(JOBS.sweepRefreshes)) && (await this.queue.getJobScheduler(JOBS.heartbeat))) return;
    const opts = { removeOnComplete: true, removeOnFail: 100 };
    await this.queue.upsertJobScheduler(JOBS.heartbeat, { every: WORKER_HEARTBEAT_EVERY_MS }, { name: JOBS.heartbeat, opts });
    await this.queue.upsertJobScheduler(
      JOBS.sweepRefreshes,
      { every: this.config.refresh.sweepIntervalSeconds * 1000 },
      { name: JOBS.sweepRefreshes, opts },
    );
    if (onlyIfMissing) {
      this.logger.warn('Job schedulers were missing (Redis flushed or restarted): restored, sweeping now');
      await this.sweeper.sweep();
    }
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.heartbeat:
        return this.recordHeartbeat();
      case JOBS.sweepRefreshes:
        return { scheduled: await this.sweeper.sweep() };
      default:
        throw new Error(`Unknown job ${job.name} on queue ${QUEUES.system}`);
    }
  }

  private async recordHeartbeat(): Promise<void> {
    await this.redis.set(WORKER_HEARTBEAT_KEY, new Date().toISOString(), 'PX', WORKER_HEARTBEAT_EVERY_MS * 4);
  }
}
