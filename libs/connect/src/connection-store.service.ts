import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { SecretBox, tokenAad } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { requestMailSubscription } from '@app/connectors';
import type { ConnectionEntity, OAuthStateEntity } from '@app/database';
import { EventsOutbox } from '@app/events';
import { graphResource } from '@app/microsoft';
import type { RedeemedAccount } from './code-redeemer.service';
import { toConnectionView } from './connection.view';
import { missingScopes, missingScopesEvent, sameScopes } from './granted-scopes';
import { nextRefreshAt } from './refresh-schedule';
import { ConnectionEventsRepository } from './repositories/connection-events.repository';
import { ConnectionsRepository } from './repositories/connections.repository';

/**
 * Stores what a callback redeemed: the same account reconnects its connection, another account replaces the end
 * user's connection unless the connector allows several, and each change goes into the connection's history.
 */
@Injectable()
export class ConnectionStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secrets: SecretBox,
    private readonly connections: ConnectionsRepository,
    private readonly history: ConnectionEventsRepository,
    private readonly outbox: EventsOutbox,
  ) {}

  store(row: OAuthStateEntity, account: RedeemedAccount): Promise<{ connection: ConnectionEntity; replacedAccount: boolean }> {
    const { customerId } = row;
    const { connector, session, identity } = account;
    return this.db.transaction(async (em) => {
      const existing = await this.connections.lockForEndUser(customerId, connector.id, session.endUserId, em);
      const same = existing.find((c) => c.msTenantId === identity.tid && c.msObjectId === identity.oid);
      const target = same ?? (connector.multipleAccounts ? undefined : existing[0]);
      const id = target?.id ?? randomUUID();
      const fields = this.connectionFields(row, account, id);
      if (target) await this.connections.overwrite(customerId, id, fields, em);
      else await this.connections.insert(customerId, { id, connectorId: connector.id, endUserId: session.endUserId, version: 1, ...fields }, em);
      const replacedAccount = Boolean(target && !same);
      await this.recordEvents(customerId, id, account, { target, replacedAccount, missing: fields.missingScopes }, em);
      const connection = await this.connections.getById(customerId, id, em);
      const data = target ? { connection: toConnectionView(connection), replacedAccount } : { connection: toConnectionView(connection) };
      await this.outbox.append(customerId, { type: target ? 'connection.reconnected' : 'connection.created', connectionId: id, data }, em);
      // Active again: its mail subscription (if the connector has notifications on) is created or renewed.
      await requestMailSubscription(em, customerId, connector.id, id, replacedAccount);
      return { connection, replacedAccount };
    });
  }

  /** Everything a sign-in sets on a connection, new or reconnected: the account, fresh sealed tokens, a clean status. */
  private connectionFields(row: OAuthStateEntity, { connector, session, identity, label, tokens }: RedeemedAccount, id: string) {
    const now = new Date();
    return {
      endUserEmail: session.endUserEmail,
      endUserDisplayName: session.endUserDisplayName,
      msTenantId: identity.tid,
      msObjectId: identity.oid,
      msLabel: label,
      msDisplayName: identity.name,
      clientId: row.clientId,
      scopes: tokens.scopes,
      missingScopes: missingScopes(connector.scopes, tokens.scopes, graphResource(this.config.microsoft.graphUrl)),
      accessTokenEncrypted: this.secrets.encrypt(tokens.accessToken, tokenAad(row.customerId, id, 'access_token')),
      refreshTokenEncrypted: this.secrets.encrypt(tokens.refreshToken, tokenAad(row.customerId, id, 'refresh_token')),
      expiresAt: tokens.expiresAt,
      nextRefreshAt: nextRefreshAt(tokens.expiresAt, this.config.refresh),
      refreshFailures: 0,
      lastRefreshError: null,
      requestedScopes: row.requestedScopes,
      authorityTenant: row.expectedTenant,
      status: 'active' as const,
      statusReason: null,
      statusCode: null,
      lastRefreshedAt: now,
      connectedAt: now,
    };
  }

  private async recordEvents(
    customerId: string,
    connectionId: string,
    { label, identity }: RedeemedAccount,
    change: { target: ConnectionEntity | undefined; replacedAccount: boolean; missing: string[] },
    em: EntityManager,
  ): Promise<void> {
    const how = change.target ? (change.replacedAccount ? 'Connected another account in place of the previous one' : 'Reconnected') : 'Connected';
    await this.history.record(customerId, connectionId, { status: 'connected', reason: `${how} as ${label ?? identity.oid}` }, em);
    // Told once per change: a reconnect with the same scopes missing adds no event.
    if (!sameScopes(change.missing, change.target?.missingScopes ?? [])) {
      await this.history.record(customerId, connectionId, missingScopesEvent(change.missing), em);
    }
  }
}
