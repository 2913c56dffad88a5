import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { JOBS, QUEUES, queueDueRows, REDIS, RefreshJobData, redisKeys, refreshJobId } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';

const PAGE = 5000;
/**
 * How far before the previous sweep started the "written since" arm looks: covers clock skew between workers and
 * PostgreSQL, and a writer's transaction that began (its now()) before that sweep but committed after it.
 */
const WRITTEN_OVERLAP_MS = 15_000;

/** What the last sweeps covered, kept in Redis beside the jobs: when Redis loses the jobs, it loses this too. */
interface SweepMark {
  /** Everything due up to this time (ms) was enqueued. */
  until: number;
  /** When the last full sweep started (ms). */
  fullAt: number;
  /** When the last sweep started, by this host's clock (ms; not the `now` a caller passed). */
  sweptAt: number;
}

/**
 * Postgres is the source of truth for what is due. Each sweep enqueues the active connections due within the
 * horizon as delayed jobs with deterministic ids (connection + due time), so repeated sweeps, several workers or
 * a flushed Redis never double-schedule or lose one, and Redis holds only what is due soon.
 *
 * A sweep is incremental: it enqueues only what became due since the mark the previous one left in Redis, so each
 * connection is added about once instead of once per sweep within the horizon (re-adding an existing job is a no-op,
 * but a Redis script call all the same: at 1,000 refreshes/s that was most of the worker's CPU). A full sweep runs
 * every REFRESH_FULL_SWEEP_SECONDS and whenever the mark is missing (Redis flushed or restarted, first boot).
 * An incremental sweep also takes the connections written since the previous one (updated_at): a reconnect or a
 * schedule reset can put next_refresh_at into a window already swept, and must not wait for the next full sweep.
 */
@Injectable()
export class RefreshSweeper {
  private readonly logger = new Logger(RefreshSweeper.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.refresh) private readonly queue: Queue<RefreshJobData>,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  private get markKey(): string {
    return redisKeys(this.config.queuePrefix).refreshSwept;
  }

  /** Enqueues what is due within the horizon; `full` forces a full sweep. Returns how many were enqueued. */
  async sweep(now = Date.now(), full = false): Promise<number> {
    const horizon = new Date(now + this.config.refresh.sweepHorizonSeconds * 1000);
    const mark = full ? null : await this.readMark();
    const incremental = mark !== null && now - mark.fullAt < this.config.refresh.fullSweepSeconds * 1000;
    const startedAt = Date.now();
    let total: number;
    if (incremental) {
      // What became due since the last sweep (the next_refresh_at index), plus what was written since the last sweep
      // with a due time in the window already swept, e.g. a reconnect (the updated_at index, so only recent writes are
      // read). Two queries, not one OR, so neither scans the whole due backlog.
      total = await this.enqueueWhere(now, 'c.next_refresh_at <= $1 AND c.next_refresh_at > $4::timestamptz', [horizon, new Date(mark.until)]);
      total += await this.enqueueWhere(now, 'c.updated_at >= $4::timestamptz AND c.next_refresh_at <= $1 AND c.next_refresh_at <= $5::timestamptz', [
        horizon,
        new Date(mark.sweptAt - WRITTEN_OVERLAP_MS),
        new Date(mark.until),
      ]);
    } else {
      total = await this.enqueueWhere(now, 'c.next_refresh_at <= $1', [horizon]);
    }
    // Only once everything up to the horizon is in Redis: a sweep that failed half-way leaves the old mark.
    const next: SweepMark = { until: horizon.getTime(), fullAt: incremental ? mark.fullAt : now, sweptAt: startedAt };
    await this.redis.set(this.markKey, JSON.stringify(next), 'EX', 86_400);
    if (total) this.logger.debug({ scheduled: total, full: !incremental }, 'Sweep scheduled due refreshes');
    return total;
  }

  /** Pages (keyset on due time, id) through the active connections of unflagged connectors matching `where`, enqueuing each. */
  private enqueueWhere(now: number, where: string, params: [Date, ...Date[]]): Promise<number> {
    return queueDueRows(this.queue, JOBS.refreshConnection, PAGE, now, async (after) => {
      const rows: Array<{ id: string; customer_id: string; next_refresh_at: Date }> = await this.db.query(
        `SELECT c.id, c.customer_id, c.next_refresh_at
           FROM connections c JOIN connectors k ON k.id = c.connector_id AND k.customer_id = c.customer_id
          WHERE c.status = 'active' AND k.misconfigured_at IS NULL AND ${where}
            AND ($2::timestamptz IS NULL OR (c.next_refresh_at, c.id) > ($2::timestamptz, $3::uuid))
          ORDER BY c.next_refresh_at, c.id
          LIMIT ${PAGE}`,
        [params[0], after?.at ?? null, after?.id ?? null, ...params.slice(1)],
      );
      return rows.map((r) => {
        const dueAt = new Date(r.next_refresh_at);
        return { id: r.id, dueAt, jobId: refreshJobId(r.id, dueAt), data: { customerId: r.customer_id, connectionId: r.id } };
      });
    });
  }

  private async readMark(): Promise<SweepMark | null> {
    const raw = await this.redis.get(this.markKey);
    if (!raw) return null;
    try {
      const mark = JSON.parse(raw) as SweepMark;
      return Number.isFinite(mark.until) && Number.isFinite(mark.fullAt) && Number.isFinite(mark.sweptAt) ? mark : null;
    } catch {
      return null;
    }
  }
}
