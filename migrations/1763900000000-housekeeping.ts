import { MigrationInterface, QueryRunner } from 'typeorm';

export class Housekeeping1763900000000 implements MigrationInterface {
  name = 'Housekeeping1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // An attempt whose end user never came back from Microsoft is closed as "abandoned" by the worker's housekeeping.
    await q.query(`ALTER TABLE connect_attempts DROP CONSTRAINT connect_attempts_status_check`);
    await q.query(`ALTER TABLE connect_attempts ADD CONSTRAINT connect_attempts_status_check CHECK (status IN ('pending', 'connected', 'failed', 'declined', 'abandoned'))`);
    await q.query(`CREATE INDEX connect_attempts_pending_idx ON connect_attempts (created_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX connect_sessions_expires_idx ON connect_sessions (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX connect_sessions_expires_idx');
    await q.query('DROP INDEX connect_attempts_pending_idx');
    await q.query(`UPDATE connect_attempts SET status = 'failed' WHERE status = 'abandoned'`);
    await q.query(`ALTER TABLE connect_attempts DROP CONSTRAINT connect_attempts_status_check`);
    await q.query(`ALTER TABLE connect_attempts ADD CONSTRAINT connect_attempts_status_check CHECK (status IN ('pending', 'connected', 'failed', 'declined'))`);
  }
}
