import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConnectFlow1763870000000 implements MigrationInterface {
  name = 'ConnectFlow1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers ADD COLUMN allowed_return_origins text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE connectors ADD COLUMN multiple_accounts boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE connect_sessions (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        end_user_id text NOT NULL,
        end_user_email text,
        end_user_display_name text,
        return_url text,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX connect_sessions_customer_idx ON connect_sessions (customer_id, created_at)`);
    await q.query(`
      CREATE TABLE oauth_states (
        id uuid PRIMARY KEY,
        state_hash text NOT NULL UNIQUE,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        connector_id uuid NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
        connect_session_id uuid NOT NULL REFERENCES connect_sessions(id) ON DELETE CASCADE,
        attempt_id uuid NOT NULL,
        expected_tenant text NOT NULL,
        client_id text NOT NULL,
        redirect_uri text NOT NULL,
        requested_scopes text[] NOT NULL,
        code_verifier_encrypted text NOT NULL,
        session_token_encrypted text NOT NULL,
        nonce text NOT NULL,
        browser_binding_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX oauth_states_expires_idx ON oauth_states (expires_at)`);
    await q.query(`
      CREATE TABLE connections (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        connector_id uuid NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
        end_user_id text NOT NULL,
        end_user_email text,
        end_user_display_name text,
        ms_tenant_id text NOT NULL,
        ms_object_id text NOT NULL,
        ms_label text,
        ms_display_name text,
        client_id text NOT NULL,
        scopes text[] NOT NULL,
        access_token_encrypted text,
        refresh_token_encrypted text,
        expires_at timestamptz,
        status text NOT NULL CHECK (status IN ('active', 'needs_reauth', 'error')),
        status_reason text,
        status_code text,
        version integer NOT NULL DEFAULT 1,
        last_refreshed_at timestamptz,
        last_read_at timestamptz,
        connected_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT connections_account_key UNIQUE (customer_id, connector_id, end_user_id, ms_tenant_id, ms_object_id)
      )`);
    await q.query(`CREATE INDEX connections_customer_end_user_idx ON connections (customer_id, end_user_id)`);
    await q.query(`CREATE INDEX connections_customer_created_idx ON connections (customer_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE connect_attempts (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        connector_id uuid REFERENCES connectors(id) ON DELETE SET NULL,
        connect_session_id uuid REFERENCES connect_sessions(id) ON DELETE SET NULL,
        end_user_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'connected', 'failed', 'declined')),
        error text,
        error_code text,
        explanation text,
        connection_id uuid REFERENCES connections(id) ON DELETE SET NULL,
        account_label text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX connect_attempts_customer_idx ON connect_attempts (customer_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE connect_attempts');
    await q.query('DROP TABLE connections');
    await q.query('DROP TABLE oauth_states');
    await q.query('DROP TABLE connect_sessions');
    await q.query('ALTER TABLE connectors DROP COLUMN multiple_accounts');
    await q.query('ALTER TABLE customers DROP COLUMN allowed_return_origins');
  }
}
