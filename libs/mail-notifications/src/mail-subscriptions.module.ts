import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { MAIL_SUBSCRIPTION_JOB_OPTIONS, QUEUES } from '@app/common';
import { MicrosoftModule } from '@app/microsoft';
import { TokensModule } from '@app/tokens';
import { ClientStates } from './client-state';
import { MailSubscriptionSweeper } from './mail-subscription-sweeper.service';
import { MailSubscriptionSyncer } from './mail-subscription-syncer.service';
import { MailSubscriptionsRepository } from './mail-subscriptions.repository';

/** The worker's side: keeping each connection's Graph subscription what it should be, scheduled from Postgres. */
@Module({
  imports: [TokensModule, MicrosoftModule, BullModule.registerQueue({ name: QUEUES.mailSubscriptions, defaultJobOptions: MAIL_SUBSCRIPTION_JOB_OPTIONS })],
  providers: [ClientStates, MailSubscriptionsRepository, MailSubscriptionSyncer, MailSubscriptionSweeper],
  exports: [MailSubscriptionSyncer, MailSubscriptionSweeper],
})
export class MailSubscriptionsModule {}
