import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The clean-up statements of housekeeping. Not tenant-scoped on purpose: expiry is the same rule for every customer,
 * and one statement over all of them is what keeps the job cheap. Each touches at most `limit` rows (short
 * transactions, no long locks) and answers how many it touched.
 */
@Injectable()
export class HousekeepingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  abandonPendingAttempts(olderThanMinutes: number, explanation: string, limit: number): Promise<number> {
    return this.count(
      `UPDATE connect_attempts SET status = 'abandoned', completed_at = now(), explanation = $2
        WHERE id IN (SELECT id FROM connect_attempts WHERE status = 'pending' AND created_at < now() - make_interval(mins => $3) LIMIT $1)`,
      [limit, explanation, olderThanMinutes],
    );
  }

  deleteExpiredStates(keptHours: number, limit: number): Promise<number> {
    return this.count(
      `DELETE FROM oauth_states WHERE id IN (SELECT id FROM oauth_states WHERE expires_at < now() - make_interval(hours => $2) LIMIT $1)`,
      [limit, keptHours],
    );
  }

  deleteExpiredSessions(keptHours: number, limit: number): Promise<number> {
    return this.count(
      `DELETE FROM connect_sessions WHERE id IN (SELECT id FROM connect_sessions WHERE expires_at < now() - make_interval(hours => $2) LIMIT $1)`,
      [limit, keptHours],
    );
  }

  deleteIdleConsoleSessions(idleSeconds: number, limit: number): Promise<number> {
    return this.count(
      `DELETE FROM console_sessions WHERE id IN (
         SELECT id FROM console_sessions WHERE expires_at < now() OR last_seen_at < now() - make_interval(secs => $2) LIMIT $1)`,
      [limit, idleSeconds],
    );
  }

  deleteAttemptsOlderThan(days: number, limit: number): Promise<number> {
    return this.count(
      `DELETE FROM connect_attempts WHERE id IN (SELECT id FROM connect_attempts WHERE created_at < now() - make_interval(days => $2) LIMIT $1)`,
      [limit, days],
    );
  }

  private async count(sql: string, params: unknown[]): Promise<number> {
    const [, count] = (await this.db.query(sql, params)) as [unknown, number];
    return count;
  }
}
