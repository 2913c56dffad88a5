import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/common';
import { ConnectionEntity, ConnectionEventEntity } from '@app/database';
import { toConnectionView, ConnectionView } from './connection.view';
import { ListConnectionsQueryDto } from './dto/list-query.dto';
import { Page, paginate, whereContains } from './pagination';


@Injectable()
export class ConnectionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(customerId: string, query: ListConnectionsQueryDto): Promise<Page<ConnectionView>> {
    const qb = this.db.getRepository(ConnectionEntity).createQueryBuilder('c').where('c.customer_id = :customerId', { customerId });
    if (query.endUserId !== undefined) qb.andWhere('c.end_user_id = :endUserId', { endUserId: query.endUserId });
    if (query.status !== undefined) qb.andWhere('c.status = :status', { status: query.status });
    whereContains(qb, ['c.end_user_id', 'c.end_user_email', 'c.ms_label'], query.search);
    return paginate(qb, 'c', query, toConnectionView);
  }

  async get(customerId: string, connectionId: string, em: EntityManager = this.db.manager): Promise<ConnectionEntity> {
    const connection = await em.getRepository(ConnectionEntity).findOneBy({ id: connectionId, customerId });
    if (!connection) throw DomainError.notFound('Connection');
    return connection;
  }

  /** The status history of one connection, newest first (at most the last 100 changes). */
  async events(customerId: string, connectionId: string) {
    await this.get(customerId, connectionId);
    const events = await this.db.getRepository(ConnectionEventEntity).find({
      where: { customerId, connectionId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 100,
    });
    return { data: events.map((e) => ({ id: e.id, status: e.status, code: e.code, reason: e.reason, at: e.createdAt.toISOString() })) };
  }

  async forEndUser(customerId: string, connectorId: string, endUserId: string): Promise<ConnectionEntity[]> {
    return this.db.getRepository(ConnectionEntity).find({
      where: { customerId, connectorId, endUserId },
      order: { createdAt: 'ASC' },
    });
  }

  /** Deletes the connection and its tokens at once. */
  async delete(customerId: string, connectionId: string): Promise<void> {
    const result = await this.db.getRepository(ConnectionEntity).delete({ id: connectionId, customerId });
    if (!result.affected) throw DomainError.notFound('Connection');
  }
}
