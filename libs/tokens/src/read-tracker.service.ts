import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as delay } from 'node:timers/promises';
import { DataSource } from 'typeorm';

/** Reads of one connection within this interval become one row update. */
const FLUSH_EVERY_MS = 5000;
/** Rows per statement: each is a short burst of PostgreSQL work, so token requests never queue behind a long one. */
const CHUNK_ROWS = 250;
const PAUSE_BETWEEN_CHUNKS_MS = 2;

/**
 * Records token reads (last read time and a counter per connection) off the hot path: reads are collected in
 * memory and written every 5 seconds (and on shutdown), whatever the request rate, in statements of 250 rows with a
 * pause between them. At 3,400 requests/s over 10k connections one 3,000-row statement a second cost about 18 ms of
 * PostgreSQL time at once, enough to show in the token endpoint's p99 (docs/benchmarks.md). The rows go to
 * connection_reads, a narrow table whose updates stay on their page, not to the wide connections row.
 */
@Injectable()
export class ReadTracker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReadTracker.name);
  private pending = new Map<string, { at: number; count: number }>();
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
      entry.at = Date.now();
      entry.count += 1;
    } else this.pending.set(connectionId, { at: Date.now(), count: 1 });
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const ids = [...batch.keys()].sort();
    for (let start = 0; start < ids.length; start += CHUNK_ROWS) {
      if (start > 0) await delay(PAUSE_BETWEEN_CHUNKS_MS);
      await this.write(ids.slice(start, start + CHUNK_ROWS), batch);
    }
  }

  private async write(ids: string[], batch: Map<string, { at: number; count: number }>): Promise<void> {
    const values = [ids, ids.map((id) => new Date(batch.get(id)!.at).toISOString()), ids.map((id) => batch.get(id)!.count)];
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
