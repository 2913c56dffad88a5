import { MigrationInterface, QueryRunner } from 'typeorm';

export class TokenRefresh1763880000000 implements MigrationInterface {
  name = 'TokenRefresh1763880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connections ADD COLUMN next_refresh_at timestamptz`);
    await q.query(`ALTER TABLE connections ADD COLUMN refresh_failures integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE connections ADD COLUMN last_refresh_error text`);
    await q.query(`ALTER TABLE connections ADD COLUMN read_count bigint NOT NULL DEFAULT 0`);
    // What the refresh grant asks for and where: the scopes and tenant path of the original authorization request.
    await q.query(`ALTER TABLE connections ADD COLUMN requested_scopes text[]`);
    await q.query(`ALTER TABLE connections ADD COLUMN authority_tenant text`);
    await q.query(`UPDATE connections SET next_refresh_at = expires_at - interval '10 minutes' WHERE status = 'active'`);
    // The sweep reads only active connections due soon: a partial index keeps that cheap at any size.
    await q.query(`CREATE INDEX connections_due_idx ON connections (next_refresh_at) WHERE status = 'active'`);
    await q.query(`ALTER TABLE connectors ADD COLUMN misconfigured_at timestamptz`);
    await q.query(`ALTER TABLE connectors ADD COLUMN misconfigured_code text`);
    await q.query(`ALTER TABLE connectors ADD COLUMN misconfigured_reason text`);
    await q.query(`
      CREATE TABLE connection_events (
        id bigserial PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        status text NOT NULL,
        code text,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX connection_events_connection_idx ON connection_events (connection_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE connection_events');
    await q.query('ALTER TABLE connectors DROP COLUMN misconfigured_reason, DROP COLUMN misconfigured_code, DROP COLUMN misconfigured_at');
    await q.query('DROP INDEX connections_due_idx');
    await q.query('ALTER TABLE connections DROP COLUMN authority_tenant, DROP COLUMN requested_scopes, DROP COLUMN read_count, DROP COLUMN last_refresh_error, DROP COLUMN refresh_failures, DROP COLUMN next_refresh_at');
  }
}
