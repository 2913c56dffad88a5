import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const FLUSH_EVERY_MS = 1000;

/**
 * Records token reads (last read time and a counter per connection) off the hot path: reads are collected in
 * memory and written in one statement per second, whatever the request rate.
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
    try {
      await this.db.query(
        `UPDATE connections c SET last_read_at = GREATEST(c.last_read_at, v.at), read_count = c.read_count + v.n
           FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::timestamptz[]) AS at, unnest($3::int[]) AS n) v
          WHERE c.id = v.id`,
        [ids, ids.map((id) => batch.get(id)!.at.toISOString()), ids.map((id) => batch.get(id)!.count)],
      );
    } catch (err) {
      this.logger.warn({ err, connections: ids.length }, 'Could not record token reads');
    }
  }
}
