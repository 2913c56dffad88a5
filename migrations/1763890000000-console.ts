import { MigrationInterface, QueryRunner } from 'typeorm';

export class Console1763890000000 implements MigrationInterface {
  name = 'Console1763890000000';

  async up(q: QueryRunner): Promise<void> {
    // People who sign in to the admin console. An email belongs to one customer, so sign-in needs no customer picker.
    await q.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        email text NOT NULL,
        password_hash text,
        invite_token_hash text UNIQUE,
        invite_expires_at timestamptz,
        failed_sign_ins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_sign_in_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT members_email_lowercase CHECK (email = lower(email))
      )`);
    await q.query(`CREATE UNIQUE INDEX members_email_idx ON members (email)`);
    await q.query(`CREATE INDEX members_customer_idx ON members (customer_id)`);
    await q.query(`
      CREATE TABLE console_sessions (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX console_sessions_member_idx ON console_sessions (member_id)`);
    await q.query(`CREATE INDEX console_sessions_expiry_idx ON console_sessions (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE console_sessions');
    await q.query('DROP TABLE members');
  }
}
