import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConnectorEntity, TenantRepository } from '@app/database';

@Injectable()
export class ConnectorsRepository extends TenantRepository<ConnectorEntity> {
  constructor(@InjectDataSource() db: DataSource) {
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
   * connection whose refresh showed it (the re-check refreshes that one first).
   */
  async flagMisconfigured(customerId: string, connectorId: string, flag: { code: string; reason: string; connectionId: string }): Promise<void> {
    await this.update(
      customerId,
      { id: connectorId },
      { misconfiguredAt: new Date(), misconfiguredCode: flag.code, misconfiguredReason: flag.reason, misconfiguredConnectionId: flag.connectionId },
    );
  }

  async clearMisconfigured(customerId: string, connectorId: string): Promise<void> {
    await this.update(customerId, { id: connectorId }, { misconfiguredAt: null, misconfiguredCode: null, misconfiguredReason: null, misconfiguredConnectionId: null });
  }

  /** How many active connections of the connector lack a scope it asks for. */
  async countConnectionsMissingScopes(customerId: string, connectorId: string): Promise<number> {
    const [row] = await this.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM connections WHERE customer_id = $1 AND connector_id = $2 AND status = 'active' AND cardinality(missing_scopes) > 0`,
      [customerId, connectorId],
    );
    return row.n;
  }
}
