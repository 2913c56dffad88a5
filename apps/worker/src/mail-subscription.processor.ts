import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { isUuid, JOBS, MailSubscriptionJobData, QUEUES } from '@app/common';
import { MailSubscriptionSyncer } from '@app/mail-notifications';

/**
 * Syncs one connection's Graph subscription when its row is due (created, renewed, reauthorized, replaced, paused or
 * deleted). The next due time goes to Postgres and the sweep queues it: a job lost with Redis is queued again.
 */
@Processor(QUEUES.mailSubscriptions, { concurrency: 20 })
export class MailSubscriptionProcessor extends WorkerHost {
  private readonly logger = new Logger(MailSubscriptionProcessor.name);

  constructor(private readonly syncer: MailSubscriptionSyncer) {
    super();
  }

  async process(job: Job<MailSubscriptionJobData>): Promise<string> {
    if (job.name !== JOBS.syncMailSubscription) throw new Error(`Unknown job ${job.name} on queue ${QUEUES.mailSubscriptions}`);
    const { customerId, connectionId } = job.data ?? ({} as MailSubscriptionJobData);
    if (!isUuid(customerId) || !isUuid(connectionId)) {
      this.logger.error({ jobId: job.id }, 'Mail subscription job with an invalid payload dropped');
      return 'invalid';
    }
    return this.syncer.sync(customerId, connectionId);
  }

  /** An unexpected error (Postgres down, a bug): the row keeps its due time and the next sweep queues it again. */
  @OnWorkerEvent('failed')
  onFailed(job: Job<MailSubscriptionJobData> | undefined, error: Error): void {
    this.logger.warn({ jobId: job?.id, connectionId: job?.data?.connectionId, err: error }, 'Mail subscription job failed; the sweep retries it');
  }
}
