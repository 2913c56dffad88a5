import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES, WEBHOOK_JOB_OPTIONS } from '@app/common';
import { DeliveriesRepository } from './deliveries.repository';
import { WebhookDeliverer } from './webhook-deliverer';
import { WebhookQueue } from './webhook-queue';
import { WebhookSender } from './webhook-sender';
import { WebhookSigner } from './webhook-signer';

/** Sending one attempt, recording it, and queueing attempts: shared by the worker and the API (test, redeliver). */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.webhooks, defaultJobOptions: WEBHOOK_JOB_OPTIONS })],
  providers: [WebhookQueue, DeliveriesRepository, WebhookSigner, WebhookSender, WebhookDeliverer],
  exports: [WebhookQueue, DeliveriesRepository, WebhookDeliverer],
})
export class WebhookDeliveryModule {}
