import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1763862000000 implements MigrationInterface {
  name = 'Foundation1763862000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        name text,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_customer_idx ON api_keys (customer_id, created_at)`);
    await q.query(`
      CREATE TABLE connectors (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        kind text NOT NULL,
        app_mode text NOT NULL CHECK (app_mode IN ('private', 'default')),
        client_id text,
        client_type text NOT NULL CHECK (client_type IN ('confidential', 'public')),
        client_secret_encrypted text,
        client_secret_hint text,
        client_secret_updated_at timestamptz,
        client_secret_expires_at timestamptz,
        tenant text NOT NULL,
        scopes text[] NOT NULL,
        display_name text NOT NULL,
        description text,
        logo_url text,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT connectors_customer_kind_key UNIQUE (customer_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE connectors');
    await q.query('DROP TABLE api_keys');
    await q.query('DROP TABLE customers');
  }
}
