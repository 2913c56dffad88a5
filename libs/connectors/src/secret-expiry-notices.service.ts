import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventsOutbox } from '@app/events';
import { ConnectorsRepository } from './connectors.repository';
import { dueSecretExpiryNotice, SECRET_EXPIRY_THRESHOLDS } from './secret-expiry-threshold';

interface Candidate {
  id: string;
  customer_id: string;
}

interface Claimed {
  client_secret_expires_at: Date;
}

/**
 * Emits `connector.secret_expiring` once per threshold (30, 7, 1 days) before a private app's client secret expires.
 * Cross-tenant maintenance, like HousekeepingRepository: the worker's system job scans every customer's connectors,
 * so it reads them with plain SQL rather than a TenantRepository (which needs one customer); each claim and its
 * event are then written for the connector's own customer.
 */
@Injectable()
export class SecretExpiryNotices {
  private readonly logger = new Logger(SecretExpiryNotices.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly connectors: ConnectorsRepository,
    private readonly outbox: EventsOutbox,
  ) {}

  /** How many notices it emitted. Safe under concurrent workers: each is claimed by one conditional UPDATE. */
  async run(now = new Date()): Promise<number> {
    const horizon = new Date(now.getTime() + SECRET_EXPIRY_THRESHOLDS[0] * 86_400_000);
    const candidates: Candidate[] = await this.db.query(
      `SELECT id, customer_id FROM connectors
        WHERE app_mode = 'private' AND client_secret_encrypted IS NOT NULL AND client_secret_expires_at > $1 AND client_secret_expires_at <= $2`,
      [now, horizon],
    );
    let emitted = 0;
    for (const c of candidates) if (await this.notify(c, now)) emitted++;
    return emitted;
  }

  private notify({ id, customer_id: customerId }: Candidate, now: Date): Promise<boolean> {
    return this.db.transaction(async (em) => {
      // Locked: a save changing the expiry meanwhile waits for this notice (or comes first and is what we read).
      const connector = await this.connectors.lockById(customerId, id, em);
      if (!connector) return false;
      const due = dueSecretExpiryNotice(
        { expiresAt: connector.clientSecretExpiresAt, notifiedDays: connector.secretExpiryNotifiedDays, notifiedFor: connector.secretExpiryNotifiedFor },
        now,
      );
      if (!due) return false;
      // The claim: only one worker's UPDATE matches (the other sees the threshold already told for this expiry).
      const result: unknown[] = await em.query(
        `UPDATE connectors SET secret_expiry_notified_days = $3, secret_expiry_notified_for = client_secret_expires_at
          WHERE id = $1 AND customer_id = $2
            AND (secret_expiry_notified_for IS DISTINCT FROM client_secret_expires_at OR secret_expiry_notified_days IS NULL OR secret_expiry_notified_days > $3)
          RETURNING client_secret_expires_at`,
        [id, customerId, due.threshold],
      );
      const [claimed] = (Array.isArray(result[0]) ? result[0] : result) as Claimed[];
      if (!claimed) return false;
      const view = await this.connectors.eventView(customerId, id, em);
      const data = { connector: view, expiresAt: new Date(claimed.client_secret_expires_at).toISOString(), daysLeft: due.daysLeft, threshold: due.threshold };
      await this.outbox.append(customerId, { type: 'connector.secret_expiring', data }, em);
      this.logger.log({ customerId, connectorId: id, threshold: due.threshold }, 'Client secret expiry notice');
      return true;
    });
  }
}
