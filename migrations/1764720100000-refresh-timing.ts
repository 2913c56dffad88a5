import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The incremental sweep also picks active connections written since the previous sweep (a reconnect or a reset can
 * move next_refresh_at into a window already swept): this index answers that arm of the sweep from the index alone.
 * Built CONCURRENTLY so refreshes go on during a deploy, which needs no transaction around it.
 * missing_scopes: the connector's scopes Microsoft did not grant at the last connect or refresh.
 */
export class RefreshTiming1764720100000 implements MigrationInterface {
  name = 'RefreshTiming1764720100000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connections ADD COLUMN IF NOT EXISTS missing_scopes text[] NOT NULL DEFAULT '{}'`);
    // A concurrent build that died half-way leaves an INVALID index that IF NOT EXISTS would keep: rebuild it.
    const [left] = (await q.query(`SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'connections_written_due_idx'`)) as {
      valid: boolean;
    }[];
    if (left && !left.valid) await q.query('DROP INDEX CONCURRENTLY IF EXISTS connections_written_due_idx');
    await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS connections_written_due_idx ON connections (updated_at, next_refresh_at) WHERE status = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    // TypeORM reverts inside a transaction whatever the migration says, so no CONCURRENTLY here.
    await q.query('DROP INDEX IF EXISTS connections_written_due_idx');
    await q.query('ALTER TABLE connections DROP COLUMN IF EXISTS missing_scopes');
  }
}
