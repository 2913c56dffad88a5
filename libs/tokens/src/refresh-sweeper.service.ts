import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JOBS, QUEUES, RefreshJobData, refreshJobId } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';

const PAGE = 5000;

/**
 * Postgres is the source of truth for what is due. Each sweep enqueues the active connections due within the
 * horizon as delayed jobs with deterministic ids (connection + due time), so repeated sweeps, several workers or
 * a flushed Redis never double-schedule or lose one, and Redis holds only what is due soon.
 */
@Injectable()
export class RefreshSweeper {
  private readonly logger = new Logger(RefreshSweeper.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.refresh) private readonly queue: Queue<RefreshJobData>,
  ) {}

  async sweep(now = Date.now()): Promise<number> {
    const horizon = new Date(now + this.config.refresh.sweepHorizonSeconds * 1000);
    let after: { at: Date; id: string } | null = null;
    let total = 0;
    for (;;) {
      const rows: Array<{ id: string; customer_id: string; next_refresh_at: Date }> = await this.db.query(
        `SELECT c.id, c.customer_id, c.next_refresh_at
           FROM connections c JOIN connectors k ON k.id = c.connector_id
          WHERE c.status = 'active' AND c.next_refresh_at <= $1 AND k.misconfigured_at IS NULL
            AND ($2::timestamptz IS NULL OR (c.next_refresh_at, c.id) > ($2::timestamptz, $3::uuid))
          ORDER BY c.next_refresh_at, c.id
          LIMIT ${PAGE}`,
        [horizon, after?.at ?? null, after?.id ?? null],
      );
      if (rows.length === 0) break;
      await this.queue.addBulk(
        rows.map((r) => {
          const dueAt = new Date(r.next_refresh_at);
          return {
            name: JOBS.refreshConnection,
            data: { customerId: r.customer_id, connectionId: r.id },
            opts: { jobId: refreshJobId(r.id, dueAt), delay: Math.max(0, dueAt.getTime() - now) },
          };
        }),
      );
      total += rows.length;
      const last = rows[rows.length - 1];
      after = { at: new Date(last.next_refresh_at), id: last.id };
      if (rows.length < PAGE) break;
    }
    if (total) this.logger.debug({ scheduled: total }, 'Sweep scheduled due refreshes');
    return total;
  }
}
