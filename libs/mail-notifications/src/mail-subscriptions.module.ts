import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { MAIL_SUBSCRIPTION_JOB_OPTIONS, QUEUES } from '@app/common';
import { MicrosoftModule } from '@app/microsoft';
import { TokensModule } from '@app/tokens';
import { ClientStates } from './client-state';
import { MailSubscriptionSweeper } from './mail-subscription-sweeper.service';
import { MailSubscriptionSyncer } from './mail-subscription-syncer.service';
import { MailSubscriptionsRepository } from './mail-subscriptions.repository';

const queue = BullModule.registerQueue({ name: QUEUES.mailSubscriptions, defaultJobOptions: MAIL_SUBSCRIPTION_JOB_OPTIONS });

/** The worker's side: keeping each connection's Graph subscription what it should be, scheduled from Postgres (the queue is exported for the worker's gauges). */
@Module({
  imports: [TokensModule, MicrosoftModule, queue],
  providers: [ClientStates, MailSubscriptionsRepository, MailSubscriptionSyncer, MailSubscriptionSweeper],
  exports: [MailSubscriptionSyncer, MailSubscriptionSweeper, queue],
})
export class MailSubscriptionsModule {}
