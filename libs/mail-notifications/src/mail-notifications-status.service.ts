import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ConnectionStatus } from '@app/database';
import type { MailNotificationsStatus, MailNotificationsStatusView } from './mail-notifications-status.view';

/** A connection's mail subscription as the API shows it. */
@Injectable()
export class MailNotificationsStatusService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forConnection(customerId: string, connectionId: string, connectionStatus: ConnectionStatus): Promise<MailNotificationsStatusView> {
    const [row] = await this.db.query(
      `SELECT s.status, s.graph_subscription_id, s.expires_at, s.last_error,
              (SELECT max(e.created_at) FROM events e WHERE e.customer_id = s.customer_id AND e.connection_id = s.connection_id AND e.type LIKE 'mail.message.%') AS last_notification_at
         FROM mail_subscriptions s WHERE s.customer_id = $1 AND s.connection_id = $2 AND NOT s.connection_gone`,
      [customerId, connectionId],
    );
    if (!row) return { status: 'off', subscriptionId: null, expiresAt: null, lastNotificationAt: null, lastError: null };
    // Paused as soon as the connection stops (the worker does nothing until the end user reconnects).
    const status: MailNotificationsStatus = connectionStatus !== 'active' ? 'paused' : row.status;
    return {
      status,
      subscriptionId: row.graph_subscription_id,
      expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
      lastNotificationAt: row.last_notification_at ? new Date(row.last_notification_at).toISOString() : null,
      lastError: row.last_error,
    };
  }
}
