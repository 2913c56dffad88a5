import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConnectionEventEntity, TenantRepository } from '@app/database';

interface ConnectionEventInput {
  status: string;
  code?: string | null;
  reason?: string | null;
}

/** A connection's status history. */
@Injectable()
export class ConnectionEventsRepository extends TenantRepository<ConnectionEventEntity> {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, ConnectionEventEntity);
  }

  /** Appends one change (in the transaction of the change itself when `em` is given). */
  async record(customerId: string, connectionId: string, event: ConnectionEventInput, em?: EntityManager): Promise<void> {
    await this.insert(customerId, { connectionId, status: event.status, code: event.code ?? null, reason: event.reason ?? null }, em);
  }

  /** The last `take` changes, newest first. */
  latest(customerId: string, connectionId: string, take: number): Promise<ConnectionEventEntity[]> {
    return this.find(customerId, { connectionId }, { order: { createdAt: 'DESC', id: 'DESC' }, take });
  }
}
