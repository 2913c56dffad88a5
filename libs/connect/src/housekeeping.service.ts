import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SESSION_IDLE_MS } from '@app/customers';
import { HousekeepingRepository } from './repositories/housekeeping.repository';

/** Pending attempts older than this never came back from Microsoft (states last 10 minutes, sessions 30). */
const ABANDONED_AFTER_MINUTES = 60;
/** Expired OAuth states and connect sessions are kept a while, so a late callback is still told "expired", not "unknown". */
const EXPIRED_KEPT_HOURS = 24;
const BATCH = 5000;

const ABANDONED_EXPLANATION =
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
    private readonly store: HousekeepingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<HousekeepingResult> {
    const result: HousekeepingResult = {
      abandonedAttempts: await batched((limit) => this.store.abandonPendingAttempts(ABANDONED_AFTER_MINUTES, ABANDONED_EXPLANATION, limit)),
      oauthStates: await batched((limit) => this.store.deleteExpiredStates(EXPIRED_KEPT_HOURS, limit)),
      connectSessions: await batched((limit) => this.store.deleteExpiredSessions(EXPIRED_KEPT_HOURS, limit)),
      consoleSessions: await batched((limit) => this.store.deleteIdleConsoleSessions(SESSION_IDLE_MS / 1000, limit)),
      expiredAttempts: await batched((limit) => this.store.deleteAttemptsOlderThan(this.config.connectAttemptRetentionDays, limit)),
    };
    if (Object.values(result).some((n) => n > 0)) this.logger.log(result, 'Housekeeping done');
    return result;
  }
}

/** Runs a statement in batches of BATCH rows (short transactions, no long locks) until it touches fewer. */
async function batched(statement: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await statement(BATCH);
    total += count;
    if (count < BATCH) return total;
  }
}
