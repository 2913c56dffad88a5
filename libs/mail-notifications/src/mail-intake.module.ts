import { Module } from '@nestjs/common';
import { MetricsModule } from '@app/common';
import { ClientStates } from './client-state';
import { MailNotificationsStatusService } from './mail-notifications-status.service';
import { NotificationIntake } from './notification-intake.service';
import { SubscriptionDirectory } from './subscription-directory';

/** The API's side: receiving Graph's calls, and the status a connection shows. */
@Module({
  imports: [MetricsModule],
  providers: [ClientStates, SubscriptionDirectory, NotificationIntake, MailNotificationsStatusService],
  exports: [NotificationIntake, MailNotificationsStatusService],
})
export class MailIntakeModule {}
