import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DomainError, JOBS, QUEUES, RefreshJobData, refreshJobId } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { isDue, TokenRefresher } from '@app/tokens';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Refreshes one connection when it is due. Idempotent: the refresher re-reads and skips a connection someone
 * already refreshed. Permanent failures end here (the connection or its connector is flagged); transient ones are
 * rescheduled at the backoff time the refresher stored in Postgres.
 */
@Processor(QUEUES.refresh)
export class RefreshProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(RefreshProcessor.name);

  constructor(
    private readonly refresher: TokenRefresher,
    @InjectQueue(QUEUES.refresh) private readonly queue: Queue<RefreshJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    if (typeof customerId !== 'string' || !UUID.test(customerId) || typeof connectionId !== 'string' || !UUID.test(connectionId)) {
      this.logger.error({ jobId: job.id }, 'Refresh job with an invalid payload dropped');
      return 'invalid';
    }
    try {
      await this.refresher.ensureFresh(customerId, connectionId, isDue);
      return 'fresh';
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'MICROSOFT_UNAVAILABLE') {
        const latest = await this.refresher.read(customerId, connectionId);
        if (latest?.nextRefreshAt && latest.status === 'active') {
          await this.queue.add(
            JOBS.refreshConnection,
            { customerId, connectionId },
            { jobId: refreshJobId(connectionId, latest.nextRefreshAt), delay: Math.max(0, latest.nextRefreshAt.getTime() - Date.now()) },
          );
        }
        return 'retry_scheduled';
      }
      this.logger.log({ jobId: job.id, customerId, connectionId, code: error.code }, 'Refresh ended without a token');
      return error.code.toLowerCase();
    }
  }

  /** An unexpected error (Postgres down, a bug): the job is dropped and the next sweep picks the connection up again. */
  @OnWorkerEvent('failed')
  onFailed(job: Job<RefreshJobData> | undefined, error: Error): void {
    this.logger.warn({ jobId: job?.id, connectionId: job?.data?.connectionId, err: error }, 'Refresh job failed; the next sweep retries it');
  }
}
