import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks: the events log (also the transactional outbox: unrelayed rows are the relay's work), the customers'
 * endpoints, one delivery per (event, endpoint) with its due time, and one row per HTTP attempt. Connectors remember
 * which client-secret expiry notices were sent.
 */
export class Webhooks1764800000000 implements MigrationInterface {
  name = 'Webhooks1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        type text NOT NULL,
        connection_id uuid,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await q.query(`CREATE INDEX events_unrelayed_idx ON events (created_at) WHERE relayed_at IS NULL`);
    await q.query(`CREATE INDEX events_customer_created_idx ON events (customer_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX events_customer_connection_idx ON events (customer_id, connection_id, created_at DESC) WHERE connection_id IS NOT NULL`);
    await q.query(`CREATE INDEX events_created_idx ON events (created_at)`);

    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        url text NOT NULL,
        events text[] NOT NULL,
        description text,
        enabled boolean NOT NULL DEFAULT true,
        disabled_code text,
        disabled_reason text,
        disabled_at timestamptz,
        secret_encrypted text NOT NULL,
        previous_secret_encrypted text,
        previous_secret_expires_at timestamptz,
        failing_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_customer_idx ON webhook_endpoints (customer_id, created_at)`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        trigger text NOT NULL CHECK (trigger IN ('event', 'redeliver', 'test')),
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The relay's one delivery per (event, endpoint): relaying twice adds nothing.
    await q.query(`CREATE UNIQUE INDEX webhook_deliveries_event_endpoint_uq ON webhook_deliveries (event_id, endpoint_id) WHERE trigger = 'event'`);
    await q.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id)`);
    await q.query(`CREATE INDEX webhook_deliveries_customer_idx ON webhook_deliveries (customer_id)`);

    await q.query(`
      CREATE TABLE webhook_attempts (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        event_type text NOT NULL,
        attempt integer NOT NULL,
        status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
        http_status integer,
        error text,
        duration_ms integer NOT NULL,
        response_body text,
        next_attempt_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_attempts_endpoint_idx ON webhook_attempts (endpoint_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id)`);
    await q.query(`CREATE INDEX webhook_attempts_event_idx ON webhook_attempts (event_id)`);
    await q.query(`CREATE INDEX webhook_attempts_customer_idx ON webhook_attempts (customer_id)`);

    await q.query(`ALTER TABLE connectors ADD COLUMN secret_expiry_notified_days integer, ADD COLUMN secret_expiry_notified_for timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connectors DROP COLUMN secret_expiry_notified_days, DROP COLUMN secret_expiry_notified_for`);
    await q.query(`DROP TABLE webhook_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
    await q.query(`DROP TABLE events`);
  }
}
