import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token reads move out of the connections row into a narrow table of their own. Recording a read used to rewrite
 * the whole connections row (about 3 KB with its sealed tokens, two rows per page, so never a HOT update: five index
 * entries each time). A connection_reads row is about 60 bytes and only its primary key is indexed; with half of
 * every page left free, an update stays on its page and touches no index (docs/benchmarks.md).
 */
export class ConnectionReads1763910000000 implements MigrationInterface {
  name = 'ConnectionReads1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE connection_reads (
        connection_id uuid PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
        last_read_at timestamptz NOT NULL,
        read_count bigint NOT NULL
      ) WITH (fillfactor = 50)`);
    await q.query(`
      INSERT INTO connection_reads (connection_id, last_read_at, read_count)
      SELECT id, last_read_at, read_count FROM connections WHERE last_read_at IS NOT NULL`);
    await q.query(`ALTER TABLE connections DROP COLUMN last_read_at, DROP COLUMN read_count`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connections ADD COLUMN last_read_at timestamptz, ADD COLUMN read_count bigint NOT NULL DEFAULT 0`);
    await q.query(`UPDATE connections c SET last_read_at = r.last_read_at, read_count = r.read_count FROM connection_reads r WHERE r.connection_id = c.id`);
    await q.query(`DROP TABLE connection_reads`);
  }
}
