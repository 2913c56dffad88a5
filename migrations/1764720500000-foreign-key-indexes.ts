import { MigrationInterface, QueryRunner } from 'typeorm';

/** Foreign keys with an ON DELETE action, plus the retention prune's range (connect_attempts.created_at). */
const INDEXES: [name: string, table: string, columns: string][] = [
  ['connect_attempts_connect_session_idx', 'connect_attempts', 'connect_session_id'],
  ['connect_attempts_connection_idx', 'connect_attempts', 'connection_id'],
  ['connect_attempts_connector_idx', 'connect_attempts', 'connector_id'],
  ['connect_attempts_created_idx', 'connect_attempts', 'created_at'],
  ['connection_events_customer_idx', 'connection_events', 'customer_id'],
  ['connections_connector_idx', 'connections', 'connector_id'],
  ['console_sessions_customer_idx', 'console_sessions', 'customer_id'],
  ['oauth_states_connect_session_idx', 'oauth_states', 'connect_session_id'],
  ['oauth_states_connector_idx', 'oauth_states', 'connector_id'],
  ['oauth_states_customer_idx', 'oauth_states', 'customer_id'],
];

/**
 * Without these, deleting a customer, connector, session or connection scans the referencing tables (under lock) to
 * cascade or null. Built CONCURRENTLY so writes go on during a deploy, which needs no transaction around it.
 */
export class ForeignKeyIndexes1764720500000 implements MigrationInterface {
  name = 'ForeignKeyIndexes1764720500000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    for (const [name, table, columns] of INDEXES) {
      // A concurrent build that died half-way leaves an INVALID index that IF NOT EXISTS would keep: rebuild it.
      const [left] = (await q.query(`SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1`, [name])) as {
        valid: boolean;
      }[];
      if (left && !left.valid) await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
      await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ON ${table} (${columns})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // TypeORM reverts inside a transaction whatever the migration says, so no CONCURRENTLY here.
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX IF EXISTS ${name}`);
  }
}
