import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ConnectorEntity, TenantRepository } from '@app/database';
import { EventsOutbox } from '@app/events';
import { toConnectorView } from './connector.view';

@Injectable()
export class ConnectorsRepository extends TenantRepository<ConnectorEntity> {
  constructor(
    @InjectDataSource() db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: EventsOutbox,
  ) {
    super(db, ConnectorEntity);
  }

  /** A customer's connector of one kind (at most one: the (customer, kind) key is unique). */
  findByKind(customerId: string, kind: string, em?: EntityManager): Promise<ConnectorEntity | null> {
    return this.findOne(customerId, { kind }, em);
  }

  /** The same, locked until the transaction of `em` ends, so that concurrent saves of one connector run one at a time. */
  lockByKind(customerId: string, kind: string, em: EntityManager): Promise<ConnectorEntity | null> {
    return this.select(customerId, 'c', em).andWhere('c.kind = :kind', { kind }).setLock('pessimistic_write').getOne();
  }

  /** The connector, which must exist (read back after a write in the same transaction). */
  getById(customerId: string, id: string, em?: EntityManager): Promise<ConnectorEntity> {
    return this.repo(em).findOneByOrFail(this.where(customerId, { id }));
  }

  /**
   * Microsoft refused the app: refreshes of the connector stop until a save re-checks it. `connectionId` is the
   * connection whose refresh showed it (the re-check refreshes that one first). Only the transition (not flagged →
   * flagged) emits `connector.misconfigured`; re-flagging updates the reason and emits nothing.
   */
  async flagMisconfigured(customerId: string, connectorId: string, flag: { code: string; reason: string; connectionId: string }): Promise<void> {
    await this.db.transaction(async (em) => {
      const before = await this.lockById(customerId, connectorId, em);
      if (!before) return;
      await this.update(
        customerId,
        { id: connectorId },
        { misconfiguredAt: before.misconfiguredAt ?? new Date(), misconfiguredCode: flag.code, misconfiguredReason: flag.reason, misconfiguredConnectionId: flag.connectionId },
        em,
      );
      if (before.misconfiguredAt) return;
      const connector = await this.eventView(customerId, connectorId, em);
      await this.outbox.append(customerId, { type: 'connector.misconfigured', data: { connector, reason: flag.reason, microsoftError: flag.code } }, em);
    });
  }

  /** Lifts the flag; only a flagged connector emits `connector.recovered`. */
  async clearMisconfigured(customerId: string, connectorId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const before = await this.lockById(customerId, connectorId, em);
      if (!before?.misconfiguredAt) return;
      await this.update(customerId, { id: connectorId }, { misconfiguredAt: null, misconfiguredCode: null, misconfiguredReason: null, misconfiguredConnectionId: null }, em);
      await this.outbox.append(customerId, { type: 'connector.recovered', data: { connector: await this.eventView(customerId, connectorId, em) } }, em);
    });
  }

  /** How many active connections of the connector lack a scope it asks for. */
  async countConnectionsMissingScopes(customerId: string, connectorId: string, em?: EntityManager): Promise<number> {
    const [row] = await (em ?? this.db).query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM connections WHERE customer_id = $1 AND connector_id = $2 AND status = 'active' AND cardinality(missing_scopes) > 0`,
      [customerId, connectorId],
    );
    return row.n;
  }

  /** The connector as the API shows it (no secret: metadata only), read in `em`'s transaction for an event's data. */
  async eventView(customerId: string, connectorId: string, em: EntityManager) {
    const entity = await this.getById(customerId, connectorId, em);
    const [customer] = await em.query<Array<{ slug: string }>>('SELECT slug FROM customers WHERE id = $1', [customerId]);
    return toConnectorView(entity, customer.slug, this.config, true, await this.countConnectionsMissingScopes(customerId, connectorId, em));
  }

  /** The connector, locked until the transaction of `em` ends. */
  lockById(customerId: string, id: string, em: EntityManager): Promise<ConnectorEntity | null> {
    return this.select(customerId, 'c', em).andWhere('c.id = :id', { id }).setLock('pessimistic_write').getOne();
  }
}
