import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { Metrics, METRICS, QUEUE_STATES, QUEUES, withTimeout } from '@app/common';
import { ConnectionStats, ConnectionStatsRepository } from './connection-stats.repository';

/** A scrape gives up on a source after this long: its gauge then has no samples rather than a stale value. */
const READ_TIMEOUT_MS = 2_000;
/** Connection totals are read at most this often, however often Prometheus scrapes (or however many scrape). */
const CONNECTION_STATS_TTL_MS = 5_000;

/** The worker's gauges, read when scraped: BullMQ queue depths, connection and mail subscription totals. */
@Injectable()
export class WorkerGauges implements OnModuleInit {
  private readonly logger = new Logger(WorkerGauges.name);
  private connectionStats: { at: number; read: Promise<ConnectionStats | null> } | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly stats: ConnectionStatsRepository,
    @InjectQueue(QUEUES.refresh) private readonly refreshQueue: Queue,
    @InjectQueue(QUEUES.system) private readonly systemQueue: Queue,
    @InjectQueue(QUEUES.mailSubscriptions) private readonly mailQueue: Queue,
  ) {}

  onModuleInit(): void {
    if (!this.metrics.enabled) return;
    const registers = [this.metrics.registry];
    const queues = [this.refreshQueue, this.systemQueue, this.mailQueue];
    // collect() runs with the gauge as `this`; these reach the service.
    const read = <T>(what: string, value: Promise<T>) => this.read(what, value);
    const connectionStats = () => this.cachedConnectionStats();
    new Gauge({
      ...METRICS.queueJobs,
      labelNames: [...METRICS.queueJobs.labelNames],
      registers,
      async collect() {
        this.reset();
        const counts = await read('queue depths', Promise.all(queues.map((q) => q.getJobCounts(...QUEUE_STATES))));
        counts?.forEach((count, i) => {
          for (const state of QUEUE_STATES) this.set({ queue: queues[i].name, state }, count[state] ?? 0);
        });
      },
    });
    new Gauge({
      ...METRICS.connections,
      labelNames: [...METRICS.connections.labelNames],
      registers,
      async collect() {
        this.reset();
        const stats = await connectionStats();
        for (const [status, n] of Object.entries(stats?.byStatus ?? {})) this.set({ status }, n);
      },
    });
    new Gauge({
      ...METRICS.oldestDueRefreshAge,
      labelNames: [],
      registers,
      async collect() {
        this.reset();
        const stats = await connectionStats();
        if (stats) this.set(stats.oldestDueSeconds);
      },
    });
    new Gauge({
      ...METRICS.mailSubscriptions,
      labelNames: [...METRICS.mailSubscriptions.labelNames],
      registers,
      async collect() {
        this.reset();
        const stats = await connectionStats();
        for (const [status, n] of Object.entries(stats?.mailSubscriptionsByStatus ?? {})) this.set({ status }, n);
      },
    });
    new Gauge({
      ...METRICS.oldestDueMailSubscriptionAge,
      labelNames: [],
      registers,
      async collect() {
        this.reset();
        const stats = await connectionStats();
        if (stats) this.set(stats.oldestDueMailSeconds);
      },
    });
  }

  /**
   * One read for every gauge and scrape within the TTL, failed or not: a fast scraper cannot load Postgres. The cached
   * promise is the guarded one, so both gauges share one time limit and a failure is logged once.
   */
  private cachedConnectionStats(): Promise<ConnectionStats | null> {
    if (!this.connectionStats || Date.now() - this.connectionStats.at > CONNECTION_STATS_TTL_MS) {
      this.connectionStats = { at: Date.now(), read: this.read('connection totals', this.stats.read()) };
    }
    return this.connectionStats.read;
  }

  /** The value, or null (logged) when the source failed or was too slow: the scrape goes on without that gauge. */
  private async read<T>(what: string, value: Promise<T>): Promise<T | null> {
    try {
      return await withTimeout(value, READ_TIMEOUT_MS);
    } catch (err) {
      this.logger.warn({ err }, `Could not read ${what} for /metrics`);
      return null;
    }
  }
}
