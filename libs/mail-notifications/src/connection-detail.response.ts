import { ApiProperty } from '@nestjs/swagger';
import { ConnectionView, ConnectionViewResponse } from '@app/connect';
import { MailNotificationsStatusResponse, MailNotificationsStatusView } from './mail-notifications-status.view';

/** One connection as GET /v1/connections/{id} shows it: the list's fields and its mail subscription. */
export type ConnectionDetailView = ConnectionView & { mailNotifications: MailNotificationsStatusView };

export class ConnectionDetailResponse extends ConnectionViewResponse implements ConnectionDetailView {
  @ApiProperty({ type: MailNotificationsStatusResponse, description: "The connection's Graph mail subscription (off unless the connector has mail notifications on)." })
  mailNotifications!: MailNotificationsStatusResponse;
}
