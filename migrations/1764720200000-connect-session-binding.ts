import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A connect session belongs to the first browser that opens it (the hash of its binding cookie), and counts the
 * connect attempts it started so a leaked link cannot start flows without bound.
 */
export class ConnectSessionBinding1764720200000 implements MigrationInterface {
  name = 'ConnectSessionBinding1764720200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connect_sessions ADD COLUMN browser_binding_hash text, ADD COLUMN attempts_started integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connect_sessions DROP COLUMN browser_binding_hash, DROP COLUMN attempts_started`);
  }
}
