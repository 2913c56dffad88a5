import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ConnectionStatus } from '@app/database';

export interface ConnectionStats {
  byStatus: Record<ConnectionStatus, number>;
  /** Age of the oldest active connection whose refresh is due and not done; 0 if none. */
  oldestDueSeconds: number;
  /** Mail subscriptions by status (a connection without one has notifications off). */
  mailSubscriptionsByStatus: Record<string, number>;
  /** Age of the oldest mail subscription work (a renewal above all) due and not done; 0 if none. */
  oldestDueMailSeconds: number;
}

/**
 * Totals across every customer, on purpose: operator metrics, never labelled by customer. Two cheap statements:
 * a count by status, and the oldest due time from the due index (connectors flagged misconfigured aside, as the
 * sweeper skips them: their connections wait for the customer, not for the worker).
 */
@Injectable()
export class ConnectionStatsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async read(): Promise<ConnectionStats> {
    const [counts, due, mailCounts, mailDue] = await Promise.all([
      this.db.query<Array<{ status: ConnectionStatus; n: number }>>('SELECT status, count(*)::int AS n FROM connections GROUP BY status'),
      this.db.query<Array<{ age: number }>>(
        `SELECT extract(epoch FROM now() - c.next_refresh_at)::float8 AS age
           FROM connections c JOIN connectors k ON k.id = c.connector_id AND k.customer_id = c.customer_id
          WHERE c.status = 'active' AND k.misconfigured_at IS NULL AND c.next_refresh_at <= now()
          ORDER BY c.next_refresh_at
          LIMIT 1`,
      ),
      this.db.query<Array<{ status: string; n: number }>>('SELECT status, count(*)::int AS n FROM mail_subscriptions WHERE NOT connection_gone GROUP BY status'),
      this.db.query<Array<{ age: number }>>(
        `SELECT extract(epoch FROM now() - next_action_at)::float8 AS age FROM mail_subscriptions
          WHERE next_action_at <= now() ORDER BY next_action_at LIMIT 1`,
      ),
    ]);
    const byStatus: Record<ConnectionStatus, number> = { active: 0, needs_reauth: 0, tenant_blocked: 0, error: 0 };
    for (const { status, n } of counts) byStatus[status] = n;
    const mailSubscriptionsByStatus: Record<string, number> = { pending: 0, active: 0, paused: 0, failed: 0 };
    for (const { status, n } of mailCounts) mailSubscriptionsByStatus[status] = n;
    return { byStatus, oldestDueSeconds: due[0]?.age ?? 0, mailSubscriptionsByStatus, oldestDueMailSeconds: mailDue[0]?.age ?? 0 };
  }
}
