import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SESSION_IDLE_MS } from '@app/customers';

/** Pending attempts older than this never came back from Microsoft (states last 10 minutes, sessions 30). */
export const ABANDONED_AFTER_MINUTES = 60;
/** Expired OAuth states and connect sessions are kept a while, so a late callback is still told "expired", not "unknown". */
const EXPIRED_KEPT_HOURS = 24;
const BATCH = 5000;

export const ABANDONED_EXPLANATION =
  'The end user started connecting but never came back from Microsoft (closed the window, or stopped at sign-in or consent). Nothing was connected.';

export interface HousekeepingResult {
  abandonedAttempts: number;
  oauthStates: number;
  connectSessions: number;
  consoleSessions: number;
  expiredAttempts: number;
}

/**
 * Periodic clean-up run by the worker: closes abandoned attempts, deletes expired one-time records and connect
 * attempts past their retention (CONNECT_ATTEMPT_RETENTION_DAYS). Idempotent.
 */
@Injectable()
export class HousekeepingService {
  private readonly logger = new Logger(HousekeepingService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<HousekeepingResult> {
    const result: HousekeepingResult = {
      abandonedAttempts: await this.batched(
        `UPDATE connect_attempts SET status = 'abandoned', completed_at = now(), explanation = $2
          WHERE id IN (SELECT id FROM connect_attempts WHERE status = 'pending' AND created_at < now() - make_interval(mins => $3) LIMIT $1)`,
        [ABANDONED_EXPLANATION, ABANDONED_AFTER_MINUTES],
      ),
      oauthStates: await this.batched(
        `DELETE FROM oauth_states WHERE id IN (SELECT id FROM oauth_states WHERE expires_at < now() - make_interval(hours => $2) LIMIT $1)`,
        [EXPIRED_KEPT_HOURS],
      ),
      connectSessions: await this.batched(
        `DELETE FROM connect_sessions WHERE id IN (SELECT id FROM connect_sessions WHERE expires_at < now() - make_interval(hours => $2) LIMIT $1)`,
        [EXPIRED_KEPT_HOURS],
      ),
      consoleSessions: await this.batched(
        `DELETE FROM console_sessions WHERE id IN (
           SELECT id FROM console_sessions WHERE expires_at < now() OR last_seen_at < now() - make_interval(secs => $2) LIMIT $1)`,
        [SESSION_IDLE_MS / 1000],
      ),
      expiredAttempts: await this.batched(
        `DELETE FROM connect_attempts WHERE id IN (SELECT id FROM connect_attempts WHERE created_at < now() - make_interval(days => $2) LIMIT $1)`,
        [this.config.connectAttemptRetentionDays],
      ),
    };
    if (Object.values(result).some((n) => n > 0)) this.logger.log(result, 'Housekeeping done');
    return result;
  }

  /** Runs a statement in batches of BATCH rows (short transactions, no long locks) until it touches fewer. */
  private async batched(sql: string, params: unknown[]): Promise<number> {
    let total = 0;
    for (;;) {
      const [, count] = (await this.db.query(sql, [BATCH, ...params])) as [unknown, number];
      total += count;
      if (count < BATCH) return total;
    }
  }
}
