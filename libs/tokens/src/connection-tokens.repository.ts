import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OUTLOOK_EMAIL } from '@app/connectors';
import { ConnectionEventsRepository, toConnectionView } from '@app/connect';
import { ConnectionEntity, ConnectorEntity, rawEntityMapper, TenantRepository } from '@app/database';
import { EventsOutbox } from '@app/events';

type Row = Record<string, unknown>;
type PgPool = { query(query: { text: string; values: unknown[]; name?: string }): Promise<{ rows: Row[] }> };

/** What a successful refresh writes (already encrypted). `refreshTokenEncrypted` null keeps the stored one. */
export interface RefreshedTokens {
  accessTokenEncrypted: string;
  refreshTokenEncrypted: string | null;
  expiresAt: Date;
  scopes: string[];
  nextRefreshAt: Date;
  lastRefreshedAt: Date;
  missingScopes: string[];
}

/** One row of a connection's status history. */
export interface HistoryEntry {
  status: string;
  code?: string | null;
  reason?: string | null;
}

/** The parameters of the refresh's compare-and-swap statement. */
function storeValues(customerId: string, c: Versioned, t: RefreshedTokens): unknown[] {
  return [c.id, customerId, c.version, t.accessTokenEncrypted, t.refreshTokenEncrypted, t.expiresAt, t.scopes, t.nextRefreshAt, t.lastRefreshedAt, t.missingScopes];
}

/** The row a write compares against: a writer whose lease lapsed matches no row once someone stored a newer version. */
export type Versioned = Pick<ConnectionEntity, 'id' | 'version'>;

/**
 * The SQL of refreshing and of the token endpoint. Hot-path reads and the refresh write go straight to the data
 * source's pg pool (TypeORM's query runner costs more CPU there than the query) as named prepared statements;
 * the rarer writes go through TypeORM, which also stamps updated_at (the sweeper's "written since" arm reads it).
 */
