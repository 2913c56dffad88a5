import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A connection can be tenant_blocked: the end user's organisation refuses the app (that connection alone stops).
 * Which connection's refresh flagged the connector: saving the connector re-checks the credentials with a refresh of
 * that connection. No foreign key: the re-check falls back to another connection when this one is gone.
 */
export class RefreshFailureScope1764720000000 implements MigrationInterface {
  name = 'RefreshFailureScope1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connectors ADD COLUMN misconfigured_connection_id uuid`);
    await q.query(`ALTER TABLE connections DROP CONSTRAINT connections_status_check`);
    await q.query(`ALTER TABLE connections ADD CONSTRAINT connections_status_check CHECK (status IN ('active', 'needs_reauth', 'tenant_blocked', 'error'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The previous status set has no tenant_blocked: those connections need their user back, the closest old status.
    await q.query(`UPDATE connections SET status = 'needs_reauth' WHERE status = 'tenant_blocked'`);
    await q.query(`ALTER TABLE connections DROP CONSTRAINT connections_status_check`);
    await q.query(`ALTER TABLE connections ADD CONSTRAINT connections_status_check CHECK (status IN ('active', 'needs_reauth', 'error'))`);
    await q.query(`ALTER TABLE connectors DROP COLUMN misconfigured_connection_id`);
  }
}
