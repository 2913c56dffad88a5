import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const FLUSH_EVERY_MS = 1000;

/**
 * Records token reads (last read time and a counter per connection) off the hot path: reads are collected in
 * memory and written in one statement per second, whatever the request rate (and on shutdown). They go to
 * connection_reads, a narrow table whose updates stay on their page, not to the wide connections row.
 */
@Injectable()
export class ReadTracker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReadTracker.name);
  private pending = new Map<string, { at: Date; count: number }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  record(connectionId: string): void {
    const entry = this.pending.get(connectionId);
    if (entry) {
      entry.at = new Date();
      entry.count += 1;
    } else this.pending.set(connectionId, { at: new Date(), count: 1 });
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const ids = [...batch.keys()];
    const values = [ids, ids.map((id) => batch.get(id)!.at.toISOString()), ids.map((id) => batch.get(id)!.count)];
    // Rows are written in id order, so two instances flushing overlapping sets cannot deadlock. A connection deleted
    // since its read is skipped by the join; one deleted during the flush itself fails it once, and the retry skips it.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.query(
          `INSERT INTO connection_reads AS r (connection_id, last_read_at, read_count)
           SELECT v.id, v.at, v.n
             FROM unnest($1::uuid[], $2::timestamptz[], $3::int[]) AS v(id, at, n)
             JOIN connections c ON c.id = v.id
           ORDER BY v.id
           ON CONFLICT (connection_id) DO UPDATE
              SET last_read_at = GREATEST(r.last_read_at, EXCLUDED.last_read_at), read_count = r.read_count + EXCLUDED.read_count`,
          values,
        );
        return;
      } catch (err) {
        if (attempt < 2) continue;
        this.logger.warn({ err, connections: ids.length }, 'Could not record token reads');
        return;
      }
    }
  }
}
