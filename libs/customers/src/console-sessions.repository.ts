import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConsoleSessionEntity, TenantRepository } from '@app/database';

/** A live session with its member and customer, as authentication reads it in one indexed query. */
export interface LiveSession {
  sessionId: string;
  lastSeenAt: Date;
  member: { id: string; email: string };
  customer: { id: string; slug: string; name: string };
}

@Injectable()
export class ConsoleSessionsRepository extends TenantRepository<ConsoleSessionEntity> {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, ConsoleSessionEntity);
  }

  /** Not tenant-scoped: the session cookie is what tells whose request it is. Unexpired and not idle for idleSeconds. */
  async findLiveByTokenHash(tokenHash: string, idleSeconds: number): Promise<LiveSession | null> {
    const rows: Array<{ session_id: string; last_seen_at: Date; member_id: string; email: string; id: string; slug: string; name: string }> = await this.db.query(
      `SELECT s.id AS session_id, s.last_seen_at, m.id AS member_id, m.email, c.id, c.slug, c.name
         FROM console_sessions s
         JOIN members m ON m.id = s.member_id
         JOIN customers c ON c.id = s.customer_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2)`,
      [tokenHash, idleSeconds],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      sessionId: row.session_id,
      lastSeenAt: row.last_seen_at,
      member: { id: row.member_id, email: row.email },
      customer: { id: row.id, slug: row.slug, name: row.name },
    };
  }

  async touch(customerId: string, sessionId: string): Promise<void> {
    await this.db.query(`UPDATE console_sessions SET last_seen_at = now() WHERE id = $1 AND customer_id = $2`, [sessionId, customerId]);
  }

  /** Not tenant-scoped: whoever holds the session token may end that session. */
  async deleteByTokenHash(tokenHash: string): Promise<void> {
    await this.repo().delete({ tokenHash });
  }
}
