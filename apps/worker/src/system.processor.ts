import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { HOUSEKEEPING_EVERY_MS, JOBS, QUEUES, REDIS, RESEAL_SECRETS_EVERY_MS, redisKeys, WORKER_HEARTBEAT_EVERY_MS } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { HousekeepingService, KeyRotationService } from '@app/connect';
import { SecretExpiryNotices } from '@app/connectors';
import { MailSubscriptionSweeper } from '@app/mail-notifications';
import { RefreshSweeper } from '@app/tokens';
import { DeliverySweeper } from '@app/webhooks';

/** Pending webhook deliveries are re-queued from Postgres this often (the sweep's horizon is longer). */
const WEBHOOK_SWEEP_EVERY_MS = 15_000;
/** Client-secret expiry notices (30, 7, 1 days ahead) are checked this often. */
const SECRET_EXPIRY_NOTICES_EVERY_MS = 60 * 60_000;

/**
 * Periodic work through BullMQ job schedulers (idempotent: one scheduler whatever the number of workers):
 * the heartbeat the API's readiness shows, the sweep that finds due refreshes in Postgres, housekeeping, and
 * re-sealing secrets under the active encryption key, the sweep that re-queues due webhook deliveries, and the one
 * that queues due mail subscription work (renewals above all).
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
    private readonly housekeeping: HousekeepingService,
    private readonly keyRotation: KeyRotationService,
    private readonly deliverySweeper: DeliverySweeper,
    private readonly secretExpiryNotices: SecretExpiryNotices,
    private readonly mailSweeper: MailSubscriptionSweeper,
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
    const scheduled = await this.sweeper.sweep(Date.now(), true);
    const webhooks = await this.deliverySweeper.sweep();
    const mailSubscriptions = await this.mailSweeper.sweep();
    this.logger.log({ scheduled, webhooks, mailSubscriptions }, 'Worker ready');
    // The schedulers' first runs come one interval later: tidy up now too (idempotent, off the critical path).
    this.housekeeping.run().catch((err: unknown) => this.logger.warn({ err }, 'Housekeeping failed'));
    // After a key rotation (new key first in ENCRYPTION_KEYS), re-seal at once rather than an hour later.
    await this.queue.add(JOBS.resealSecrets, {}, { jobId: `${JOBS.resealSecrets}-boot`, removeOnComplete: true, removeOnFail: true });
  }

  onApplicationShutdown(): void {
    if (this.watchdog) clearInterval(this.watchdog);
  }

  private async ensureSchedulers(onlyIfMissing = false): Promise<void> {
    const schedules = {
      [JOBS.heartbeat]: WORKER_HEARTBEAT_EVERY_MS,
      [JOBS.sweepRefreshes]: this.config.refresh.sweepIntervalSeconds * 1000,
      [JOBS.housekeeping]: HOUSEKEEPING_EVERY_MS,
      [JOBS.resealSecrets]: RESEAL_SECRETS_EVERY_MS,
      [JOBS.sweepWebhookDeliveries]: WEBHOOK_SWEEP_EVERY_MS,
      [JOBS.secretExpiryNotices]: SECRET_EXPIRY_NOTICES_EVERY_MS,
      [JOBS.sweepMailSubscriptions]: this.config.mailNotifications.sweepIntervalSeconds * 1000,
    };
    if (onlyIfMissing) {
      const present = await Promise.all(Object.keys(schedules).map((name) => this.queue.getJobScheduler(name)));
      if (present.every(Boolean)) return;
    }
    const opts = { removeOnComplete: true, removeOnFail: 100 };
    for (const [name, every] of Object.entries(schedules)) await this.queue.upsertJobScheduler(name, { every }, { name, opts });
    if (onlyIfMissing) {
      this.logger.warn('Job schedulers were missing (Redis flushed or restarted): restored, sweeping now');
      await this.sweeper.sweep(Date.now(), true);
      await this.deliverySweeper.sweep();
      await this.mailSweeper.sweep();
    }
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.heartbeat:
        return this.recordHeartbeat();
      case JOBS.sweepRefreshes:
        return { scheduled: await this.sweeper.sweep() };
      case JOBS.housekeeping:
        return this.housekeeping.run();
      case JOBS.resealSecrets:
        return this.keyRotation.run();
      case JOBS.sweepWebhookDeliveries:
        return { scheduled: await this.deliverySweeper.sweep(), pruned: await this.deliverySweeper.pruneEvents() };
      case JOBS.secretExpiryNotices:
        return { emitted: await this.secretExpiryNotices.run() };
      case JOBS.sweepMailSubscriptions:
        return { scheduled: await this.mailSweeper.sweep(), prunedKeys: await this.mailSweeper.pruneKeys() };
      default:
        throw new Error(`Unknown job ${job.name} on queue ${QUEUES.system}`);
    }
  }

  private async recordHeartbeat(): Promise<void> {
    await this.redis.set(redisKeys(this.config.queuePrefix).workerHeartbeat, new Date().toISOString(), 'PX', WORKER_HEARTBEAT_EVERY_MS * 4);
  }
}
