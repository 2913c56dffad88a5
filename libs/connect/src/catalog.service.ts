import { Injectable } from '@nestjs/common';
import { isUuid } from '@app/common';
import { ConnectorsService } from '@app/connectors';
import type { ConnectionEntity, ConnectorEntity, ConnectSessionEntity, CustomerEntity } from '@app/database';
import { PAGE_ERRORS } from './connect-page.error';
import { ConnectSessionsService, SessionCookie } from './connect-sessions.service';
import { ConnectionsRepository } from './repositories/connections.repository';

export interface CatalogModel {
  customer: CustomerEntity;
  session: ConnectSessionEntity;
  /** The enabled, configured connectors (only Outlook Email today). */
  connectors: Array<{ connector: ConnectorEntity; connections: ConnectionEntity[] }>;
  /** For the page's forms: derived from this browser's binding cookie. */
  csrfToken: string;
  /** Set when this request just bound the session to this browser. */
  setCookie: SessionCookie | null;
}

/** What the end user's hosted catalog shows, and what it may do (disconnect its own connections only). */
@Injectable()
export class CatalogService {
  constructor(
    private readonly sessions: ConnectSessionsService,
    private readonly connectors: ConnectorsService,
    private readonly connections: ConnectionsRepository,
  ) {}

  /** The catalog for this browser: the first one to open it owns the session, any other gets a page error. */
  async model(token: string, sessionCookie: string | undefined): Promise<CatalogModel> {
    const resolved = await this.sessions.resolve(token);
    const setCookie = await this.sessions.bindBrowser(resolved, sessionCookie, token);
    const { session, customer } = resolved;
    const csrfToken = this.sessions.csrfToken(session, setCookie?.value ?? sessionCookie!);
    const connector = await this.connectors.find(customer.id);
    const connectors = [];
    if (connector?.enabled) {
      const connections = await this.connections.forEndUser(customer.id, connector.id, session.endUserId);
      connectors.push({ connector, connections });
    }
    return { customer, session, connectors, csrfToken, setCookie };
  }

  /** Like Connect, only from the catalog page of the browser the session is bound to (binding cookie + CSRF token). */
  async disconnect(token: string, connectionId: string, sessionCookie: string | undefined, csrf: unknown): Promise<void> {
    const resolved = await this.sessions.resolve(token);
    this.sessions.assertFromOwnPage(resolved, sessionCookie, csrf);
    const { session, customer } = resolved;
    if (!isUuid(connectionId)) throw PAGE_ERRORS.connectionUnknown();
    if (!(await this.connections.deleteOfEndUser(customer.id, session.endUserId, connectionId))) throw PAGE_ERRORS.connectionUnknown();
  }
}
