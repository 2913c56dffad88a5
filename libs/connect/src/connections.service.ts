import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/common';
import type { ConnectionEntity } from '@app/database';
import { toConnectionEventView } from './connection-event.view';
import { ConnectionView, toConnectionView } from './connection.view';
import type { ListConnectionsInput } from './list.input';
import type { Page } from './pagination';
import { ConnectionEventsRepository } from './repositories/connection-events.repository';
import { ConnectionsRepository } from './repositories/connections.repository';

/** The status history the API shows: the last changes only. */
const EVENTS_SHOWN = 100;

@Injectable()
export class ConnectionsService {
  constructor(
    private readonly connections: ConnectionsRepository,
    private readonly history: ConnectionEventsRepository,
  ) {}

  list(customerId: string, input: ListConnectionsInput): Promise<Page<ConnectionView>> {
    return this.connections.page(customerId, input, toConnectionView);
  }

  async get(customerId: string, connectionId: string): Promise<ConnectionEntity> {
    const connection = await this.connections.findById(customerId, connectionId);
    if (!connection) throw DomainError.notFound('Connection');
    return connection;
  }

  /** The status history of one connection, newest first (at most the last 100 changes). */
  async events(customerId: string, connectionId: string) {
    await this.get(customerId, connectionId);
    const events = await this.history.latest(customerId, connectionId, EVENTS_SHOWN);
    return { data: events.map(toConnectionEventView) };
  }

  /** Deletes the connection and its tokens at once. */
  async delete(customerId: string, connectionId: string): Promise<void> {
    if (!(await this.connections.deleteById(customerId, connectionId))) throw DomainError.notFound('Connection');
  }
}
