import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConnectorsService } from '@app/connectors';
import { ConnectionEntity, ConnectorEntity, ConnectSessionEntity, CustomerEntity } from '@app/database';
import { PAGE_ERRORS } from './connect-page.error';
import { ConnectSessionsService } from './connect-sessions.service';
import { ConnectionsService } from './connections.service';

export interface CatalogModel {
  customer: CustomerEntity;
  session: ConnectSessionEntity;
  /** The enabled, configured connectors (only Outlook Email today). */
  connectors: Array<{ connector: ConnectorEntity; connections: ConnectionEntity[] }>;
}

/** What the end user's hosted catalog shows, and what it may do (disconnect its own connections only). */
@Injectable()
export class CatalogService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: ConnectSessionsService,
    private readonly connectors: ConnectorsService,
    private readonly connections: ConnectionsService,
  ) {}

  async model(token: string): Promise<CatalogModel> {
    const { session, customer } = await this.sessions.resolve(token);
    const connector = await this.connectors.find(customer.id);
    const connectors = [];
    if (connector?.enabled) {
      const connections = await this.connections.forEndUser(customer.id, connector.id, session.endUserId);
      connectors.push({ connector, connections });
    }
    return { customer, session, connectors };
  }

  async disconnect(token: string, connectionId: string): Promise<void> {
    const { session, customer } = await this.sessions.resolve(token);
    if (!/^[0-9a-f-]{36}$/i.test(connectionId)) throw PAGE_ERRORS.connectionUnknown();
    const result = await this.db
      .getRepository(ConnectionEntity)
      .delete({ id: connectionId, customerId: customer.id, endUserId: session.endUserId });
    if (!result.affected) throw PAGE_ERRORS.connectionUnknown();
  }
}
