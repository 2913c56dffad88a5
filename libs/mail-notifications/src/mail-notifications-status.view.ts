import { ApiProperty } from '@nestjs/swagger';

export type MailNotificationsStatus = 'active' | 'pending' | 'paused' | 'failed' | 'off';

/** The state of a connection's mail subscription, as GET /v1/connections/{id} shows it. */
export interface MailNotificationsStatusView {
  status: MailNotificationsStatus;
  subscriptionId: string | null;
  expiresAt: string | null;
  lastNotificationAt: string | null;
  lastError: string | null;
}

const STATUSES: MailNotificationsStatus[] = ['active', 'pending', 'paused', 'failed', 'off'];

export class MailNotificationsStatusResponse implements MailNotificationsStatusView {
  @ApiProperty({
    enum: STATUSES,
    description: 'active: Graph notifies; pending: being created; paused: the connection needs the end user (resumes after a reconnect); failed: Graph refused (see lastError; retried); off: not enabled on the connector.',
  })
  status!: MailNotificationsStatus;
  @ApiProperty({ type: String, nullable: true, description: "Graph's subscription id." })
  subscriptionId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  expiresAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the last notification was accepted.' })
  lastNotificationAt!: string | null;
  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;
}
