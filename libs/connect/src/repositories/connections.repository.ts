import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { detachMailSubscription } from '@app/connectors';
import { ConnectionEntity, TenantRepository } from '@app/database';
import { EventsOutbox } from '@app/events';
import { toConnectionView } from '../connection.view';
import type { ListConnectionsInput } from '../list.input';
import { Page, paginate, whereContains } from '../pagination';

@Injectable()
export class ConnectionsRepository extends TenantRepository<ConnectionEntity> {
  constructor(
    @InjectDataSource() db: DataSource,
    private readonly outbox: EventsOutbox,
  ) {
    super(db, ConnectionEntity);
  }

  findById(customerId: string, connectionId: string, em?: EntityManager): Promise<ConnectionEntity | null> {
    return this.findOne(customerId, { id: connectionId }, em);
  }

  /** The connection, which must exist (read back after a write in the same transaction). */
  getById(customerId: string, connectionId: string, em?: EntityManager): Promise<ConnectionEntity> {
    return this.repo(em).findOneByOrFail(this.where(customerId, { id: connectionId }));
  }

  /** One page of the customer's connections, newest first, each shaped by `map`. */
  page<V>(customerId: string, input: ListConnectionsInput, map: (c: ConnectionEntity) => V): Promise<Page<V>> {
    const qb = this.select(customerId, 'c');
    if (input.endUserId !== undefined) qb.andWhere('c.end_user_id = :endUserId', { endUserId: input.endUserId });
    if (input.status !== undefined) qb.andWhere('c.status = :status', { status: input.status });
    whereContains(qb, ['c.end_user_id', 'c.end_user_email', 'c.ms_label'], input.search);
    return paginate(qb, 'c', input, map);
  }

  /** An end user's connections to one connector, oldest first. */
  forEndUser(customerId: string, connectorId: string, endUserId: string): Promise<ConnectionEntity[]> {
    return this.find(customerId, { connectorId, endUserId }, { order: { createdAt: 'ASC' } });
  }

  /**
   * The end user's connections to the connector, row-locked until the transaction ends, after an advisory lock on
   * the end user: row locks cannot stop two first-time inserts, the advisory lock serialises their callbacks.
   */
  async lockForEndUser(customerId: string, connectorId: string, endUserId: string, em: EntityManager): Promise<ConnectionEntity[]> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`connections:${customerId}:${connectorId}:${endUserId}`]);
    return this.select(customerId, 'c', em)
      .setLock('pessimistic_write')
      .andWhere('c.connector_id = :connectorId AND c.end_user_id = :endUserId', { connectorId, endUserId })
      .orderBy('c.created_at', 'ASC')
      .getMany();
  }

  /** Overwrites a connection with a new sign-in's account and tokens; bumps `version` so a refresh in flight loses its CAS. */
  async overwrite(customerId: string, connectionId: string, fields: Omit<QueryDeepPartialEntity<ConnectionEntity>, 'customerId' | 'version'>, em: EntityManager): Promise<void> {
    await em
      .createQueryBuilder()
      .update(ConnectionEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where('id = :id AND customer_id = :customerId', { id: connectionId, customerId })
      .execute();
  }

  /**
   * Deletes the connection (and its tokens) and appends `connection.deleted` with its last view, in one transaction:
   * the row is locked and read first. `endUserId`: only the end user's own (the catalog). Whether it existed.
   */
  async deleteWithEvent(customerId: string, connectionId: string, deletedBy: 'api' | 'end_user', endUserId?: string): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const qb = this.select(customerId, 'c', em).andWhere('c.id = :connectionId', { connectionId }).setLock('pessimistic_write');
      if (endUserId !== undefined) qb.andWhere('c.end_user_id = :endUserId', { endUserId });
      const row = await qb.getOne();
      if (!row) return false;
      await detachMailSubscription(em, customerId, connectionId);
      await this.delete(customerId, { id: connectionId }, em);
      const data = { connection: toConnectionView(row), deletedBy };
      await this.outbox.append(customerId, { type: 'connection.deleted', connectionId, data }, em);
      return true;
    });
  }

  /** Whether it existed. */
  deleteById(customerId: string, connectionId: string): Promise<boolean> {
    return this.deleteWithEvent(customerId, connectionId, 'api');
  }

  /** Whether the end user had this connection (the catalog deletes only its own end user's). */
  deleteOfEndUser(customerId: string, endUserId: string, connectionId: string): Promise<boolean> {
    return this.deleteWithEvent(customerId, connectionId, 'end_user', endUserId);
  }
}
