import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { assertUnreachable, isUuid, JOBS, Metrics, QUEUES, RefreshJobData, refreshJobId } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { isDue, TokenRefresher } from '@app/tokens';
import { refreshLagSeconds } from './metrics/refresh-lag';

/**
 * Refreshes one connection when it is due. Idempotent: the refresher re-reads and skips a connection someone
 * already refreshed. Permanent failures end here (the connection or its connector is flagged); transient ones are
 * rescheduled at the backoff time the refresher stored in Postgres (and returned, so no re-read).
 */
@Processor(QUEUES.refresh)
export class RefreshProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(RefreshProcessor.name);

  constructor(
    private readonly refresher: TokenRefresher,
    @InjectQueue(QUEUES.refresh) private readonly queue: Queue<RefreshJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  /**
   * BullMQ reads worker options from the class decorator, before any provider exists: the job lock follows the
   * configured lease, so a job held by a worker that died goes to another one soon after its Redis lease lapses.
   */
  static configure(config: AppConfig): void {
    const leaseMs = config.refresh.leaseSeconds * 1000;
    Processor(QUEUES.refresh, { lockDuration: leaseMs, stalledInterval: leaseMs })(RefreshProcessor);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.refresh.concurrency;
  }

  async process(job: Job<RefreshJobData>): Promise<string> {
    if (job.name !== JOBS.refreshConnection) throw new Error(`Unknown job ${job.name} on queue ${QUEUES.refresh}`);
    const { customerId, connectionId } = job.data ?? ({} as RefreshJobData);
    if (!isUuid(customerId) || !isUuid(connectionId)) {
      this.logger.error({ jobId: job.id }, 'Refresh job with an invalid payload dropped');
      return 'invalid';
    }
    this.metrics.refreshLagSeconds.observe(refreshLagSeconds(job, job.processedOn ?? Date.now()));
    const outcome = await this.refresher.refresh(customerId, connectionId, isDue);
    switch (outcome.kind) {
      case 'fresh':
        return 'fresh';
      case 'transient':
      case 'backing_off':
      case 'busy':
        await this.queue.add(
          JOBS.refreshConnection,
          { customerId, connectionId },
          { jobId: refreshJobId(connectionId, outcome.retryAt), delay: Math.max(0, outcome.retryAt.getTime() - Date.now()) },
        );
        return 'retry_scheduled';
      // Permanent: the connection or its connector is flagged (or gone); the result strings are the error codes'.
      case 'needs_reauth':
        return this.ended(job, 'connection_needs_reauth');
      case 'tenant_blocked':
        return this.ended(job, 'connection_tenant_blocked');
      case 'connector_misconfigured':
        return this.ended(job, 'connector_misconfigured');
      case 'key_unavailable':
        return this.ended(job, 'encryption_key_unavailable');
      case 'not_found':
        return this.ended(job, 'not_found');
      default:
        return assertUnreachable(outcome);
    }
  }

  private ended(job: Job<RefreshJobData>, result: string): string {
    this.logger.log({ jobId: job.id, customerId: job.data.customerId, connectionId: job.data.connectionId, result }, 'Refresh ended without a token');
    return result;
  }

  /** An unexpected error (Postgres down, a bug): the job is dropped and the next sweep picks the connection up again. */
  @OnWorkerEvent('failed')
  onFailed(job: Job<RefreshJobData> | undefined, error: Error): void {
    this.logger.warn({ jobId: job?.id, connectionId: job?.data?.connectionId, err: error }, 'Refresh job failed; the next sweep retries it');
  }
}
