import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES, WEBHOOK_JOB_OPTIONS } from '@app/common';
import { WebhookQueue } from './webhook-queue';

/** Sending one attempt, recording it, and queueing attempts: shared by the worker and the API (test, redeliver). */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.webhooks, defaultJobOptions: WEBHOOK_JOB_OPTIONS })],
  providers: [WebhookQueue],
  exports: [WebhookQueue],
})
export class WebhookDeliveryModule {}