@Injectable()
export class ConnectionTokensRepository extends TenantRepository<ConnectionEntity> {
  private readonly statementNames = new Map<string, string>();
  private sql: { readWithConnector: string; store: string } | undefined;
  private rawMappers: { connection: (row: Row) => ConnectionEntity; connector: (row: Row) => ConnectorEntity | null } | undefined;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly events: ConnectionEventsRepository,
    private readonly outbox: EventsOutbox,
  ) {
    super(db, ConnectionEntity);
  }

  /**
   * One connection by primary key, scoped to the customer. With an explicit column list the statement is prepared
   * once per pooled connection, so PostgreSQL skips parsing and planning it on every token request. `SELECT *` is
   * never prepared: a column added by a migration while the process runs would invalidate its cached plan ("cached
   * plan must not change result type").
   */
  async read(customerId: string, connectionId: string, columns = '*'): Promise<ConnectionEntity | null> {
    const rows = await this.rawQuery(`SELECT ${columns} FROM connections WHERE id = $1 AND customer_id = $2`, [connectionId, customerId], columns !== '*');
    return rows[0] ? this.mappers.connection(rows[0]) : null;
  }

  /**
   * The connection and its connector in one prepared statement (a refresh needs both): the column lists come from
   * the entities' metadata, so they are explicit and safe to prepare.
   */
  async readWithConnector(customerId: string, connectionId: string): Promise<{ connection: ConnectionEntity; connector: ConnectorEntity | null } | null> {
    const [row] = await this.rawQuery(this.statements.readWithConnector, [connectionId, customerId], true);
    return row ? { connection: this.mappers.connection(row), connector: this.mappers.connector(row) } : null;
  }

  /** The compare-and-swap write of a refresh: the stored row, or null when a newer version was stored meanwhile. */
  async store(customerId: string, c: Versioned, tokens: RefreshedTokens): Promise<ConnectionEntity | null> {
    const [stored] = await this.rawQuery(this.statements.store, storeValues(customerId, c, tokens), true);
    return stored ? this.mappers.connection(stored) : null;
  }

  /**
   * The same write, with history rows and, when `recoveredAfter` > 0, `connection.recovered`, all in one transaction
   * (only when there is something to record: the common refresh keeps the prepared statement of `store`).
   */
  async storeRecording(customerId: string, c: Versioned, tokens: RefreshedTokens, history: HistoryEntry[], recoveredAfter: number): Promise<ConnectionEntity | null> {
    return this.db.transaction(async (em) => {
      const result: unknown[] = await em.query(this.statements.store, storeValues(customerId, c, tokens));
      // TypeORM answers an UPDATE with [rows, affected].
      const [row] = (Array.isArray(result[0]) ? result[0] : result) as Row[];
      if (!row) return null;
      const stored = this.mappers.connection(row);
      for (const entry of history) await this.events.record(customerId, c.id, entry, em);
      if (recoveredAfter > 0) {
        const data = { connection: toConnectionView(stored), failedAttempts: recoveredAfter };
        await this.outbox.append(customerId, { type: 'connection.recovered', connectionId: c.id, data }, em);
      }
      return stored;
    });
  }

  /** A failed attempt that will be retried: the failure count, the error and the backoff (compare-and-swap on version). */
  async recordRetry(customerId: string, c: Versioned, failures: number, lastRefreshError: string, nextRefreshAt: Date): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(ConnectionEntity)
      .set({ refreshFailures: failures, lastRefreshError, nextRefreshAt })
      .where('id = :id AND customer_id = :customerId AND version = :version', { id: c.id, customerId, version: c.version })
      .execute();
  }

  /**
   * Stops the connection (no more refreshes), records the change in its history and appends
   * `connection.needs_reauth` (its view's status tells needs_reauth from tenant_blocked), in one transaction.
   */
  async stop(customerId: string, c: Versioned, status: 'needs_reauth' | 'tenant_blocked', code: string, reason: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const result = await em
        .createQueryBuilder()
        .update(ConnectionEntity)
        .set({ status, statusReason: reason, statusCode: code, nextRefreshAt: null, lastRefreshError: `${code}: ${reason}` })
        .where('id = :id AND customer_id = :customerId AND version = :version', { id: c.id, customerId, version: c.version })
        .execute();
      if (!result.affected) return;
      await this.events.record(customerId, c.id, { status, code, reason }, em);
      const connection = toConnectionView(await this.repo(em).findOneByOrFail(this.where(customerId, { id: c.id })));
      await this.outbox.append(customerId, { type: 'connection.needs_reauth', connectionId: c.id, data: { connection, reason, microsoftError: code } }, em);
    });
  }

  async setLastRefreshError(customerId: string, connectionId: string, lastRefreshError: string): Promise<void> {
    await this.update(customerId, { id: connectionId }, { lastRefreshError });
  }

  /** Appends to the connection's status history. */
  async recordEvent(customerId: string, connectionId: string, event: { status: string; code?: string | null; reason?: string | null }): Promise<void> {
    await this.events.record(customerId, connectionId, event);
  }

  /** The most recently refreshed other active connection of the connector's app, to confirm a credential failure with. */
  async otherActiveOfApp(customerId: string, connectorId: string, clientId: string, exceptId: string): Promise<string | null> {
    const [row] = await this.rawQuery(
      `SELECT id FROM connections WHERE customer_id = $1 AND connector_id = $2 AND id <> $3 AND status = 'active' AND client_id = $4
        AND refresh_token_encrypted IS NOT NULL ORDER BY last_refreshed_at DESC NULLS LAST LIMIT 1`,
      [customerId, connectorId, exceptId, clientId],
    );
    return row ? (row.id as string) : null;
  }

  /** The connection to re-check a saved connector with: the one that flagged it if still active, else the latest refreshed. */
  async recheckCandidate(customerId: string, connectorId: string, clientId: string, flaggedBy: string | null): Promise<string | null> {
    const [row] = await this.rawQuery(
      `SELECT id FROM connections WHERE customer_id = $1 AND connector_id = $2 AND client_id = $3 AND status = 'active' AND refresh_token_encrypted IS NOT NULL
        ORDER BY (id = $4::uuid) IS TRUE DESC, last_refreshed_at DESC NULLS LAST LIMIT 1`,
      [customerId, connectorId, clientId, flaggedBy],
    );
    return row ? (row.id as string) : null;
  }

  /** The end user's Outlook Email connections, oldest first (the token endpoint answers only when there is one). */
  forEndUser(customerId: string, endUserId: string): Promise<ConnectionEntity[]> {
    return this.select(customerId, 'c')
      .innerJoin(ConnectorEntity, 'k', 'k.id = c.connector_id AND k.customer_id = c.customer_id')
      .andWhere('c.end_user_id = :endUserId AND k.kind = :kind', { endUserId, kind: OUTLOOK_EMAIL })
      .orderBy('c.created_at', 'ASC')
      .getMany();
  }

  private get statements() {
    this.sql ??= (() => {
      const connection = this.columnNames(ConnectionEntity);
      return {
        readWithConnector: `SELECT ${connection.map((n) => `c.${n}`).join(', ')}, ${this.columnNames(ConnectorEntity)
          .map((n) => `k.${n} AS "k.${n.slice(1, -1)}"`)
          .join(', ')}
           FROM connections c LEFT JOIN connectors k ON k.id = c.connector_id AND k.customer_id = c.customer_id
          WHERE c.id = $1 AND c.customer_id = $2`,
        // The compare-and-swap on version: a stale writer (its lease lapsed) matches no row.
        store: `UPDATE connections
            SET access_token_encrypted = $4, refresh_token_encrypted = COALESCE($5, refresh_token_encrypted), expires_at = $6,
                scopes = $7, next_refresh_at = $8, last_refreshed_at = $9, refresh_failures = 0, last_refresh_error = NULL, missing_scopes = $10,
                status = 'active', status_reason = NULL, status_code = NULL, version = version + 1, updated_at = now()
          WHERE id = $1 AND customer_id = $2 AND version = $3
          RETURNING ${connection.join(', ')}`,
      };
    })();
    return this.sql;
  }

  private columnNames(target: typeof ConnectionEntity | typeof ConnectorEntity): string[] {
    return this.db
      .getMetadata(target)
      .columns.filter((c) => !c.isVirtualProperty)
      .map((c) => `"${c.databaseName}"`);
  }

  /** `prepare`: a named statement, parsed and planned once per pooled connection (only for explicit column lists). */
  private async rawQuery(text: string, values: unknown[], prepare = false): Promise<Row[]> {
    let name: string | undefined;
    if (prepare) {
      name = this.statementNames.get(text);
      if (!name) this.statementNames.set(text, (name = `latchkey_statement_${this.statementNames.size + 1}`));
    }
    const pool = (this.db.driver as unknown as { master: PgPool }).master;
    return (await pool.query({ text, values, name })).rows;
  }

  private get mappers() {
    this.rawMappers ??= { connection: rawEntityMapper(this.db, ConnectionEntity), connector: this.prefixedConnectorMapper() };
    return this.rawMappers;
  }

  /** The connector's columns of a joined row ("k.<column>"), read in place: no per-row copy. Null without a connector. */
  private prefixedConnectorMapper(): (row: Row) => ConnectorEntity | null {
    const columns = this.db.getMetadata(ConnectorEntity).columns.map((c) => [`k.${c.databaseName}`, c.propertyName] as const);
    return (row) => {
      if (!row['k.id']) return null;
      const entity = new ConnectorEntity();
      for (const [column, property] of columns) (entity as unknown as Row)[property] = row[column];
      return entity;
    };
  }
}
