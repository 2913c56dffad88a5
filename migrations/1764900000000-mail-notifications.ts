import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail notifications: the connector's settings, one subscription row per connection (its Graph subscription, the
 * keyed hash of its clientState, and when the worker must act on it next: the renewal schedule lives here, not in
 * Redis), and the keys of recently accepted notifications (Graph delivers at least once; a key seen twice is one event).
 * mail_subscriptions has no foreign key to connections: a deleted connection's row stays until its subscription is
 * deleted at Graph.
 */
export class MailNotifications1764900000000 implements MigrationInterface {
  name = 'MailNotifications1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE connectors
        ADD COLUMN mail_notifications_enabled boolean NOT NULL DEFAULT false,
        ADD COLUMN mail_notifications_folder text NOT NULL DEFAULT 'inbox' CHECK (mail_notifications_folder IN ('inbox', 'all')),
        ADD COLUMN mail_notifications_change_types text[] NOT NULL DEFAULT '{created}'`);

    await q.query(`
      CREATE TABLE mail_subscriptions (
        connection_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        connector_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'active', 'paused', 'failed')),
        graph_subscription_id text UNIQUE,
        client_state_hash bytea,
        resource text,
        change_types text[],
        expires_at timestamptz,
        next_action_at timestamptz,
        lease_until timestamptz,
        version integer NOT NULL DEFAULT 0,
        failures integer NOT NULL DEFAULT 0,
        last_error text,
        last_alive_at timestamptz,
        pending_lifecycle text CHECK (pending_lifecycle IN ('reauthorizationRequired', 'subscriptionRemoved')),
        stale_subscription_ids text[] NOT NULL DEFAULT '{}',
        force_renewal boolean NOT NULL DEFAULT false,
        connection_gone boolean NOT NULL DEFAULT false,
        cleanup_token_encrypted text,
        cleanup_token_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mail_subscriptions_due_idx ON mail_subscriptions (next_action_at) WHERE next_action_at IS NOT NULL`);
    await q.query(`CREATE INDEX mail_subscriptions_connector_idx ON mail_subscriptions (customer_id, connector_id)`);

    await q.query(`CREATE TABLE mail_notification_keys (key bytea PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX mail_notification_keys_created_idx ON mail_notification_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_notification_keys`);
    await q.query(`DROP TABLE mail_subscriptions`);
    await q.query(`ALTER TABLE connectors DROP COLUMN mail_notifications_enabled, DROP COLUMN mail_notifications_folder, DROP COLUMN mail_notifications_change_types`);
  }
}
