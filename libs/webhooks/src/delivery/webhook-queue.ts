import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOBS, QUEUES, WebhookJobData, webhookJobId } from '@app/common';

export interface DeliveryJob {
  customerId: string;
  deliveryId: string;
  /** The attempt the job makes (1 for the first). */
  attempt: number;
  /** When it is due (now when omitted). */
  at?: Date;
}

/**
 * Puts delivery attempts on the BullMQ queue, one job per (delivery, attempt): the relay, a retry, the sweep and a
 * redelivery through the API all add the same id, so adding twice runs once. Postgres holds the due time: a job lost
 * with Redis is added again by the sweep.
 */
@Injectable()
export class WebhookQueue {
  constructor(@InjectQueue(QUEUES.webhooks) private readonly queue: Queue<WebhookJobData>) {}

  async enqueue(jobs: DeliveryJob[], now = Date.now()): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((j) => ({
        name: JOBS.deliverWebhook,
        data: { customerId: j.customerId, deliveryId: j.deliveryId, attempt: j.attempt },
        opts: { jobId: webhookJobId(j.deliveryId, j.attempt), delay: j.at ? Math.max(0, j.at.getTime() - now) : 0 },
      })),
    );
  }
}
