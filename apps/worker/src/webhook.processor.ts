import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DelayedError, Job } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { isUuid, JOBS, QUEUES, REDIS, redisKeys, WebhookJobData } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WebhookDeliverer, WebhookQueue } from '@app/webhooks';
import { EndpointSlots } from './webhook-slots';

/** A slot outlives the attempt's timeout by this much; it lapses by itself if the release never comes. */
const SLOT_MARGIN_MS = 30_000;

/**
 * One attempt of one delivery per job. A per-endpoint slot bounds what one endpoint takes: without one the job goes
 * back to the delayed set for a short, jittered while, so a slow endpoint never holds the worker's concurrency.
 * A retry is queued at the due time the deliverer stored; a lost job is re-added by the sweep.
 */
@Processor(QUEUES.webhooks)
export class WebhookProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookProcessor.name);
  private readonly slots: EndpointSlots;

  constructor(
    private readonly deliverer: WebhookDeliverer,
    private readonly queue: WebhookQueue,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    const keys = redisKeys(config.queuePrefix);
    this.slots = new EndpointSlots(redis, keys.webhookEndpointSlots);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.webhooks.concurrency;
  }

  async process(job: Job<WebhookJobData>, token?: string): Promise<string> {
    if (job.name !== JOBS.deliverWebhook) throw new Error(`Unknown job ${job.name} on queue ${QUEUES.webhooks}`);
    const { customerId, deliveryId, attempt } = job.data ?? ({} as WebhookJobData);
    if (!isUuid(customerId) || !isUuid(deliveryId) || !Number.isInteger(attempt) || attempt < 1) {
      this.logger.error({ jobId: job.id }, 'Webhook job with an invalid payload dropped');
      return 'invalid';
    }
    const rows: Array<{ endpoint_id: string }> = await this.db.query(
      `SELECT endpoint_id FROM webhook_deliveries WHERE id = $1 AND customer_id = $2 AND status = 'pending'`,
      [deliveryId, customerId],
    );
    if (rows.length === 0) return 'not_pending';
    const endpointId = rows[0].endpoint_id;
    const holder = job.id ?? `${deliveryId}-${attempt}`;
    const { endpointConcurrency, timeoutMs } = this.config.webhooks;
    if (!(await this.slots.take(endpointId, holder, endpointConcurrency, timeoutMs + SLOT_MARGIN_MS))) {
      await job.moveToDelayed(Date.now() + 200 + Math.floor(Math.random() * 500), token);
      throw new DelayedError();
    }
    try {
      const outcome = await this.deliverer.attempt(customerId, deliveryId, attempt);
      if (outcome.kind === 'retry') {
        await this.queue.enqueue([{ customerId, deliveryId, attempt: attempt + 1, at: outcome.nextAttemptAt }]);
        return 'retry_scheduled';
      }
      return outcome.kind === 'skipped' ? outcome.reason : outcome.kind;
    } finally {
      await this.slots.release(endpointId, holder).catch((err: unknown) => this.logger.warn({ err }, 'Could not release an endpoint slot; it lapses'));
    }
  }

  /** An unexpected error (Postgres or Redis down, a bug): the sweep re-queues the delivery from Postgres. */
  @OnWorkerEvent('failed')
  onFailed(job: Job<WebhookJobData> | undefined, error: Error): void {
    this.logger.warn({ jobId: job?.id, deliveryId: job?.data?.deliveryId, err: error }, 'Webhook job failed; the sweep retries it');
  }
}
